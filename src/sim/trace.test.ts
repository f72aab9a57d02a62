import { describe, expect, it } from 'vitest';
import { buildTrace } from './trace.ts';
import type { TraceEvent, TraceMeta } from './types.ts';

const meta: TraceMeta = {
  source: 'measured',
  mode: 'gil',
  threads: [
    { id: 0, name: 'worker-0' },
    { id: 1, name: 'worker-1' },
  ],
  cores: 2,
  switchInterval: 5000,
};

describe('buildTrace', () => {
  it('turns bare acquire/release timestamps from the timing lab into lanes', () => {
    // As two workers would post them: each its own list, so not in time order overall.
    const events: TraceEvent[] = [
      { t: 0, thread: 0, kind: 'acquire' },
      { t: 5100, thread: 0, kind: 'release', reason: 'forced' },
      { t: 10_300, thread: 0, kind: 'acquire' },
      { t: 12_000, thread: 0, kind: 'release', reason: 'finish' },
      { t: 40, thread: 1, kind: 'wait' },
      { t: 5100, thread: 1, kind: 'acquire' },
      { t: 10_300, thread: 1, kind: 'release', reason: 'finish' },
    ];
    const trace = buildTrace(meta, events);
    expect(trace.end).toBe(12_000);
    expect(trace.events.map((e) => e.t)).toEqual([0, 40, 5100, 5100, 10_300, 10_300, 12_000]);
    // Events at one instant keep their given order (release before acquire).
    expect(trace.events[2]).toMatchObject({ thread: 0, kind: 'release' });
    expect(trace.segments).toEqual([
      { thread: 0, state: 'running', from: 0, to: 5100 },
      { thread: 0, state: 'waiting', from: 5100, to: 10_300 },
      { thread: 0, state: 'running', from: 10_300, to: 12_000 },
      { thread: 1, state: 'not-started', from: 0, to: 40 },
      { thread: 1, state: 'waiting', from: 40, to: 5100 },
      { thread: 1, state: 'running', from: 5100, to: 10_300 },
      { thread: 1, state: 'done', from: 10_300, to: 12_000 },
    ]);
  });

  it('keeps a state in one piece when it is left and re-entered at the same instant', () => {
    const trace = buildTrace({ ...meta, threads: [meta.threads[0] as TraceMeta['threads'][0]] }, [
      { t: 0, thread: 0, kind: 'start' },
      { t: 0, thread: 0, kind: 'wait' },
      { t: 100, thread: 0, kind: 'acquire' },
      { t: 300, thread: 0, kind: 'release', reason: 'forced' },
      { t: 300, thread: 0, kind: 'acquire' },
      { t: 500, thread: 0, kind: 'finish' },
    ]);
    expect(trace.segments).toEqual([
      { thread: 0, state: 'waiting', from: 0, to: 100 },
      { thread: 0, state: 'running', from: 100, to: 500 },
    ]);
  });

  it('gives an empty trace for no events', () => {
    expect(buildTrace(meta, [])).toMatchObject({ end: 0, events: [], segments: [] });
  });
});
