import { describe, expect, it } from 'vitest';
import { summarize } from './summary.ts';
import {
  compare,
  formatReport,
  measuredTrace,
  modelTrace,
  parseRecording,
  type Recording,
  type Slice,
} from './compare.ts';

/** Two threads taking 5 ms turns with 50 µs hand-offs: what a quiet machine records. */
function recording(overrides: Partial<Recording> = {}): Recording {
  const slices: Slice[] = [];
  let t = 0;
  for (let i = 0; i < 20; i += 1) {
    slices.push([i % 2, t, t + 5000]);
    t += 5050;
  }
  return {
    python: '3.13.0 (main) [GCC]',
    version: '3.13.0',
    implementation: 'CPython',
    gilEnabled: true,
    switchInterval: 5000,
    cores: 2,
    date: '2025-01-01',
    threads: 2,
    iterations: 1000,
    thresholdUs: 200,
    sequentialWall: 100_000,
    wall: t - 50,
    threadCpu: [50_000, 50_000],
    preempted: 0,
    totalSlices: slices.length,
    slices,
    ...overrides,
  };
}

describe('parseRecording', () => {
  it('accepts what record_threads.py prints', () => {
    const rec = recording();
    expect(parseRecording(JSON.parse(JSON.stringify(rec)))).toEqual(rec);
  });

  it('names the field that is wrong', () => {
    const bad = (patch: object) => () => parseRecording({ ...recording(), ...patch });
    expect(bad({ gilEnabled: 'yes' })).toThrow(/gilEnabled/);
    expect(bad({ threadCpu: [1] })).toThrow(/threadCpu/);
    expect(bad({ slices: [[2, 0, 10]] })).toThrow(/slices\[0\]/);
    expect(bad({ slices: [[0, 10, 5]] })).toThrow(/slices\[0\]/);
    expect(bad({ switchInterval: 0 })).toThrow(/switchInterval/);
    expect(() => parseRecording(null)).toThrow(/object/);
  });
});

describe('measuredTrace', () => {
  const small = recording({
    slices: [
      [0, 0, 5000],
      [1, 5000, 10_000],
      [0, 10_100, 12_000],
      [1, 12_050, 14_000],
    ],
    totalSlices: 4,
  });

  it('turns slices into running/waiting lanes with the same summary the model gets', () => {
    const trace = measuredTrace(small);
    expect(trace).toMatchObject({ source: 'measured', mode: 'gil', cores: 2, switchInterval: 5000, end: 14_000 });
    expect(trace.threads.map((t) => t.name)).toEqual(['Thread-1', 'Thread-2']);
    expect(trace.segments.filter((s) => s.thread === 0)).toEqual([
      { thread: 0, state: 'running', from: 0, to: 5000 },
      { thread: 0, state: 'waiting', from: 5000, to: 10_100 },
      { thread: 0, state: 'running', from: 10_100, to: 12_000 },
      { thread: 0, state: 'done', from: 12_000, to: 14_000 },
    ]);
    const s = summarize(trace);
    expect(s.holds).toMatchObject({ count: 4, median: 1950, max: 5000 });
    expect(s.handOffs).toBe(4);
  });

  it('does not claim threads finished when the recording was capped', () => {
    const trace = measuredTrace({ ...small, totalSlices: 50 });
    expect(trace.events.some((e) => e.kind === 'finish')).toBe(false);
    expect(trace.segments.at(-1)).toMatchObject({ state: 'running' });
  });
});

describe('modelTrace', () => {
  it('simulates each thread with its measured CPU time and the recorded interval', () => {
    const trace = modelTrace(recording({ switchInterval: 2000, threadCpu: [10_000, 20_000] }));
    const s = summarize(trace);
    expect(trace.source).toBe('model');
    expect(s.threads.map((t) => t.cpu)).toEqual([10_000, 20_000]);
    expect(s.wall).toBe(30_000);
    expect(s.holds.median).toBe(2000);
  });
});

describe('compare', () => {
  it('passes a run that took switch-interval turns', () => {
    const report = compare(recording());
    expect(report).toMatchObject({ medianSlice: 5000, modelMedianSlice: 5000, modelWall: 100_000, pass: true });
    expect(report.checks.map((c) => c.pass)).toEqual([true, true]);
    expect(formatReport(report)).toMatch(/median slice 5\.0 ms = 1\.00× interval .* PASS$/);
  });

  it('fails slices stretched by a busy machine', () => {
    const slices = recording().slices.map(([i, a]): Slice => [i, a, a + 8000]);
    const report = compare(recording({ slices }));
    expect(report.checks[0]).toMatchObject({ ratio: 1.6, pass: false });
    expect(report.pass).toBe(false);
    expect(formatReport(report)).toMatch(/1\.60× interval ✗ .* FAIL$/);
  });

  it('fails a wall time the GIL cannot explain (threads ran in parallel)', () => {
    const report = compare(recording({ wall: 50_000 }));
    expect(report.checks[1]).toMatchObject({ name: 'wall ≈ model wall', ratio: 0.5, pass: false });
    expect(report.pass).toBe(false);
  });

  it('reports the sequential baseline without judging by it: it was timed in another run', () => {
    // As recorded in CI: the sequential run was slowed down by a neighbour, the threaded one was not.
    const report = compare(recording({ sequentialWall: 150_000 }));
    expect(report.vsSequential).toBeCloseTo(0.67, 2);
    expect(report.pass).toBe(true);
    expect(formatReport(report)).toMatch(/sequential 150\.0 ms \(wall\/seq 0\.67×\) .* PASS$/);
  });

  it('has nothing to check with one thread', () => {
    const report = compare(recording({ threads: 1, threadCpu: [50_000], slices: [[0, 0, 50_000]], totalSlices: 1 }));
    expect(report.checks).toEqual([]);
    expect(report.pass).toBe(true);
    expect(formatReport(report)).toMatch(/baseline$/);
  });
});
