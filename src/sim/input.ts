import type { Mode, SimInput, Step } from './types.ts';

export const DEFAULTS = {
  cores: 4,
  /** `#define DEFAULT_INTERVAL 5000` in Python/ceval_gil.c: sys.getswitchinterval() == 0.005. */
  switchInterval: 5000,
  /**
   * Since 3.10 the eval breaker is checked on loop back-edges and after calls (python/cpython#18334),
   * so a pure-Python loop meets one every few dozen nanoseconds to microseconds. 50 µs keeps traces
   * small while staying far below the switch interval.
   */
  checkEvery: 50,
  /** Doc/whatsnew/3.14.rst: the free-threaded build's single-thread penalty is "roughly 5-10%". */
  ftOverhead: 1.1,
  /**
   * gil-facts §5.4 [measured]: Process start+join took 53–83 ms with spawn, 14–30 ms with
   * forkserver, 1.7–2.6 ms with fork. 50 ms stands for spawn (macOS, Windows).
   */
  processStartup: 50_000,
  dataCopy: 0,
  /** A plain round-robin slice; not Linux CFS, just fair and deterministic. */
  osTimeslice: 1000,
} as const;

export interface ResolvedThread {
  readonly name: string;
  readonly steps: readonly Step[];
}

export interface ResolvedInput {
  readonly mode: Mode;
  readonly threads: readonly ResolvedThread[];
  readonly cores: number;
  readonly switchInterval: number;
  readonly checkEvery: number;
  readonly ftOverhead: number;
  readonly processStartup: number;
  readonly dataCopy: number;
  readonly osTimeslice: number;
}

export const MODES: readonly Mode[] = ['gil', 'free-threaded', 'processes'];

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min} (µs), got ${value}`);
  }
  return value;
}

/** Fills in defaults and rejects malformed input (use params.ts for untrusted values). */
export function resolveInput(input: SimInput): ResolvedInput {
  if (!MODES.includes(input.mode)) throw new RangeError(`unknown mode ${String(input.mode)}`);
  const ftOverhead = input.ftOverhead ?? DEFAULTS.ftOverhead;
  if (!Number.isFinite(ftOverhead) || ftOverhead <= 0) {
    throw new RangeError(`ftOverhead must be a positive number, got ${ftOverhead}`);
  }
  const prefix = input.mode === 'processes' ? 'Process' : 'Thread';
  return {
    mode: input.mode,
    threads: input.threads.map((spec, i) => {
      spec.steps.forEach((step, j) => whole(`threads[${i}].steps[${j}].duration`, step.duration, 0));
      return { name: spec.name ?? `${prefix}-${i + 1}`, steps: spec.steps };
    }),
    cores: whole('cores', input.cores ?? DEFAULTS.cores, 1),
    switchInterval: whole('switchInterval', input.switchInterval ?? DEFAULTS.switchInterval, 1),
    checkEvery: whole('checkEvery', input.checkEvery ?? DEFAULTS.checkEvery, 1),
    ftOverhead,
    processStartup: whole('processStartup', input.processStartup ?? DEFAULTS.processStartup, 0),
    dataCopy: whole('dataCopy', input.dataCopy ?? DEFAULTS.dataCopy, 0),
    osTimeslice: whole('osTimeslice', input.osTimeslice ?? DEFAULTS.osTimeslice, 1),
  };
}

/** CPU time a CPU step really takes: free-threaded builds pay `ftOverhead` on all of it. */
export function cpuCost(input: ResolvedInput, duration: number): number {
  return input.mode === 'free-threaded' ? Math.round(duration * input.ftOverhead) : duration;
}
