import { describe, expect, it } from 'vitest';
import { getScenario } from '../../sim/scenarios.ts';
import { simulate } from '../../sim/simulate.ts';
import { advance, BASE_RATE, eventTimes, nextEventTime, previousEventTime } from './playback.ts';

describe('advance', () => {
  it('plays a 480 ms run in about 8 s at 1×', () => {
    let t = 0;
    let frames = 0;
    while (t < 480_000) {
      t = advance(t, 1000 / 60, 1, 480_000);
      frames += 1;
    }
    expect(frames / 60).toBeCloseTo(8, 1);
    expect(BASE_RATE).toBe(60);
  });

  it('scales with speed, stops at the end, and does not leap after a stall', () => {
    expect(advance(0, 10, 4, 1e9)).toBe(4 * advance(0, 10, 1, 1e9));
    expect(advance(0, 10, 0.25, 1e9)).toBe(advance(0, 10, 1, 1e9) / 4);
    expect(advance(478_000, 100, 1, 480_000)).toBe(480_000);
    expect(advance(0, 60_000, 1, 1e9)).toBe(advance(0, 100, 1, 1e9));
    expect(advance(5, -3, 1, 10)).toBe(5);
  });
});

describe('event stepping', () => {
  const trace = simulate(getScenario('counter-4-threads').input);
  const times = eventTimes([trace]);

  it('lists each instant once, in order', () => {
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(trace.end);
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('steps forwards and backwards between instants, both ways from any time', () => {
    expect(nextEventTime(times, 0)).toBe(5_000);
    expect(nextEventTime(times, 4_999)).toBe(5_000);
    expect(previousEventTime(times, 5_000)).toBe(0);
    expect(previousEventTime(times, 5_001)).toBe(5_000);
    expect(previousEventTime(times, 0)).toBeUndefined();
    expect(nextEventTime(times, trace.end)).toBeUndefined();
  });

  it('merges the instants of compared traces', () => {
    const other = simulate({ ...getScenario('counter-4-threads').input, mode: 'processes' });
    const merged = eventTimes([trace, other]);
    expect(merged).toEqual(expect.arrayContaining([...times, ...eventTimes([other])]));
  });
});
