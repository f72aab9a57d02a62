import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { cpu, io } from './steps.ts';
import { summarize } from './summary.ts';
import type { SimInput } from './types.ts';

function lines(input: SimInput): string[] {
  return simulate(input).events.map((e) => `${e.t} T${e.thread} ${e.kind}`);
}

describe('free-threaded mode', () => {
  it('runs threads side by side, each paying the single-thread overhead', () => {
    const trace = simulate({
      mode: 'free-threaded',
      cores: 2,
      ftOverhead: 1.1,
      threads: [{ steps: [cpu(10_000)] }, { steps: [cpu(20_000)] }],
    });
    expect(summarize(trace).threads.map((t) => t.cpu)).toEqual([11_000, 22_000]);
    expect(trace.end).toBe(22_000);
    expect(trace.events.some((e) => e.kind === 'acquire' || e.kind === 'wait')).toBe(false);
  });

  it('shares too few cores in round-robin slices', () => {
    const out = lines({
      mode: 'free-threaded',
      cores: 2,
      ftOverhead: 1,
      osTimeslice: 1000,
      threads: [0, 1, 2].map(() => ({ steps: [cpu(2000)] })),
    });
    expect(out.slice(3)).toEqual([
      '0 T0 dispatch',
      '0 T1 dispatch',
      '1000 T0 preempt', // both slices end; only one thread is ready, so one gives way
      '1000 T2 dispatch',
      '2000 T1 finish',
      '2000 T0 dispatch',
      '3000 T2 finish',
      '3000 T0 finish',
    ]);
  });

  it('frees the core while a thread blocks', () => {
    const out = lines({
      mode: 'free-threaded',
      cores: 1,
      threads: [{ steps: [io(5000), cpu(0)] }, { steps: [cpu(3000)] }],
    });
    expect(out).toContain('0 T0 io_start');
    expect(out).toContain('0 T1 dispatch');
    expect(out).toContain('5000 T0 io_end');
    expect(out).toContain('5000 T0 dispatch');
  });
});

describe('processes mode', () => {
  it('starts every worker, copies its data, then runs it', () => {
    const trace = simulate({
      mode: 'processes',
      cores: 2,
      processStartup: 50_000,
      dataCopy: 7000,
      threads: [{ steps: [cpu(10_000)] }, { steps: [cpu(10_000)] }],
    });
    expect(trace.threads.map((t) => t.name)).toEqual(['Process-1', 'Process-2']);
    expect(trace.segments.filter((s) => s.thread === 0)).toEqual([
      { thread: 0, state: 'starting', from: 0, to: 57_000 },
      { thread: 0, state: 'running', from: 57_000, to: 67_000 },
    ]);
    expect(trace.end).toBe(67_000);
  });
});
