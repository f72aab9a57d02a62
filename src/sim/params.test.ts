import { describe, expect, it } from 'vitest';
import { PARAM_DEFAULTS, scenarioFromParams } from './params.ts';
import { simulate } from './simulate.ts';

describe('scenarioFromParams', () => {
  it('uses the defaults, silently, for missing values', () => {
    const built = scenarioFromParams({});
    expect(built.notices).toEqual([]);
    expect(built.params).toEqual(PARAM_DEFAULTS);
    expect(built.input).toMatchObject({ mode: 'gil', cores: 4, switchInterval: 5000 });
    expect(built.input.threads).toHaveLength(4);
  });

  it('accepts numbers and numeric strings (URL values)', () => {
    const built = scenarioFromParams({
      threads: '6',
      switchIntervalMs: '0.75',
      cores: 2,
      mode: 'processes',
      workload: 'io',
    });
    expect(built.notices).toEqual([]);
    expect(built.params).toEqual({ threads: 6, switchIntervalMs: 0.75, workload: 'io', mode: 'processes', cores: 2 });
    expect(built.input.switchInterval).toBe(750);
  });

  it('clamps out-of-range values and says so', () => {
    const built = scenarioFromParams({ threads: 12, switchIntervalMs: 0.1, cores: 0 });
    expect(built.params).toMatchObject({ threads: 8, switchIntervalMs: 0.5, cores: 1 });
    expect(built.notices).toEqual([
      'Threads: 12 is outside 1–8; using 8.',
      'Switch interval (ms): 0.1 is outside 0.5–50; using 0.5.',
      'Cores: 0 is outside 1–8; using 1.',
    ]);
  });

  it('rounds whole-number knobs and says so', () => {
    const built = scenarioFromParams({ threads: 2.6 });
    expect(built.params.threads).toBe(3);
    expect(built.notices).toEqual(['Threads: 2.6 is not a whole number; using 3.']);
  });

  it('rejects NaN, Infinity and non-numbers, falling back to the default', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'abc', '', ' ', null, true, {}, '1e999']) {
      const built = scenarioFromParams({ threads: bad });
      expect(built.params.threads).toBe(PARAM_DEFAULTS.threads);
      expect(built.notices).toHaveLength(1);
      expect(built.notices[0]).toMatch(/^Threads: .* is not a number; using 4\.$/);
    }
  });

  it('rejects unknown modes and workloads', () => {
    const built = scenarioFromParams({ mode: 'nogil', workload: 7 });
    expect(built.params).toMatchObject({ mode: 'gil', workload: 'cpu' });
    expect(built.notices).toEqual([
      'Work: "7" is not one of cpu, io, mixed; using cpu.',
      'Mode: "nogil" is not one of gil, free-threaded, processes; using gil.',
    ]);
  });

  it('builds every workload into a runnable input', () => {
    for (const workload of ['cpu', 'io', 'mixed']) {
      for (const mode of ['gil', 'free-threaded', 'processes']) {
        const { input, notices } = scenarioFromParams({ workload, mode, threads: 3 });
        expect(notices).toEqual([]);
        expect(simulate(input).threads).toHaveLength(3);
      }
    }
    // mixed alternates a CPU-bound thread and an I/O-bound one.
    const mixed = scenarioFromParams({ workload: 'mixed', threads: 2 }).input.threads;
    expect(mixed.map((t) => t.steps.some((s) => s.kind === 'io'))).toEqual([false, true]);
  });
});
