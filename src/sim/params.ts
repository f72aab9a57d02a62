import { DEFAULTS, MODES } from './input.ts';
import {
  CONVOY_CPU,
  convoyIoThread,
  CPU_BOUND_TASK,
  cpuThread,
  getScenario,
  requestThread,
  type ScenarioId,
} from './scenarios.ts';
import type { Mode, SimInput, ThreadSpec } from './types.ts';

export type Workload = 'cpu' | 'io' | 'mixed';

/** The knobs a reader can turn (URL state of embeds and pages). */
export interface ScenarioParams {
  readonly threads: number;
  readonly switchIntervalMs: number;
  readonly workload: Workload;
  readonly mode: Mode;
  readonly cores: number;
}

export const PARAM_DEFAULTS: ScenarioParams = {
  threads: 4,
  switchIntervalMs: 5,
  workload: 'cpu',
  mode: 'gil',
  cores: 4,
};

export const PARAM_LIMITS = {
  threads: { min: 1, max: 8 },
  switchIntervalMs: { min: 0.5, max: 50 },
  cores: { min: 1, max: 8 },
} as const;

const WORKLOADS: readonly Workload[] = ['cpu', 'io', 'mixed'];

/** The parameter values that describe a scenario, so that controls and links start from what it shows. */
export function presetParams(id: ScenarioId): ScenarioParams {
  const { input } = getScenario(id);
  const withIo = input.threads.filter((t) => t.steps.some((s) => s.kind === 'io')).length;
  const workload: Workload = withIo === 0 ? 'cpu' : withIo === input.threads.length ? 'io' : 'mixed';
  return {
    // Not clamped: a preset may have more threads than the control allows, and the control should
    // say so rather than disagree with the figure.
    threads: input.threads.length,
    switchIntervalMs: (input.switchInterval ?? DEFAULTS.switchInterval) / 1000,
    workload,
    mode: input.mode,
    cores: input.cores ?? DEFAULTS.cores,
  };
}

export interface BuiltScenario {
  readonly input: SimInput;
  /** The values actually used, after defaults and clamping. */
  readonly params: ScenarioParams;
  /** One sentence per value that was replaced or clamped, to show the reader. */
  readonly notices: string[];
}

function numberParam(
  name: keyof typeof PARAM_LIMITS,
  raw: unknown,
  integer: boolean,
  fallback: number,
  notices: string[],
): number {
  if (raw === undefined) return fallback;
  // URL values arrive as strings; Number('') would be 0, so blank counts as not a number.
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    notices.push(`${name}: ${JSON.stringify(String(raw))} is not a finite number; using the default ${fallback}.`);
    return fallback;
  }
  const { min, max } = PARAM_LIMITS[name];
  let used = integer ? Math.round(value) : value;
  if (used !== value) notices.push(`${name}: ${value} is not a whole number; using ${used}.`);
  if (used < min || used > max) {
    const clamped = Math.min(max, Math.max(min, used));
    notices.push(`${name}: ${used} is outside ${min}–${max}; using ${clamped}.`);
    used = clamped;
  }
  return used;
}

function choiceParam<T extends string>(
  name: string,
  raw: unknown,
  options: readonly T[],
  fallback: T,
  notices: string[],
): T {
  if (raw === undefined) return fallback;
  const found = options.find((option) => option === raw);
  if (found === undefined) {
    notices.push(`${name}: ${JSON.stringify(String(raw))} is not one of ${options.join(', ')}; using ${fallback}.`);
    return fallback;
  }
  return found;
}

function workloadThread(workload: Workload, i: number): ThreadSpec {
  switch (workload) {
    case 'cpu':
      return cpuThread(CPU_BOUND_TASK);
    case 'io':
      return requestThread();
    case 'mixed':
      // Alternate the two sides of the convoy effect, CPU-bound first.
      return i % 2 === 0 ? cpuThread(CONVOY_CPU) : convoyIoThread();
  }
}

/**
 * Builds a simulation input from untrusted values (URL query, embed attributes). Missing values
 * take the defaults silently (a scenario's own values, when a link names one); malformed or
 * out-of-range ones are replaced and reported.
 */
export function scenarioFromParams(
  raw: { readonly [K in keyof ScenarioParams]?: unknown },
  defaults: ScenarioParams = PARAM_DEFAULTS,
): BuiltScenario {
  const notices: string[] = [];
  const params: ScenarioParams = {
    threads: numberParam('threads', raw.threads, true, defaults.threads, notices),
    switchIntervalMs: numberParam('switchIntervalMs', raw.switchIntervalMs, false, defaults.switchIntervalMs, notices),
    workload: choiceParam('workload', raw.workload, WORKLOADS, defaults.workload, notices),
    mode: choiceParam('mode', raw.mode, MODES, defaults.mode, notices),
    cores: numberParam('cores', raw.cores, true, defaults.cores, notices),
  };
  const input: SimInput = {
    mode: params.mode,
    cores: params.cores,
    // gil->interval is whole microseconds.
    switchInterval: Math.round(params.switchIntervalMs * 1000),
    threads: Array.from({ length: params.threads }, (_, i) => workloadThread(params.workload, i)),
  };
  return { input, params, notices };
}
