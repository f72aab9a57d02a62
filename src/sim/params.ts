import { coerceChoice, coerceNumber, type NumberRule } from './coerce.ts';
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

/** Each number knob's reader-facing label and range: controls, links and notices all use it. */
export const PARAM_LIMITS = {
  threads: { label: 'Threads', min: 1, max: 8, decimals: 0 },
  switchIntervalMs: { label: 'Switch interval (ms)', min: 0.5, max: 50, decimals: 2, step: 0.5 },
  cores: { label: 'Cores', min: 1, max: 8, decimals: 0 },
} as const satisfies Record<string, NumberRule>;

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
    threads: coerceNumber(PARAM_LIMITS.threads, raw.threads, defaults.threads, notices),
    switchIntervalMs: coerceNumber(
      PARAM_LIMITS.switchIntervalMs,
      raw.switchIntervalMs,
      defaults.switchIntervalMs,
      notices,
    ),
    workload: coerceChoice('Work', raw.workload, WORKLOADS, defaults.workload, notices),
    mode: coerceChoice('Mode', raw.mode, MODES, defaults.mode, notices),
    cores: coerceNumber(PARAM_LIMITS.cores, raw.cores, defaults.cores, notices),
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
