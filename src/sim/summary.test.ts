import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { cpu, io } from './steps.ts';
import { stats, summarize } from './summary.ts';
import { buildTrace } from './trace.ts';

describe('stats', () => {
  it('gives count, rounded mean, lower median and max', () => {
    expect(stats([])).toEqual({ count: 0, mean: 0, median: 0, max: 0 });
    expect(stats([5, 1, 4, 2])).toEqual({ count: 4, mean: 3, median: 2, max: 5 });
  });
});

describe('summarize', () => {
  it('measures waiting, hand-offs and I/O latency', () => {
    const trace = simulate({
      mode: 'gil',
      threads: [{ steps: [cpu(1000), io(200), cpu(10)] }, { steps: [cpu(50_000)] }],
    });
    const s = summarize(trace);
    expect(s.wall).toBe(51_010);
    expect(s.threads.map((t) => t.cpu)).toEqual([1010, 50_000]);
    // T0 waits from 1200 (I/O done) to 6200; T1 from 0 to 1000 and while T0 finishes.
    expect(s.threads.map((t) => t.waiting)).toEqual([5000, 1010]);
    expect(s.waiting).toBe(6010);
    expect(s.ioLatency).toEqual({ count: 1, mean: 5000, median: 5000, max: 5000 });
    // T0, T1, T0 (after its I/O), T1 again after T0 exits.
    expect(s.handOffs).toBe(4);
    expect(s.holds.count).toBe(4);
  });

  it('summarizes a measured trace the same way', () => {
    const s = summarize(
      buildTrace(
        {
          source: 'measured',
          mode: 'gil',
          threads: [
            { id: 0, name: 'a' },
            { id: 1, name: 'b' },
          ],
          cores: 2,
          switchInterval: 5000,
        },
        [
          { t: 0, thread: 0, kind: 'acquire' },
          { t: 0, thread: 1, kind: 'wait' },
          { t: 5200, thread: 0, kind: 'release', reason: 'forced' },
          { t: 5200, thread: 1, kind: 'acquire' },
          { t: 9000, thread: 1, kind: 'release', reason: 'finish' },
          { t: 9000, thread: 0, kind: 'acquire' },
          { t: 9500, thread: 0, kind: 'release', reason: 'finish' },
        ],
      ),
    );
    expect(s).toMatchObject({ wall: 9500, cpu: 9500, waiting: 9000, handOffs: 3 });
    expect(s.holds).toEqual({ count: 3, mean: 3167, median: 3800, max: 5200 });
  });
});
