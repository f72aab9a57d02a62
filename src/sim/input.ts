import type { Mode, SimInput, Step } from './types.ts';

export const DEFAULTS = {
  cores: 4,
  /** `#define DEFAULT_INTERVAL 5000` in Python/ceval_gil.c: sys.getswitchinterval() == 0.005. */
  switchInterval: 5000,
  /**
   * Since 3.10 the eval breaker is checked on loop back-edges and at calls (python/cpython#18334);
   * from 3.11 also at function entry (RESUME), while some specialised calls do not check (in 3.13.0
   * nine CALL_* instructions lack HAS_EVAL_BREAK_FLAG, Include/internal/pycore_opcode_metadata.h).
   * Every loop pass still ends in a checked backward jump, so a pure-Python loop meets one every few
   * dozen nanoseconds to microseconds. 50 µs keeps traces
   * small while staying far below the switch interval.
   */
  checkEvery: 50,
  /** Doc/whatsnew/3.14.rst: the free-threaded build's single-thread penalty is "roughly 5-10%". */
  ftOverhead: 1.1,
  /**
   * Start-up of one worker process with the spawn start method (the default on macOS and Windows),
   * rounded. `python threads_vs_processes.py --startup` (content/examples) measures it per start method.
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
