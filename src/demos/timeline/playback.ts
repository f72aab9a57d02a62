/** The playback clock and event stepping, kept pure so they can be tested without a browser. */
import type { Trace } from '../../sim/types.ts';
import { countUpTo } from '../../sim/search.ts';

/** Model µs per real ms at 1×: a 480 ms run plays in 8 s. */
export const BASE_RATE = 480_000 / 8_000;

/** Under reduced motion, Play jumps from event to event this often (ms, at 1×). */
export const STEP_DELAY = 700;

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

/** A longer gap (a background tab, a stalled frame) would make the cursor leap. */
const MAX_FRAME = 100;

export function advance(cursor: number, elapsedMs: number, speed: number, end: number): number {
  const elapsed = Math.min(Math.max(elapsedMs, 0), MAX_FRAME);
  return Math.min(end, cursor + elapsed * speed * BASE_RATE);
}

/** The distinct instants at which something happened, in any of the traces, ascending. */
export function eventTimes(traces: readonly Trace[]): number[] {
  const times = new Set<number>();
  for (const trace of traces) for (const e of trace.events) times.add(e.t);
  return [...times].sort((a, b) => a - b);
}

export function nextEventTime(times: readonly number[], t: number): number | undefined {
  return times[countUpTo(times.length, (i) => times[i] as number, t)];
}

export function previousEventTime(times: readonly number[], t: number): number | undefined {
  // The last of the times strictly before t.
  const before = countUpTo(times.length, (i) => times[i] as number, t, false);
  return before === 0 ? undefined : times[before - 1];
}
