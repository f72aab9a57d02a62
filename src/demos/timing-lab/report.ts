/**
 * The words and numbers the timing lab shows after a run: table rows, bar lengths, the sentence
 * that explains the result against the machine's core count, and the verdict on the reader's
 * prediction. Pure, so it is unit-tested and cheap to call on the main thread.
 */
import { MODE_NAMES, type LabMode, type LabSettings } from '../../lab/config.ts';
import type { ModeResult } from '../../lab/measure.ts';
import { formatMs } from '../timeline/format.ts';
import { plural } from '../kit/text.ts';

export type Expectation = 'faster' | 'same' | 'slower';

export const EXPECTATIONS: Record<Expectation, string> = {
  faster: 'faster than sequential',
  same: 'about as fast as sequential',
  slower: 'slower than sequential',
};

/** Within 15% either way counts as "about the same": runs on a busy machine vary that much. */
const SAME = 1.15;

export function classify(speedup: number): Expectation {
  if (speedup >= SAME) return 'faster';
  if (speedup <= 1 / SAME) return 'slower';
  return 'same';
}

const times = (x: number): string => `${x.toFixed(2)}×`;

/** Sequential wall ÷ this mode's wall, or null without a sequential run to compare with. */
export function speedup(results: readonly ModeResult[], mode: LabMode): number | null {
  const base = results.find((r) => r.mode === 'sequential');
  const run = results.find((r) => r.mode === mode);
  if (base === undefined || run === undefined || run.wall === 0) return null;
  return base.wall / run.wall;
}

export interface ModeRow {
  readonly mode: LabMode;
  readonly name: string;
  /** µs, measured and predicted by the model. */
  readonly wall: number;
  readonly predicted: number;
  readonly speedup: string;
  readonly cpu: string;
  readonly handOffs: string;
  readonly medianHold: string;
  /** Bar lengths, 0–100, on a scale shared by every bar. */
  readonly wallPct: number;
  readonly predictedPct: number;
}

export function modeRows(results: readonly ModeResult[], predicted: ReadonlyMap<LabMode, number>): ModeRow[] {
  const longest = Math.max(1, ...results.flatMap((r) => [r.wall, predicted.get(r.mode) ?? 0]));
  const pct = (us: number): number => Math.round((us / longest) * 1000) / 10;
  return results.map((r) => {
    const gil = r.mode === 'sequential' || r.mode === 'gil';
    const s = speedup(results, r.mode);
    const model = predicted.get(r.mode) ?? 0;
    return {
      mode: r.mode,
      name: MODE_NAMES[r.mode],
      wall: r.wall,
      predicted: model,
      speedup: s === null ? '—' : times(s),
      cpu: r.cpu.map(formatMs).join(', '),
      handOffs: gil ? String(r.handOffs) : '—',
      medianHold: gil && r.medianHold > 0 ? formatMs(r.medianHold) : '—',
      wallPct: pct(r.wall),
      predictedPct: pct(model),
    };
  });
}

/** What the numbers mean on this machine, in a few sentences. */
export function explain(results: readonly ModeResult[], settings: LabSettings, cores: number): string {
  const n = settings.tasks;
  const ceiling = Math.min(n, cores);
  const parts = [
    `Your browser reports ${plural(cores, 'logical core')} (navigator.hardwareConcurrency), so at most ${ceiling} of the ${plural(n, 'task')} can run at once.`,
  ];
  if (!results.some((r) => r.mode === 'sequential')) {
    parts.push('Run Sequential too: the speed-ups are measured against it.');
    return parts.join(' ');
  }
  const gil = speedup(results, 'gil');
  const tooFast = results.some((r) => {
    const s = speedup(results, r.mode);
    return s !== null && !settings.io && s >= SAME * (r.mode === 'gil' ? 1 : ceiling);
  });
  if (tooFast) {
    parts.push(
      'Some speed-ups are more than this machine’s cores allow (or, for Threads + GIL, more than none): something else slowed the sequential run down, so run the lab again.',
    );
  }
  if (gil !== null) {
    parts.push(
      settings.io
        ? `Threads + GIL finished ${times(gil)} as fast as sequential: each thread drops the GIL while it blocks, so their waits overlapped.`
        : `Threads + GIL took ${times(1 / gil)} the sequential time: only the thread holding the GIL runs, so the threads did the work one ${settings.intervalMs} ms slice at a time${cores > 1 ? ' while the other cores sat idle' : ''}.`,
    );
  }
  const free = speedup(results, 'free-threaded');
  if (free !== null) {
    const busy =
      !settings.io && free < 0.85 * ceiling ? ': other programs, or the browser itself, were using cores too' : '';
    parts.push(
      settings.io
        ? `Free-threaded threads reached ${times(free)}: without the GIL, their CPU parts ran in parallel as well.`
        : `Free-threaded, they ran ${times(free)} as fast, against a ceiling of ${ceiling}×${busy}.`,
    );
  }
  const processes = speedup(results, 'processes');
  const run = results.find((r) => r.mode === 'processes');
  if (processes !== null && run !== undefined) {
    const lost = processes < 1 ? ' Start-up cost more than the parallelism saved: give each task more work.' : '';
    parts.push(
      `Processes reached ${times(processes)}: parallel like free threads, but each fresh worker first took a median ${formatMs(run.startup)} to start.${lost}`,
    );
  }
  return parts.join(' ');
}

export interface Guess {
  readonly gil?: Expectation;
  readonly processes?: Expectation;
}

/** One sentence per prediction the reader made, comparing it with the measurement. */
export function judge(guess: Guess, results: readonly ModeResult[], settings: LabSettings, cores: number): string[] {
  const out: string[] = [];
  for (const mode of ['gil', 'processes'] as const) {
    const expected = guess[mode];
    if (expected === undefined) continue;
    const name = MODE_NAMES[mode];
    const s = speedup(results, mode);
    if (s === null) {
      out.push(`${name}: run Sequential and ${name} to check your prediction.`);
      continue;
    }
    const actual = classify(s);
    const verdict = actual === expected ? 'Right' : 'Not this time';
    const why =
      mode === 'gil'
        ? settings.io
          ? 'Each thread releases the GIL while it blocks, so threads overlap their waits even though only one runs Python at a time.'
          : 'Under the GIL only one thread runs Python at a time, so CPU-bound threads cannot beat one thread doing the same work; the hand-offs cost a little more.'
        : cores === 1
          ? 'With one core, processes cannot run at the same time, and start-up comes on top.'
          : `Each process has its own interpreter and GIL, so up to ${Math.min(settings.tasks, cores)} run at once, minus their start-up.`;
    out.push(
      `${name}: you predicted ${EXPECTATIONS[expected]}; measured ${times(s)} the sequential speed, ${EXPECTATIONS[actual]}. ${verdict}. ${why}`,
    );
  }
  return out;
}
