import { describe, expect, it } from 'vitest';
import { clampStep, formatRaceHash, parseRaceHash, raceFromQuery, raceToQuery } from './hash.ts';
import { DEFAULT_STATE } from './machine.ts';

describe('parseRaceHash', () => {
  it("ignores hashes that are not the stepper's", () => {
    expect(parseRaceHash('')).toBeNull();
    expect(parseRaceHash('#the-counter-example')).toBeNull();
    expect(parseRaceHash('#racer=step-1')).toBeNull();
  });

  it('reads every setting, in any order', () => {
    expect(parseRaceHash('#race=step-5,switch-after-load,lock-off,ft-off')).toEqual({
      state: { ...DEFAULT_STATE, step: 5 },
      notices: [],
    });
    expect(parseRaceHash('#race=py-3.14,ft-on,lock-on,switch-together,step-3')).toEqual({
      state: { step: 3, version: '3.14', freeThreaded: true, lock: true, switchAt: 'together' },
      notices: [],
    });
    expect(parseRaceHash('#race=')!.state).toEqual(DEFAULT_STATE);
  });

  it('accepts a version group or any single version in it', () => {
    expect(parseRaceHash('#race=py-3.6-3.9')!.state.version).toBe('3.6-3.9');
    expect(parseRaceHash('#race=py-3.7')!.state.version).toBe('3.6-3.9');
    expect(parseRaceHash('#race=py-3.12')!.state.version).toBe('3.11-3.12');
    // 3.15 has no group: its bytecode has not been checked.
    expect(parseRaceHash('#race=py-3.15')!.notices[0]).toContain("3.15's bytecode has not been checked");
  });

  it('round-trips what it formats', () => {
    const state = { step: 7, version: '3.10', switchAt: 'after-add', lock: true, freeThreaded: false } as const;
    expect(formatRaceHash(state)).toBe('race=step-7,switch-after-add,lock-on,ft-off,py-3.10');
    expect(parseRaceHash(`#${formatRaceHash(state)}`)).toEqual({ state, notices: [] });
  });

  it('falls back to the default for each bad part and says what it did', () => {
    const parsed = parseRaceHash('#race=step-x,switch-sideways,lock-maybe,ft-1,py-2.7,colour-red')!;
    expect(parsed.state).toEqual(DEFAULT_STATE);
    expect(parsed.notices).toEqual([
      '"step-x" is not a step number; starting at step 0.',
      '"switch-sideways" is not a switch point (switch-none, switch-after-load, switch-after-const, switch-after-add, switch-together); using switch-after-load.',
      '"lock-maybe" should be lock-on or lock-off; using lock-off.',
      '"ft-1" should be ft-on or ft-off; using ft-off.',
      '"py-2.7" is not a version the stepper shows (3.6 to 3.14; 3.15\'s bytecode has not been checked); using py-3.13.',
      '"colour-red" is not a stepper setting and was ignored.',
    ]);
  });

  it('keeps the good parts of a partly bad link', () => {
    const parsed = parseRaceHash('#race=step-4,lock-on,bogus')!;
    expect(parsed.state).toEqual({ ...DEFAULT_STATE, step: 4, lock: true });
    expect(parsed.notices).toHaveLength(1);
  });

  it('fixes impossible combinations with a notice', () => {
    const parsed = parseRaceHash('#race=ft-on,py-3.9')!;
    expect(parsed.state).toMatchObject({ freeThreaded: true, version: '3.13' });
    expect(parsed.notices[0]).toContain('Free-threaded builds exist from CPython 3.13');
    expect(parseRaceHash('#race=switch-together')!.state.switchAt).toBe('after-load');
  });

  it('quotes hostile input as short plain text', () => {
    const parsed = parseRaceHash(`#race=${encodeURIComponent('<img src=x onerror=alert(1)>'.repeat(5))}`)!;
    expect(parsed.notices[0]!.length).toBeLessThan(80);
    expect(parsed.notices[0]).toMatch(/^"<img src=x onerror=alert…" is not a stepper setting/);
    expect(parseRaceHash('#race=%E0%A4%A')!.notices[0]).toContain('not valid');
    expect(parseRaceHash('#race=step-1,step-2')).toEqual({
      state: { ...DEFAULT_STATE, step: 1 },
      notices: ['"step-2" repeats "step"; the first one counts.'],
    });
  });
});

describe('clampStep', () => {
  it('keeps steps in range and reports the ones it moves', () => {
    expect(clampStep(3, 11)).toEqual({ step: 3, notice: null });
    expect(clampStep(10, 11)).toEqual({ step: 10, notice: null });
    expect(clampStep(40, 11)).toEqual({
      step: 10,
      notice: 'Step 40 is past the end of this race (it has steps 0 to 10); showing step 10.',
    });
  });
});

const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('raceFromQuery', () => {
  it('round-trips a state', () => {
    const state = { ...DEFAULT_STATE, step: 3, lock: true };
    expect(raceFromQuery(raceToQuery(state))).toEqual({ state, notices: [] });
  });

  it('rejects garbage with notices', () => {
    for (const bad of ['step=-1', 'step=1e9', 'step=NaN', 'switch=<script>', 'step=1,lock-on']) {
      const s = raceFromQuery(q(bad));
      expect(s.notices.length, bad).toBeGreaterThan(0);
      expect(s.state.lock, bad).toBe(false);
    }
  });
});
