/**
 * The lab's settings: what a reader can choose, the defaults, and the clamping of untrusted values
 * (form fields, component props). Pure.
 */
import { coerceNumber, type NumberRule } from '../sim/coerce.ts';
import { PARAM_LIMITS } from '../sim/params.ts';

export type LabMode = 'sequential' | 'gil' | 'free-threaded' | 'processes';

/** Run order when every mode is chosen: the baseline first. */
export const LAB_MODES: readonly LabMode[] = ['sequential', 'gil', 'free-threaded', 'processes'];

export const MODE_NAMES: Record<LabMode, string> = {
  sequential: 'Sequential',
  gil: 'Threads + GIL',
  'free-threaded': 'Free-threaded',
  processes: 'Processes',
};

export interface LabSettings {
  /** In LAB_MODES order; at least one. */
  readonly modes: readonly LabMode[];
  /** cpu_bound(n) calls, each its own thread or process. */
  readonly tasks: number;
  /** n of each call, in millions of loop iterations. */
  readonly work: number;
  /** The GIL's switch interval, ms. */
  readonly intervalMs: number;
  /** The I/O-bound variant. */
  readonly io: boolean;
}

/** Each number setting's reader-facing label (the form's) and range. */
export const LAB_LIMITS = {
  tasks: { ...PARAM_LIMITS.threads, label: 'Tasks' },
  // 1 million iterations take about 1 ms in a JIT-compiled loop; 500 million keeps the slowest
  // run (8 sequential tasks) to a few seconds.
  work: { label: 'Work per task (million iterations)', min: 1, max: 500, decimals: 0 },
  intervalMs: PARAM_LIMITS.switchIntervalMs,
} as const satisfies Record<string, NumberRule>;

export const LAB_DEFAULTS: LabSettings = {
  modes: LAB_MODES,
  tasks: 4,
  work: 50,
  intervalMs: 5,
  io: false,
};

export interface RawSettings {
  readonly modes?: readonly unknown[];
  readonly tasks?: unknown;
  readonly work?: unknown;
  readonly intervalMs?: unknown;
  readonly io?: unknown;
}

/** Settings from untrusted values: defaults for what is missing, clamped values with a notice each. */
export function clampSettings(raw: RawSettings): { settings: LabSettings; notices: string[] } {
  const notices: string[] = [];
  let modes = LAB_MODES.filter((m) => raw.modes === undefined || raw.modes.includes(m));
  if (modes.length === 0) {
    notices.push('No mode was chosen; running all four.');
    modes = [...LAB_MODES];
  }
  return {
    settings: {
      modes,
      tasks: coerceNumber(LAB_LIMITS.tasks, raw.tasks, LAB_DEFAULTS.tasks, notices),
      work: coerceNumber(LAB_LIMITS.work, raw.work, LAB_DEFAULTS.work, notices),
      intervalMs: coerceNumber(LAB_LIMITS.intervalMs, raw.intervalMs, LAB_DEFAULTS.intervalMs, notices),
      io: raw.io === true || raw.io === 'io',
    },
    notices,
  };
}

/** Loop iterations of one cpu_bound call. */
export function iterations(settings: LabSettings): number {
  return settings.work * 1_000_000;
}
