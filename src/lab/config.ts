/**
 * The lab's settings: what a reader can choose, the defaults, and the clamping of untrusted values
 * (form fields, component props). Pure.
 */
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

export const LAB_LIMITS = {
  tasks: PARAM_LIMITS.threads,
  // 1 million iterations take about 1 ms in a JIT-compiled loop; 500 million keeps the slowest
  // run (8 sequential tasks) to a few seconds.
  work: { min: 1, max: 500 },
  intervalMs: PARAM_LIMITS.switchIntervalMs,
} as const;

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

const LABELS = { tasks: 'Tasks', work: 'Work per task', intervalMs: 'Switch interval' } as const;

function numberSetting(name: keyof typeof LAB_LIMITS, raw: unknown, integer: boolean, notices: string[]): number {
  const fallback = LAB_DEFAULTS[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    notices.push(`${LABELS[name]}: “${String(raw)}” is not a number; using ${fallback}.`);
    return fallback;
  }
  const { min, max } = LAB_LIMITS[name];
  let used = integer ? Math.round(value) : Math.round(value * 10) / 10;
  if (used !== value) {
    notices.push(
      `${LABELS[name]}: ${value} ${integer ? 'is not a whole number' : 'has more than one decimal'}; using ${used}.`,
    );
  }
  if (used < min || used > max) {
    const clamped = Math.min(max, Math.max(min, used));
    notices.push(`${LABELS[name]}: ${used} is outside ${min}–${max}; using ${clamped}.`);
    used = clamped;
  }
  return used;
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
      tasks: numberSetting('tasks', raw.tasks, true, notices),
      work: numberSetting('work', raw.work, true, notices),
      intervalMs: numberSetting('intervalMs', raw.intervalMs, false, notices),
      io: raw.io === true || raw.io === 'io',
    },
    notices,
  };
}

/** Loop iterations of one cpu_bound call. */
export function iterations(settings: LabSettings): number {
  return settings.work * 1_000_000;
}
