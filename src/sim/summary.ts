import { gilTimeline } from './gilState.ts';
import { stateAfter } from './trace.ts';
import type { Stats, Summary, ThreadState, Trace } from './types.ts';

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { count: 0, mean: 0, median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    mean: Math.round(total / sorted.length),
    median: sorted[(sorted.length - 1) >> 1] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * The numbers of a run, from its segments and events only, so that a measured trace gets the
 * same summary as a simulated one.
 */
export function summarize(trace: Trace): Summary {
  const time = trace.threads.map(() => new Map<ThreadState, number>());
  for (const s of trace.segments) {
    const lane = time[s.thread] as Map<ThreadState, number>;
    lane.set(s.state, (lane.get(s.state) ?? 0) + s.to - s.from);
  }

  const holds: number[] = [];
  const latencies: number[][] = trace.threads.map(() => []);
  const heldSince = new Map<number, number>();
  const ioEndedAt = new Map<number, number>();
  for (const e of trace.events) {
    if (e.kind === 'acquire') heldSince.set(e.thread, e.t);
    if (e.kind === 'release') {
      const from = heldSince.get(e.thread);
      if (from !== undefined) holds.push(e.t - from);
      heldSince.delete(e.thread);
    }
    if (e.kind === 'io_end') ioEndedAt.set(e.thread, e.t);
    const ended = ioEndedAt.get(e.thread);
    if (ended !== undefined && stateAfter(e) === 'running') {
      (latencies[e.thread] as number[]).push(e.t - ended);
      ioEndedAt.delete(e.thread);
    }
  }

  const threads = trace.threads.map(({ id, name }) => {
    const lane = time[id] as Map<ThreadState, number>;
    return {
      thread: id,
      name,
      cpu: lane.get('running') ?? 0,
      waiting: lane.get('waiting') ?? 0,
      ready: lane.get('ready') ?? 0,
      io: lane.get('io') ?? 0,
      starting: lane.get('starting') ?? 0,
      ioLatency: stats(latencies[id] as number[]),
    };
  });
  const timeline = gilTimeline(trace);
  return {
    wall: trace.end,
    cpu: threads.reduce((sum, t) => sum + t.cpu, 0),
    waiting: threads.reduce((sum, t) => sum + t.waiting, 0),
    handOffs: timeline[timeline.length - 1]?.switchNumber ?? 0,
    holds: stats(holds),
    ioLatency: stats(latencies.flat()),
    threads,
  };
}
