import { describe, expect, it } from 'vitest';
import { buildRace, DEFAULT_STATE, type RaceConfig } from './machine.ts';
import { renderStage, sourceCode, stepText, switchControl, versionNote } from './render.ts';

const config = (over: Partial<RaceConfig> = {}): RaceConfig => ({ ...DEFAULT_STATE, ...over });
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('renderStage', () => {
  it("shows each thread's code, stack and status, and the shared counter", () => {
    const race = buildRace(config());
    const html = renderStage(race, 2); // just after the forced switch
    expect(html.match(/role="group" aria-label="Thread \d"/g)).toHaveLength(2);
    expect(text(html)).toContain('Thread 1 waiting for the GIL');
    expect(text(html)).toContain('Thread 2 holds the GIL');
    expect(html).toContain('<span class="rs-cell">0</span>');
    expect(text(html)).toContain('counter 0');
    expect(text(html)).toContain('GIL held by Thread 2');
    // Marks are words for screen readers, not only symbols and colour.
    expect(html).toContain('LOAD_GLOBAL counter</code><span class="sr-only"> (done)</span>');
    expect(html).toContain('LOAD_GLOBAL counter</code><span class="sr-only"> (next)</span>');
  });

  it('flags the step that loses the update', () => {
    const race = buildRace(config());
    const end = renderStage(race, race.frames.length - 1);
    expect(end).toContain('rs-counter-lost');
    expect(end).toContain('class="rs-lost"');
    expect(renderStage(buildRace(config({ lock: true })), 16)).not.toContain('rs-lost');
  });

  it('shows the lock, and no GIL on a free-threaded build', () => {
    expect(text(renderStage(buildRace(config({ lock: true })), 1))).toContain('lock held by Thread 1');
    const ft = buildRace(config({ freeThreaded: true, switchAt: 'together' }));
    expect(text(renderStage(ft, 1))).toContain('GIL none (free-threaded build)');
    expect(renderStage(ft, 1).match(/rs-ran/g)).toHaveLength(2);
  });
});

describe('the words around the stage', () => {
  it('numbers the steps', () => {
    expect(stepText(buildRace(config()), 0)).toMatch(/^Step 0 of 10: counter is 0\./);
  });

  it('says when a switch is forced and when it is real', () => {
    expect(versionNote(config())).toMatch(/^Forced switch\. On CPython 3\.13 with the GIL/);
    expect(versionNote(config())).toContain('LOAD_GLOBAL, LOAD_CONST, BINARY_OP and STORE_GLOBAL are none of those');
    expect(versionNote(config({ version: '3.10' }))).toContain('INPLACE_ADD and STORE_GLOBAL');
    expect(versionNote(config({ version: '3.10' }))).toContain('at function entry, calls and backward jumps');
    // 3.6–3.9: a switch after the load or the add is real; after LOAD_CONST it is not.
    expect(versionNote(config({ version: '3.6-3.9' }))).toMatch(
      /^CPython 3\.6–3\.9: the check for a switch request ran before almost every instruction/,
    );
    expect(versionNote(config({ version: '3.6-3.9', switchAt: 'after-add' }))).not.toContain('Forced');
    expect(versionNote(config({ version: '3.6-3.9', switchAt: 'after-const' }))).toMatch(
      /^Forced switch\. On CPython 3\.6–3\.9, LOAD_CONST goes straight on .* cannot move between LOAD_CONST and INPLACE_ADD/,
    );
    expect(versionNote(config({ switchAt: 'none' }))).toContain('an accident of where the checks sit, not a guarantee');
    expect(versionNote(config({ switchAt: 'none' }))).toContain('on 3.10 to 3.13');
    const ft = versionNote(config({ freeThreaded: true, version: '3.14' }));
    expect(ft).toMatch(/^Free-threaded CPython 3\.14t: there is no GIL to switch/);
    expect(ft).toContain('expected to lose updates');
    expect(ft).toContain('third-party run on 3.14.0a6 lost about 80%');
    expect(ft).not.toContain('routinely');
  });

  it('marks 3.14 as read from source, not run, and makes no measured claim for it', () => {
    for (const switchAt of ['none', 'after-load'] as const) {
      const note = versionNote(config({ version: '3.14', switchAt }));
      expect(note).toContain('CPython 3.14 was not run here');
      expect(note).toContain('the 3.14 source (Python/bytecodes.c)');
      expect(note).toContain('There is no 3.15 setting');
      expect(note).not.toContain('right total');
    }
    expect(versionNote(config({ version: '3.13', switchAt: 'none' }))).not.toContain('not run here');
  });

  it('words the switch control for the build', () => {
    expect(switchControl(config()).label).toBe('The GIL switches to Thread 2');
    expect(switchControl(config()).options.map((o) => o.value)).toEqual([
      'after-load',
      'after-const',
      'after-add',
      'none',
    ]);
    expect(switchControl(config({ version: '3.14' })).options[1]!.label).toBe('after LOAD_SMALL_INT');
    const ft = switchControl(config({ freeThreaded: true }));
    expect(ft.label).toBe('Thread 2 starts');
    expect(ft.options[0]).toEqual({ value: 'together', label: 'together with Thread 1' });
  });

  it('shows the source with and without the lock', () => {
    expect(sourceCode(false)).toBe('global counter\ncounter += 1');
    expect(sourceCode(true)).toBe('global counter\nwith lock:\n    counter += 1');
  });
});
