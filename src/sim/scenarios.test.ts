import { describe, expect, it } from 'vitest';
import {
  CONVOY_IO,
  CPU_BOUND_TASK,
  getScenario,
  isScenarioId,
  REQUEST,
  SCENARIO_IDS,
  type ScenarioId,
} from './scenarios.ts';
import { simulate } from './simulate.ts';
import { summarize } from './summary.ts';
import { DEFAULTS } from './input.ts';
import type { Summary } from './types.ts';

function run(id: ScenarioId, overrides = {}): Summary {
  return summarize(simulate({ ...getScenario(id).input, ...overrides }));
}

describe('scenarios', () => {
  it('all have a title and a one-sentence description, and run', () => {
    expect(SCENARIO_IDS).toHaveLength(7);
    for (const id of SCENARIO_IDS) {
      const scenario = getScenario(id);
      expect(scenario.id).toBe(id);
      expect(scenario.title.length).toBeGreaterThan(0);
      expect(scenario.description).toMatch(/^[A-Z][^]*\.$/);
      expect(scenario.description.slice(0, -1)).not.toMatch(/\.\s/);
      expect(summarize(simulate(scenario.input)).wall).toBeGreaterThan(0);
    }
    expect(isScenarioId('convoy')).toBe(true);
    expect(isScenarioId('toString')).toBe(false);
  });

  it('four CPU-bound threads under the GIL: no faster than sequential, one slice per interval', () => {
    const interval = DEFAULTS.switchInterval;
    for (const id of ['counter-4-threads', 'cpu-bound-4-threads'] as const) {
      const threads = run(id);
      const sequentialWall = threads.cpu; // the same work, one piece after another
      expect(Math.abs(threads.wall - sequentialWall) / sequentialWall).toBeLessThan(0.03);
      expect(Math.abs(threads.handOffs - threads.wall / interval)).toBeLessThanOrEqual(2);
      expect(Math.abs(threads.holds.median - interval)).toBeLessThanOrEqual(DEFAULTS.checkEvery);
    }
    expect(run('cpu-bound-4-threads').wall).toBe(run('cpu-bound-sequential').wall);
  });

  it('convoy: each of the I/O thread’s operations waits about one interval for the GIL', () => {
    const s = run('convoy');
    const ioThread = s.threads[1];
    expect(ioThread?.ioLatency.count).toBe(CONVOY_IO.ops);
    expect(ioThread?.ioLatency.mean).toBeGreaterThanOrEqual(DEFAULTS.switchInterval);
    expect(ioThread?.ioLatency.max).toBeLessThanOrEqual(DEFAULTS.switchInterval + DEFAULTS.checkEvery);
    // Alone it would take ops × (wait + work); beside the CPU thread it takes ~ops × interval.
    const alone = summarize(simulate({ mode: 'gil', threads: [getScenario('convoy').input.threads[1]!] })).wall;
    expect(alone).toBe(CONVOY_IO.ops * (CONVOY_IO.wait + CONVOY_IO.work));
    expect(ioThread!.waiting).toBeGreaterThan(CONVOY_IO.ops * DEFAULTS.switchInterval);
  });

  it('processes: 4 tasks on 2 cores take two tasks plus start-up', () => {
    const s = run('cpu-bound-4-processes', { cores: 2 });
    const expected = 2 * CPU_BOUND_TASK + DEFAULTS.processStartup;
    expect(Math.abs(s.wall - expected) / expected).toBeLessThan(0.01);
    expect(run('cpu-bound-4-processes').wall).toBe(CPU_BOUND_TASK + DEFAULTS.processStartup);
  });

  it('free-threaded: 4 tasks on 4 cores take one task plus the overhead', () => {
    expect(run('cpu-bound-4-free-threaded').wall).toBe(Math.round(CPU_BOUND_TASK * DEFAULTS.ftOverhead));
  });

  it('ten I/O-bound threads overlap their waits', () => {
    const s = run('io-bound-10-threads');
    const sequential = 10 * (REQUEST.before + REQUEST.wait + REQUEST.after);
    // As content/examples/io_threads.py measures on CPython: 2.03 s in a row, 0.23 s with 10 threads.
    expect(s.wall).toBeLessThan(REQUEST.wait + 10 * (REQUEST.before + REQUEST.after) + 1);
    expect(sequential / s.wall).toBeGreaterThan(9);
  });
});
