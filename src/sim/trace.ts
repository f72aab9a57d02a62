import type { Segment, ThreadState, Trace, TraceEvent, TraceMeta } from './types.ts';

/** The state an event puts its thread in; undefined if the event does not change it. */
export function stateAfter(event: TraceEvent): ThreadState | undefined {
  switch (event.kind) {
    case 'spawn':
      return 'starting';
    case 'start':
    case 'io_end':
    case 'preempt':
      return 'ready';
    case 'wait':
      return 'waiting';
    case 'acquire':
    case 'dispatch':
      return 'running';
    case 'release':
      // A forced dropper goes straight back to take_gil (from _Py_HandlePending; through
      // _PyThreadState_Attach from 3.13).
      return event.reason === 'forced' ? 'waiting' : event.reason === 'io' ? 'io' : 'done';
    case 'io_start':
      return 'io';
    case 'finish':
      return 'done';
    case 'drop_request':
      return undefined;
  }
}

/**
 * Makes a trace from events, simulated or measured: sorts them by time (stably, so events at
 * one instant keep their order) and derives each thread's state segments over [0, end].
 * A measured trace needs timestamps relative to the start of the run; even bare acquire and
 * release events give running/waiting/io lanes.
 */
export function buildTrace(meta: TraceMeta, unsorted: readonly TraceEvent[]): Trace {
  const events = [...unsorted].sort((a, b) => a.t - b.t);
  const end = events.length > 0 ? (events[events.length - 1] as TraceEvent).t : 0;
  const lanes: Segment[][] = meta.threads.map(() => []);
  const state: ThreadState[] = meta.threads.map(() => 'not-started');
  const since: number[] = meta.threads.map(() => 0);

  function close(thread: number, to: number): void {
    const from = since[thread] as number;
    if (to <= from) return;
    const lane = lanes[thread] as Segment[];
    const last = lane[lane.length - 1];
    const current = state[thread] as ThreadState;
    // A -> B -> A at one instant leaves no B segment: keep A in one piece.
    if (last !== undefined && last.state === current && last.to === from) {
      lane[lane.length - 1] = { ...last, to };
    } else {
      lane.push({ thread, state: current, from, to });
    }
  }

  for (const event of events) {
    const next = stateAfter(event);
    if (next === undefined || next === state[event.thread]) continue;
    close(event.thread, event.t);
    state[event.thread] = next;
    since[event.thread] = event.t;
  }
  meta.threads.forEach((_, thread) => close(thread, end));
  return { ...meta, events, segments: lanes.flat(), end };
}
