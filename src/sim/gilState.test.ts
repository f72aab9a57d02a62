import { describe, expect, it } from 'vitest';
import { GIL_INITIAL, gilStateAt, gilTimeline } from './gilState.ts';
import { simulate } from './simulate.ts';
import { cpu } from './steps.ts';

describe('gilStateAt', () => {
  const trace = simulate({ mode: 'gil', threads: [0, 1, 2].map(() => ({ steps: [cpu(12_000)] })) });

  it('shows the state after every event at the cursor time', () => {
    expect(gilStateAt(trace, -1)).toEqual(GIL_INITIAL);
    expect(gilStateAt(trace, 0)).toMatchObject({
      holder: 0,
      lastHolder: 0,
      switchNumber: 1,
      gilDropRequest: false,
      waiters: [1, 2],
    });
    // At 5000 the request was set and served within the same instant.
    expect(gilStateAt(trace, 4999)).toMatchObject({ holder: 0, gilDropRequest: false, waiters: [1, 2] });
    expect(gilStateAt(trace, 5000)).toMatchObject({
      holder: 1,
      switchNumber: 2,
      gilDropRequest: false,
      waiters: [2, 0],
    });
    expect(gilStateAt(trace, trace.end)).toMatchObject({ holder: null, waiters: [] });
  });

  it('shows a pending drop request while a long C call keeps the GIL', () => {
    const long = simulate({
      mode: 'gil',
      threads: [{ steps: [{ kind: 'cpu', duration: 20_000, cCall: true }] }, { steps: [cpu(10)] }],
    });
    expect(gilStateAt(long, 7000)).toMatchObject({ holder: 0, gilDropRequest: true, waiters: [1] });
  });

  it('has one snapshot per instant, cached per trace', () => {
    const timeline = gilTimeline(trace);
    expect(gilTimeline(trace)).toBe(timeline);
    const times = timeline.map((s) => s.t);
    expect(new Set(times).size).toBe(times.length);
  });
});
