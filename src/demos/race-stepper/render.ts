/**
 * The stepper's view as HTML strings and plain text, shared by the server-rendered first frame
 * (RaceStepper.astro) and the live element, so both draw the same thing. Every string that goes
 * into markup passes through escapeXml(); none of it comes from the URL.
 */
import { FROM_SOURCE_GROUPS, incrementBytecode, switchesAnywhere, versionLabel, type Instruction } from './bytecode.ts';
import {
  isForcedSwitch,
  THREAD_NAMES,
  type Frame,
  type Race,
  type RaceConfig,
  type SwitchPoint,
  type ThreadView,
} from './machine.ts';
import { escapeXml } from '../kit/text.ts';

export function sourceCode(lock: boolean): string {
  return lock ? 'global counter\nwith lock:\n    counter += 1' : 'global counter\ncounter += 1';
}

function statusLabel(t: ThreadView, freeThreaded: boolean): string {
  switch (t.status) {
    case 'running':
      return freeThreaded ? 'running' : 'holds the GIL';
    case 'waiting':
      return 'waiting for the GIL';
    case 'not-started':
      return 'not started yet';
    case 'blocked':
      return 'blocked on the lock';
    case 'done':
      return 'done';
  }
}

function codeLine(ins: Instruction, index: number, thread: 0 | 1, frame: Frame): string {
  const t = frame.threads[thread];
  const ran = frame.ran.some((r) => r.thread === thread && r.pc === index);
  // A blocked acquire ran but did not complete: it is also the next thing the thread will try.
  const next = !ran && index === t.pc && t.status !== 'done';
  const done = index < t.pc && !ran;
  const state = ran ? 'ran' : next ? 'next' : done ? 'done' : 'todo';
  const mark = { ran: '▶', next: '›', done: '✓', todo: '' }[state];
  const sr = { ran: ' (just ran)', next: ' (next)', done: ' (done)', todo: '' }[state];
  const cls = `rs-line rs-${state}${ins.kind === 'lock' ? ' rs-lockline' : ' rs-body'}`;
  return `<li class="${cls}"><span class="rs-mark" aria-hidden="true">${mark}</span><code>${escapeXml(ins.text)}</code><span class="sr-only">${sr}</span></li>`;
}

function threadColumn(race: Race, frame: Frame, thread: 0 | 1): string {
  const t = frame.threads[thread];
  const ft = race.config.freeThreaded;
  const lines = race.program.map((ins, i) => codeLine(ins, i, thread, frame)).join('');
  const stack =
    t.stack.length === 0
      ? '<span class="rs-empty">empty</span>'
      : t.stack.map((v) => `<span class="rs-cell">${v}</span>`).join('');
  const read = t.read === null ? 'nothing yet' : `counter = ${t.read}`;
  const active = frame.ran.some((r) => r.thread === thread) ? ' rs-active' : '';
  return (
    `<div class="rs-thread rs-t-${t.status}${active}" role="group" aria-label="${THREAD_NAMES[thread]}">` +
    `<p class="rs-thread-head"><span class="rs-name">${THREAD_NAMES[thread]}</span> <span class="rs-badge">${statusLabel(t, ft)}</span></p>` +
    `<ol class="rs-code" aria-label="${THREAD_NAMES[thread]}'s instructions">${lines}</ol>` +
    `<p class="rs-stack"><span class="rs-label">Value stack</span> ${stack}</p>` +
    `<p class="rs-read"><span class="rs-label">Has read</span> ${read}</p>` +
    `</div>`
  );
}

/** The threads and the shared state at one step. */
export function renderStage(race: Race, step: number): string {
  const frame = race.frames[step] as Frame;
  const prev = race.frames[step - 1];
  const changed = prev !== undefined && prev.counter !== frame.counter ? ' rs-changed' : '';
  const gil = race.config.freeThreaded ? 'none (free-threaded build)' : `held by ${THREAD_NAMES[frame.gil ?? 0]}`;
  const lock = race.config.lock
    ? `<p class="rs-shared-item"><span class="rs-label">lock</span> ${frame.lockHolder === null ? 'free' : `held by ${THREAD_NAMES[frame.lockHolder]}`}</p>`
    : '';
  const lost = frame.lost
    ? '<p class="rs-lost">Lost update: a write based on a stale read replaced the other thread\'s increment.</p>'
    : '';
  return (
    `<div class="rs-threads">${threadColumn(race, frame, 0)}${threadColumn(race, frame, 1)}</div>` +
    `<div class="rs-shared" role="group" aria-label="Shared state">` +
    `<p class="rs-shared-item rs-counter${changed}${frame.lost ? ' rs-counter-lost' : ''}"><span class="rs-label">counter</span> <strong>${frame.counter}</strong></p>` +
    `<p class="rs-shared-item"><span class="rs-label">GIL</span> ${gil}</p>${lock}</div>${lost}`
  );
}

export function stepText(race: Race, step: number): string {
  return `Step ${step} of ${race.frames.length - 1}: ${(race.frames[step] as Frame).text}`;
}

/** What the chosen version and switch mean for real CPython: shown next to the stepper. */
export function versionNote(config: RaceConfig): string {
  const v = versionLabel(config.version, config.freeThreaded);
  if (config.freeThreaded) {
    return (
      `Free-threaded CPython ${v}: there is no GIL to switch. Both threads run at once on different cores, so their steps overlap however the hardware schedules them. ` +
      'The plain counter is expected to lose updates, because nothing makes += atomic without the GIL. ' +
      'No free-threaded build was run here; a third-party run on 3.14.0a6 lost about 80% of its increments.'
    );
  }
  const ops = incrementBytecode(config.version).map((i) => i.opname);
  if (switchesAnywhere(config.version)) {
    if (isForcedSwitch(config)) {
      return (
        `Forced switch. On CPython ${v}, LOAD_CONST goes straight on to the next instruction without checking for a switch request, ` +
        'so the GIL cannot move between LOAD_CONST and INPLACE_ADD. It can move right after LOAD_GLOBAL or INPLACE_ADD, which loses the update just the same. ' +
        'The stepper forces this switch only to show the steps.'
      );
    }
    return (
      `CPython ${v}: the check for a switch request ran before almost every instruction, so a switch between the load and the store really happens; ` +
      'the counter example on these versions loses updates. The exception here is LOAD_CONST, which skips the check.'
    );
  }
  const fromSource = FROM_SOURCE_GROUPS.includes(config.version)
    ? ` CPython ${v} was not run here: this follows from the 3.14 source (Python/bytecodes.c) and the dis documentation (LOAD_SMALL_INT is new in 3.14). There is no 3.15 setting, because its bytecode has not been checked.`
    : '';
  if (isForcedSwitch(config)) {
    return (
      `Forced switch. On CPython ${v} with the GIL, a thread only checks for a switch request at function entry, calls and backward jumps, and ${ops.slice(0, -1).join(', ')} and ${ops[ops.length - 1]} are none of those: ` +
      "a plain int increment is never interrupted here (the GIL can move at the loop's backward jump after STORE_GLOBAL). " +
      'The stepper forces the switch to show what happens on 3.9 and earlier, under opcode tracing, with counter += f() (the call is a switch point), or on a free-threaded build.' +
      fromSource
    );
  }
  const measured = FROM_SOURCE_GROUPS.includes(config.version)
    ? ''
    : ' That is why the plain counter printed the right total in every run here on 3.10 to 3.13: an accident of where the checks sit, not a guarantee.';
  return `CPython ${v} with the GIL: no switch falls inside the increment, because none of its instructions checks for a switch request.${measured}${fromSource}`;
}

export interface Option {
  readonly value: SwitchPoint;
  readonly label: string;
}

/** The label and choices of the switch control: where the GIL moves, or when Thread 2 starts. */
export function switchControl(config: RaceConfig): { label: string; options: Option[] } {
  const [load, constant, add] = incrementBytecode(config.version).map((i) => i.text.split(' ')[0]);
  if (config.freeThreaded) {
    return {
      label: 'Thread 2 starts',
      options: [
        { value: 'together', label: 'together with Thread 1' },
        { value: 'after-load', label: `after Thread 1's ${load}` },
        { value: 'after-const', label: `after Thread 1's ${constant}` },
        { value: 'after-add', label: `after Thread 1's ${add}` },
        { value: 'none', label: 'after Thread 1 has finished' },
      ],
    };
  }
  return {
    label: 'The GIL switches to Thread 2',
    options: [
      { value: 'after-load', label: `after ${load} (between load and store)` },
      { value: 'after-const', label: `after ${constant}` },
      { value: 'after-add', label: `after ${add}` },
      { value: 'none', label: 'not inside the increment (3.10+)' },
    ],
  };
}
