import { describe, expect, it } from 'vitest';
import { timelineFromQuery, timelineToQuery } from './url.ts';

const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('timelineFromQuery', () => {
  it('takes a scenario, parameters and a time, and ignores unknown keys', () => {
    const s = timelineFromQuery(q('scenario=convoy&cores=2&t=12.5&utm_source=x'));
    expect(s.config).toEqual({ scenario: 'convoy', params: { cores: 2 }, compare: false });
    expect(s.timeMs).toBe(12.5);
    expect(s.notices).toEqual([]);
  });

  it.each([
    ['threads=-1', /Threads: -1 is outside 1–8; using 1/],
    ['threads=1e9', /Threads: 1000000000 is outside 1–8; using 8/],
    ['interval=NaN', /Switch interval \(ms\): "NaN" is not a number/],
    ['scenario=<script>', /scenario: "<script>" is not a scenario/],
    ['t=-5', /Time \(ms\): -5 is outside/],
    ['t=abc', /Time \(ms\): "abc" is not a number/],
  ])('reports %s', (query, notice) => {
    const s = timelineFromQuery(q(query));
    expect(s.notices.join(' ')).toMatch(notice);
  });

  it('clamps values rather than passing them on', () => {
    const s = timelineFromQuery(q('threads=1e9&interval=NaN'));
    expect(s.config.params).toEqual({ threads: 8, switchIntervalMs: 5 });
  });

  it('falls back to the scenario’s own value for a bad one, as for a missing one', () => {
    const s = timelineFromQuery(q('scenario=convoy&workload=gpu&interval=NaN'));
    expect(s.config.params).toEqual({ workload: 'mixed', switchIntervalMs: 5 });
    expect(s.notices).toEqual([
      'Switch interval (ms): "NaN" is not a number; using 5.',
      'Work: "gpu" is not one of cpu, io, mixed; using mixed.',
    ]);
  });

  it('round-trips what it writes', () => {
    const params = { threads: 3, switchIntervalMs: 2.5, workload: 'io', mode: 'free-threaded', cores: 2 } as const;
    const back = timelineFromQuery(timelineToQuery({ scenario: 'convoy', compare: true }, params, 7));
    expect(back).toEqual({ config: { scenario: 'convoy', params, compare: true }, timeMs: 7, notices: [] });
  });
});
