import { describe, expect, it } from 'vitest';
import { clampSettings, iterations, LAB_DEFAULTS, LAB_LIMITS, LAB_MODES } from './config.ts';
import { MAX_THREADS } from './memory.ts';

describe('clampSettings', () => {
  it('takes the defaults for what is missing, silently', () => {
    expect(clampSettings({})).toEqual({ settings: LAB_DEFAULTS, notices: [] });
  });

  it('keeps valid values, from form strings too, in run order', () => {
    const { settings, notices } = clampSettings({
      modes: ['processes', 'gil'],
      tasks: '8',
      work: '120',
      intervalMs: '0.5',
      io: 'io',
    });
    expect(settings).toEqual({ modes: ['gil', 'processes'], tasks: 8, work: 120, intervalMs: 0.5, io: true });
    expect(notices).toEqual([]);
  });

  it('clamps out-of-range and imprecise numbers and says so', () => {
    const { settings, notices } = clampSettings({ tasks: 99, work: 1e9, intervalMs: 0.001 });
    expect(settings).toMatchObject({ tasks: 8, work: 500, intervalMs: 0.5 });
    expect(notices).toEqual([
      'Tasks: 99 is outside 1–8; using 8.',
      'Work per task (million iterations): 1000000000 is outside 1–500; using 500.',
      'Switch interval (ms): 0.001 has more than 2 decimals; using 0.',
      'Switch interval (ms): 0 is outside 0.5–50; using 0.5.',
    ]);
    // The lab keeps the same switch intervals as the timeline: 0.75 ms is 0.75 ms in both.
    expect(clampSettings({ intervalMs: '0.75' })).toMatchObject({ settings: { intervalMs: 0.75 }, notices: [] });
    expect(clampSettings({ tasks: 2.6 }).notices).toEqual(['Tasks: 2.6 is not a whole number; using 3.']);
  });

  it('replaces what is not a number, and never keeps an empty choice of modes', () => {
    const { settings, notices } = clampSettings({ modes: [], tasks: '', work: 'lots', intervalMs: Number.NaN });
    expect(settings).toEqual({ ...LAB_DEFAULTS, modes: LAB_MODES });
    expect(notices).toEqual([
      'No mode was chosen; running all four.',
      'Tasks: "" is not a number; using 4.',
      'Work per task (million iterations): "lots" is not a number; using 50.',
      'Switch interval (ms): "NaN" is not a number; using 5.',
    ]);
  });

  it('never asks for more threads than the shared memory has progress words for', () => {
    expect(LAB_LIMITS.tasks.max).toBeLessThanOrEqual(MAX_THREADS);
  });

  it('counts iterations in millions', () => {
    expect(iterations({ ...LAB_DEFAULTS, work: 3 })).toBe(3_000_000);
  });
});
