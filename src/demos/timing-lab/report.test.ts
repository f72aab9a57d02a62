import { describe, expect, it } from 'vitest';
import { LAB_DEFAULTS, type LabMode } from '../../lab/config.ts';
import type { ModeResult } from '../../lab/measure.ts';
import { classify, explain, judge, modeRows, speedup } from './report.ts';

function result(mode: LabMode, wall: number, extra: Partial<ModeResult> = {}): ModeResult {
  return {
    mode,
    wall,
    cpu: [wall],
    handOffs: 0,
    medianHold: 0,
    medianHandOff: 0,
    lockOverhead: 0,
    startup: 25_000,
    lost: 0,
    results: [1],
    trace: undefined as never,
    ...extra,
  };
}

const settings = { ...LAB_DEFAULTS, tasks: 4 };
const twoCores = [
  result('sequential', 400_000, { handOffs: 1, medianHold: 400_000 }),
  result('gil', 420_000, { cpu: [100_000, 105_000, 110_000, 105_000], handOffs: 80, medianHold: 5_200 }),
  result('free-threaded', 210_000),
  result('processes', 250_000),
];

describe('classify and speedup', () => {
  it('calls ±15% about the same', () => {
    expect(classify(1.14)).toBe('same');
    expect(classify(0.88)).toBe('same');
    expect(classify(1.15)).toBe('faster');
    expect(classify(0.86)).toBe('slower');
  });

  it('divides the sequential wall time by the mode’s, and needs a sequential run', () => {
    expect(speedup(twoCores, 'free-threaded')).toBeCloseTo(400 / 210);
    expect(speedup(twoCores.slice(1), 'gil')).toBeNull();
  });
});

describe('modeRows', () => {
  it('formats the table and scales every bar against the longest, measured or predicted', () => {
    const predicted = new Map<LabMode, number>([
      ['sequential', 400_000],
      ['gil', 500_000],
      ['free-threaded', 200_000],
      ['processes', 250_000],
    ]);
    const rows = modeRows(twoCores, predicted);
    expect(rows[1]).toMatchObject({
      name: 'Threads + GIL',
      speedup: '0.95×',
      cpu: '100 ms, 105 ms, 110 ms, 105 ms',
      handOffs: '80',
      medianHold: '5.2 ms',
      wallPct: 84,
      predictedPct: 100,
    });
    expect(rows[2]).toMatchObject({ handOffs: '—', medianHold: '—', speedup: '1.90×' });
  });
});

describe('explain', () => {
  it('reads the result against the core count', () => {
    const text = explain(twoCores, settings, 2);
    expect(text).toContain(
      'Your browser reports 2 logical cores (navigator.hardwareConcurrency), so at most 2 of the 4 tasks can run at once.',
    );
    expect(text).toContain('Threads + GIL took 1.05× the sequential time: only the thread holding the GIL runs');
    expect(text).toContain('while the other cores sat idle');
    expect(text).toContain('Free-threaded, they ran 1.90× as fast, against a ceiling of 2×.');
    expect(text).toContain('Processes reached 1.60×');
    expect(text).toContain('a median 25 ms to start');
  });

  it('blames other programs when free threads fall well short of the ceiling', () => {
    expect(explain(twoCores, settings, 4)).toContain(
      'ceiling of 4×: other programs, or the browser itself, were using cores too.',
    );
  });

  it('talks about overlapping waits for I/O-bound work, and asks for a sequential baseline', () => {
    const io = { ...settings, io: true };
    expect(explain([result('sequential', 900_000), result('gil', 300_000)], io, 2)).toContain(
      'Threads + GIL finished 3.00× as fast as sequential',
    );
    expect(explain([result('gil', 300_000)], io, 2)).toContain('Run Sequential too');
  });

  it('warns when a speed-up is more than the cores (or the GIL) allow', () => {
    const odd = [result('sequential', 800_000), result('gil', 400_000), result('free-threaded', 200_000)];
    expect(explain(odd, settings, 2)).toContain('Some speed-ups are more than this machine’s cores allow');
    expect(explain(twoCores, settings, 2)).not.toContain('Some speed-ups');
  });

  it('says when start-up ate the gain of processes', () => {
    expect(explain([result('sequential', 40_000), result('processes', 60_000)], settings, 2)).toContain(
      'Start-up cost more than the parallelism saved',
    );
  });
});

describe('judge', () => {
  it('compares each prediction with the measurement and explains', () => {
    const [threads, processes] = judge({ gil: 'faster', processes: 'faster' }, twoCores, settings, 2);
    expect(threads).toBe(
      'Threads + GIL: you predicted faster than sequential; measured 0.95× the sequential speed, about as fast as sequential. Not this time. Under the GIL only one thread runs Python at a time, so CPU-bound threads cannot beat one thread doing the same work; the hand-offs cost a little more.',
    );
    expect(processes).toMatch(
      /^Processes: you predicted faster than sequential; measured 1.60× .* Right\. Each process has its own interpreter and GIL, so up to 2 run at once/,
    );
  });

  it('skips what the reader did not predict and asks for the runs it needs', () => {
    expect(judge({}, twoCores, settings, 2)).toEqual([]);
    expect(judge({ processes: 'slower' }, twoCores.slice(0, 2), settings, 2)).toEqual([
      'Processes: run Sequential and Processes to check your prediction.',
    ]);
    expect(judge({ processes: 'slower' }, twoCores, settings, 1)[0]).toContain(
      'With one core, processes cannot run at the same time',
    );
  });
});
