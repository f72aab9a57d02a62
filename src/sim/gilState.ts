import { stateAfter } from './trace.ts';
import type { GilState, Trace } from './types.ts';
import { countUpTo } from './search.ts';

/** The GIL state from time `t` until the next snapshot. */
export interface GilSnapshot extends GilState {
  readonly t: number;
}

export const GIL_INITIAL: GilState = {
  holder: null,
  lastHolder: null,
  switchNumber: 0,
  gilDropRequest: false,
  waiters: [],
};

const timelines = new WeakMap<Trace, readonly GilSnapshot[]>();

/**
 * The GIL state after each instant at which some event happened, replaying the trace's events
 * with take_gil/drop_gil's bookkeeping. Works for measured traces too. Cached per trace.
 */
export function gilTimeline(trace: Trace): readonly GilSnapshot[] {
  const cached = timelines.get(trace);
  if (cached !== undefined) return cached;
  const snapshots: GilSnapshot[] = [];
  let { holder, lastHolder, switchNumber, gilDropRequest } = GIL_INITIAL;
  let waiters: number[] = [];
  trace.events.forEach((event, i) => {
    switch (event.kind) {
      case 'acquire':
        holder = event.thread;
        if (event.thread !== lastHolder) switchNumber += 1;
        lastHolder = event.thread;
        gilDropRequest = false;
        break;
      case 'release':
        holder = null;
        lastHolder = event.thread;
        // drop_gil resets the request before waiting on switch_cond (FORCE_SWITCHING).
        if (event.reason === 'forced') gilDropRequest = false;
        break;
      case 'drop_request':
        gilDropRequest = true;
        break;
    }
    const state = stateAfter(event);
    const wasWaiting = waiters.includes(event.thread);
    if (state === 'waiting' && !wasWaiting) waiters = [...waiters, event.thread];
    if (state !== undefined && state !== 'waiting' && wasWaiting) {
      waiters = waiters.filter((w) => w !== event.thread);
    }
    if (trace.events[i + 1]?.t !== event.t) {
      snapshots.push({ t: event.t, holder, lastHolder, switchNumber, gilDropRequest, waiters });
    }
  });
  timelines.set(trace, snapshots);
  return snapshots;
}

/** The GIL state at cursor time `t`, after every event at `t` (binary search; O(log n)). */
export function gilStateAt(trace: Trace, t: number): GilState {
  const snapshots = gilTimeline(trace);
  const lo = countUpTo(snapshots.length, (i) => (snapshots[i] as GilSnapshot).t, t);
  return lo === 0 ? GIL_INITIAL : (snapshots[lo - 1] as GilSnapshot);
}
