import { describe, expect, it } from 'vitest';
import { VERSION_GROUPS } from './bytecode.ts';
import {
  buildRace,
  DEFAULT_STATE,
  isForcedSwitch,
  normalizeConfig,
  SWITCH_POINTS,
  switchHere,
  type Frame,
  type RaceConfig,
} from './machine.ts';

const gil = (over: Partial<RaceConfig> = {}): RaceConfig => ({
  version: '3.13',
  switchAt: 'after-load',
  lock: false,
  freeThreaded: false,
  ...over,
});
const last = (frames: readonly Frame[]): Frame => frames[frames.length - 1]!;
const opsRun = (race: ReturnType<typeof buildRace>): string[] =>
  race.frames.flatMap((f) => f.ran.map((r) => `T${r.thread + 1} ${race.program[r.pc]!.opname}`));

describe('buildRace with the GIL', () => {
  it('a switch between the load and the store loses an update, as it happens', () => {
    const race = buildRace(gil());
    expect(race.lostUpdates).toBe(1);
    expect(last(race.frames).counter).toBe(1);
    expect(opsRun(race)).toEqual([
      'T1 LOAD_GLOBAL',
      'T2 LOAD_GLOBAL',
      'T2 LOAD_CONST',
      'T2 BINARY_OP',
      'T2 STORE_GLOBAL',
      'T1 LOAD_CONST',
      'T1 BINARY_OP',
      'T1 STORE_GLOBAL',
    ]);
    // Step 2 is the switch itself: Thread 1 keeps the stale 0 on its own stack.
    const sw = race.frames[2]!;
    expect(sw.switched).toBe(true);
    expect(sw.gil).toBe(1);
    expect(sw.threads[0]).toMatchObject({ status: 'waiting', stack: [0], read: 0 });
    expect(sw.text).toContain('forced');
    // Both threads read 0; each stores 1; only the last store is flagged as the lost update.
    expect(race.frames.filter((f) => f.lost)).toHaveLength(1);
    const lost = race.frames.findIndex((f) => f.lost);
    expect(lost).toBe(race.frames.length - 1);
    expect(race.frames[lost - 1]!.counter).toBe(1);
    expect(race.frames[lost]!.text).toMatch(/Thread 1 read 0, and Thread 2 has stored 1 since.*Lost update!/);
    expect(last(race.frames).text).toContain('counter is 1, not 2. One increment was lost.');
  });

  it.each(['after-load', 'after-const', 'after-add'] as const)('switching %s loses the update too', (switchAt) => {
    expect(buildRace(gil({ switchAt })).lostUpdates).toBe(1);
  });

  it('without a switch inside the increment (3.10+ for a plain int) nothing is lost', () => {
    const race = buildRace(gil({ switchAt: 'none' }));
    expect(race.lostUpdates).toBe(0);
    expect(last(race.frames).counter).toBe(2);
    expect(race.frames.filter((f) => f.switched)).toHaveLength(1); // only when Thread 1 is done
    expect(last(race.frames).text).toContain('counter is 2, no update was lost');
  });

  it('only one thread runs at a time, and the GIL holder is the one that runs', () => {
    for (const switchAt of ['none', 'after-load', 'after-const', 'after-add'] as const) {
      for (const lock of [false, true]) {
        for (const f of buildRace(gil({ switchAt, lock })).frames) {
          expect(f.ran.length).toBeLessThanOrEqual(1);
          for (const r of f.ran) expect(r.thread).toBe(f.gil);
          expect(f.threads.filter((t) => t.status === 'running').length).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('with the lock, the other thread blocks on it, drops the GIL, and no update is lost', () => {
    const race = buildRace(gil({ lock: true }));
    expect(race.program.map((i) => i.role)).toEqual(['acquire', 'load', 'const', 'add', 'store', 'release']);
    expect(race.lostUpdates).toBe(0);
    expect(last(race.frames).counter).toBe(2);
    const blocked = race.frames.findIndex((f) => f.threads[1].status === 'blocked');
    expect(race.frames[blocked]!.ran).toEqual([{ thread: 1, pc: 0 }]);
    expect(race.frames[blocked]!.lockHolder).toBe(0);
    expect(race.frames[blocked]!.text).toContain(
      'Thread 2 blocks until it is released. A thread waiting for a lock releases the GIL.',
    );
    expect(race.frames[blocked + 1]).toMatchObject({ switched: true, gil: 0 });
    // Released: Thread 2 is woken, then acquires and reads the counter Thread 1 wrote.
    const release = race.frames.findIndex((f) =>
      f.ran.some((r) => r.thread === 0 && race.program[r.pc]!.role === 'release'),
    );
    expect(race.frames[release]!.threads[1].status).toBe('waiting');
    const t2Load = race.frames.find((f) => f.ran.some((r) => r.thread === 1 && race.program[r.pc]!.role === 'load'))!;
    expect(t2Load.threads[1].read).toBe(1);
    // Lock held across the whole read-modify-write of each thread.
    for (const f of race.frames)
      for (const r of f.ran) if (race.program[r.pc]!.kind === 'bytecode') expect(f.lockHolder).toBe(r.thread);
  });
});

describe('buildRace on a free-threaded build', () => {
  const ft = (over: Partial<RaceConfig> = {}): RaceConfig =>
    gil({ version: '3.14', freeThreaded: true, switchAt: 'together', ...over });

  it('both threads step at once: both load 0, both store 1', () => {
    const race = buildRace(ft());
    expect(race.frames).toHaveLength(5);
    for (const f of race.frames.slice(1)) {
      expect(f.gil).toBeNull();
      expect(f.ran.map((r) => r.thread)).toEqual([0, 1]);
    }
    expect(race.frames[1]!.threads.map((t) => t.read)).toEqual([0, 0]);
    expect(race.frames[1]!.text).toMatch(/^At the same moment, on two cores/);
    expect(race.program.map((i) => i.opname)).toContain('LOAD_SMALL_INT');
    expect(race.lostUpdates).toBe(1);
    expect(last(race.frames).counter).toBe(1);
  });

  it('a later start overlaps the threads part of the way, and a load beside a store is explained', () => {
    const race = buildRace(ft({ switchAt: 'after-add' }));
    expect(race.lostUpdates).toBe(1);
    const overlap = race.frames.find((f) => f.ran.length === 2)!;
    expect(overlap.text).toContain('which of the two lands first is up to the hardware');
  });

  it('starting Thread 2 after Thread 1 finished is sequential and correct', () => {
    expect(buildRace(ft({ switchAt: 'none' })).lostUpdates).toBe(0);
  });

  it('the lock still works: one thread wins it, the other blocks', () => {
    const race = buildRace(ft({ lock: true }));
    expect(race.frames[1]!.lockHolder).toBe(0);
    expect(race.frames[1]!.threads[1].status).toBe('blocked');
    expect(race.frames[1]!.text).toContain('a lock lets only one thread in');
    expect(race.lostUpdates).toBe(0);
    expect(last(race.frames).counter).toBe(2);
  });
});

describe('configurations', () => {
  it('every combination finishes, with 0 or 1 lost update, and the lock always prevents it', () => {
    for (const version of VERSION_GROUPS) {
      for (const switchAt of SWITCH_POINTS) {
        for (const lock of [false, true]) {
          for (const freeThreaded of [false, true]) {
            const race = buildRace({ version, switchAt, lock, freeThreaded });
            const end = last(race.frames);
            expect(end.threads.every((t) => t.status === 'done')).toBe(true);
            expect(end.counter + race.lostUpdates).toBe(2);
            if (lock) expect(race.lostUpdates).toBe(0);
            expect(race.frames.every((f) => f.text.length > 0)).toBe(true);
          }
        }
      }
    }
  });

  it('shows each version group with its own bytecode', () => {
    const ops = (version: RaceConfig['version']) => buildRace(gil({ version })).program.map((i) => i.opname);
    expect(ops('3.6-3.9')).toEqual(['LOAD_GLOBAL', 'LOAD_CONST', 'INPLACE_ADD', 'STORE_GLOBAL']);
    expect(ops('3.10')).toEqual(['LOAD_GLOBAL', 'LOAD_CONST', 'INPLACE_ADD', 'STORE_GLOBAL']);
    expect(ops('3.11-3.12')).toEqual(['LOAD_GLOBAL', 'LOAD_CONST', 'BINARY_OP', 'STORE_GLOBAL']);
    expect(ops('3.14')).toEqual(['LOAD_GLOBAL', 'LOAD_SMALL_INT', 'BINARY_OP', 'STORE_GLOBAL']);
  });

  it('a switch inside the increment is forced from 3.10 on, and after LOAD_CONST before; real otherwise, moot without a GIL', () => {
    expect(isForcedSwitch(gil({ version: '3.6-3.9' }))).toBe(false);
    expect(isForcedSwitch(gil({ version: '3.6-3.9', switchAt: 'after-add' }))).toBe(false);
    // Up to 3.9 LOAD_CONST ends with FAST_DISPATCH(): no eval-breaker check before INPLACE_ADD.
    expect(isForcedSwitch(gil({ version: '3.6-3.9', switchAt: 'after-const' }))).toBe(true);
    expect(isForcedSwitch(gil({ version: '3.6-3.9', switchAt: 'none' }))).toBe(false);
    expect(isForcedSwitch(gil({ version: '3.10' }))).toBe(true);
    expect(isForcedSwitch(gil({ version: '3.13', switchAt: 'none' }))).toBe(false);
    expect(isForcedSwitch(gil({ freeThreaded: true }))).toBe(false);
    expect(isForcedSwitch(gil({ freeThreaded: true, switchAt: 'after-const' }))).toBe(false);
    expect(buildRace(gil({ version: '3.6-3.9' })).frames[2]!.text).not.toContain('forced');
    expect(buildRace(gil({ version: '3.6-3.9', switchAt: 'after-add' })).frames[4]!.text).not.toContain('forced');
    const afterConst = buildRace(gil({ version: '3.6-3.9', switchAt: 'after-const' })).frames[3]!;
    expect(afterConst.switched).toBe(true);
    expect(afterConst.text).toContain(
      '(forced: on CPython 3.6–3.9 LOAD_CONST goes straight on to the next instruction without checking for a switch)',
    );
    expect(buildRace(gil({ version: '3.10', switchAt: 'after-const' })).frames[3]!.text).toContain(
      '(forced: CPython 3.10+ does not check for a switch here)',
    );
  });

  it('normalizes impossible combinations and says why', () => {
    expect(normalizeConfig(gil({ freeThreaded: true, version: '3.10' }))).toEqual({
      config: gil({ freeThreaded: true, version: '3.13' }),
      notices: ['Free-threaded builds exist from CPython 3.13: showing 3.13t instead of 3.10.'],
    });
    expect(normalizeConfig(gil({ switchAt: 'together' })).config.switchAt).toBe('after-load');
    expect(normalizeConfig(DEFAULT_STATE)).toEqual({ config: DEFAULT_STATE, notices: [] });
  });

  it('is deterministic', () => {
    expect(buildRace(gil({ lock: true }))).toEqual(buildRace(gil({ lock: true })));
  });
});

describe('switchHere', () => {
  it("offers a switch right after one of Thread 1's instructions, before Thread 2 has run", () => {
    const race = buildRace(gil({ switchAt: 'none' }));
    expect(switchHere(race, 0)).toBeNull(); // nothing has run
    expect(switchHere(race, 1)).toBe('after-load');
    expect(switchHere(race, 2)).toBe('after-const');
    expect(switchHere(race, 3)).toBe('after-add');
    expect(switchHere(race, 4)).toBeNull(); // after the store the increment is complete
    expect(switchHere(race, 99)).toBeNull();
  });

  it('offers nothing where the switch already is or once Thread 2 has started', () => {
    const race = buildRace(gil());
    expect(switchHere(race, 1)).toBeNull();
    expect(race.frames.slice(2).every((_, i) => switchHere(race, i + 2) === null)).toBe(true);
    const ft = buildRace(gil({ version: '3.14', freeThreaded: true, switchAt: 'together' }));
    expect(switchHere(ft, 1)).toBeNull();
    expect(switchHere(buildRace(gil({ version: '3.14', freeThreaded: true, switchAt: 'none' })), 2)).toBe(
      'after-const',
    );
  });

  it('keeps every frame before the new switch point unchanged', () => {
    const before = buildRace(gil({ switchAt: 'none' }));
    const after = buildRace(gil({ switchAt: switchHere(before, 2)! }));
    expect(after.frames.slice(0, 3)).toEqual(before.frames.slice(0, 3));
    expect(after.frames[3]!.switched).toBe(true);
  });
});
