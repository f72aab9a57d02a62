/**
 * The race stepper's state machine: two threads each run `counter += 1` once, one instruction per
 * step. Pure and deterministic: a configuration gives the whole list of frames, so a step number
 * (from the URL, say) is enough to show any moment. No DOM here; race-stepper.ts renders it.
 */
import {
  FREE_THREADED_GROUPS,
  switchesAnywhere,
  threadProgram,
  versionLabel,
  type Instruction,
  type Role,
  type VersionGroup,
} from './bytecode.ts';

/**
 * Where Thread 1 stops for Thread 2. With the GIL: the instruction after which the GIL moves
 * ('none': not inside the increment, as on 3.10+). Free-threaded: when Thread 2 starts running
 * beside Thread 1 ('together': from the first step).
 */
export const SWITCH_POINTS = ['none', 'after-load', 'after-const', 'after-add', 'together'] as const;
export type SwitchPoint = (typeof SWITCH_POINTS)[number];

export interface RaceConfig {
  readonly version: VersionGroup;
  readonly switchAt: SwitchPoint;
  readonly lock: boolean;
  readonly freeThreaded: boolean;
}

export interface RaceState extends RaceConfig {
  readonly step: number;
}

export const DEFAULT_STATE: RaceState = {
  step: 0,
  version: '3.13',
  switchAt: 'after-load',
  lock: false,
  freeThreaded: false,
};

export const THREAD_NAMES = ['Thread 1', 'Thread 2'] as const;
export type ThreadId = 0 | 1;

export type ThreadStatus = 'running' | 'waiting' | 'not-started' | 'blocked' | 'done';

export interface ThreadView {
  /** Index of the next instruction in the thread's program. */
  readonly pc: number;
  /** The thread's value stack (each thread has its own frame, so its own stack). */
  readonly stack: readonly number[];
  readonly status: ThreadStatus;
  /** The value of counter this thread read with LOAD_GLOBAL, once it has. */
  readonly read: number | null;
}

export interface Executed {
  readonly thread: ThreadId;
  readonly pc: number;
}

export interface Frame {
  readonly threads: readonly [ThreadView, ThreadView];
  readonly counter: number;
  readonly lockHolder: ThreadId | null;
  /** Who holds the GIL; null on a free-threaded build. */
  readonly gil: ThreadId | null;
  /** The instructions run in this step: one with the GIL, up to two at once without it. */
  readonly ran: readonly Executed[];
  /** A GIL hand-over step (no instruction runs). */
  readonly switched: boolean;
  /** A store in this step overwrote another thread's update. */
  readonly lost: boolean;
  /** The step in words: the text alternative and the live announcement. */
  readonly text: string;
}

export interface Race {
  readonly config: RaceConfig;
  readonly program: readonly Instruction[];
  readonly frames: readonly Frame[];
  /** Increments that were lost by the end (0 or 1 with two threads). */
  readonly lostUpdates: number;
}

/** The roles a switch point names, so the UI can offer "switch here" after these instructions. */
export const SWITCH_ROLES: Partial<Record<Role, SwitchPoint>> = {
  load: 'after-load',
  const: 'after-const',
  add: 'after-add',
};

interface MutableThread {
  pc: number;
  stack: number[];
  status: ThreadStatus;
  read: number | null;
}

const other = (t: ThreadId): ThreadId => (t === 0 ? 1 : 0);

/**
 * True when a GIL build is shown switching where CPython would not: anywhere inside the increment
 * from 3.10, and right after LOAD_CONST on 3.6–3.9 (LOAD_CONST skips the eval-breaker check there).
 */
export function isForcedSwitch(config: RaceConfig): boolean {
  if (config.freeThreaded || config.switchAt === 'none') return false;
  return !switchesAnywhere(config.version) || config.switchAt === 'after-const';
}

/** Why a forced switch cannot happen there, for the step text. */
function forcedReason(config: RaceConfig): string {
  return switchesAnywhere(config.version)
    ? ' (forced: on CPython 3.6–3.9 LOAD_CONST goes straight on to the next instruction without checking for a switch)'
    : ' (forced: CPython 3.10+ does not check for a switch here)';
}

/** Makes a configuration consistent; says what it changed. */
export function normalizeConfig<T extends RaceConfig>(config: T): { config: T; notices: string[] } {
  const notices: string[] = [];
  let next = config;
  if (next.freeThreaded && !FREE_THREADED_GROUPS.includes(next.version)) {
    notices.push(
      `Free-threaded builds exist from CPython 3.13: showing 3.13t instead of ${versionLabel(next.version)}.`,
    );
    next = { ...next, version: '3.13' };
  }
  if (!next.freeThreaded && next.switchAt === 'together') {
    notices.push('With a GIL the threads cannot start together: showing a switch between the load and the store.');
    next = { ...next, switchAt: 'after-load' };
  }
  return { config: next, notices };
}

function describeRun(
  program: readonly Instruction[],
  t: ThreadId,
  pc: number,
  before: MutableThread,
  counterBefore: number,
  blocked: boolean,
): string {
  const ins = program[pc] as Instruction;
  const name = THREAD_NAMES[t];
  switch (ins.role) {
    case 'acquire':
      return blocked
        ? `${name} tries to acquire the lock, but ${THREAD_NAMES[other(t)]} holds it: ${name} blocks until it is released.`
        : `${name} acquires the lock (with lock: calls lock.__enter__()).`;
    case 'load':
      return `${name} runs ${ins.text}: it reads counter (${counterBefore}) and pushes it on its stack.`;
    case 'const':
      return `${name} runs ${ins.text}: it pushes the constant 1.`;
    case 'add': {
      const [a = 0, b = 0] = before.stack;
      return `${name} runs ${ins.text}: it pops ${a} and ${b} and pushes ${a + b}. The shared counter is unchanged.`;
    }
    case 'store':
      return `${name} runs ${ins.text}: it pops ${before.stack[before.stack.length - 1] ?? 0} and writes it to counter.`;
    case 'release':
      return `${name} releases the lock (the end of the with block calls lock.__exit__()).`;
  }
}

/** Runs both threads under the configuration and records every step. */
export function buildRace(input: RaceConfig): Race {
  const { config } = normalizeConfig(input);
  const program = threadProgram(config.version, config.lock);
  const ft = config.freeThreaded;
  const threads: [MutableThread, MutableThread] = [
    { pc: 0, stack: [], status: 'running', read: null },
    {
      pc: 0,
      stack: [],
      status: ft ? (config.switchAt === 'together' ? 'running' : 'not-started') : 'waiting',
      read: null,
    },
  ];
  let counter = 0;
  let lockHolder: ThreadId | null = null;
  let gil: ThreadId | null = ft ? null : 0;
  let switchDone = config.switchAt === 'together';
  let lostUpdates = 0;

  const snapshot = (ran: Executed[], text: string, extra: { switched?: boolean; lost?: boolean } = {}): Frame => ({
    threads: [
      { ...threads[0], stack: [...threads[0].stack] },
      { ...threads[1], stack: [...threads[1].stack] },
    ],
    counter,
    lockHolder,
    gil,
    ran,
    switched: extra.switched ?? false,
    lost: extra.lost ?? false,
    text,
  });

  const intro = ft
    ? `counter is 0. Free-threaded CPython ${versionLabel(config.version, true)}: there is no GIL, so the threads can run at the same time. ` +
      (config.switchAt === 'together' ? 'Both start together.' : 'Thread 1 starts first.')
    : `counter is 0. CPython ${versionLabel(config.version)} with the GIL: Thread 1 holds the GIL, Thread 2 waits for it.`;
  const frames: Frame[] = [snapshot([], `${intro} Each thread runs counter += 1 once, so the right answer is 2.`)];

  /** Executes one instruction of thread t (the counter as it was at the start of the step, for reads). */
  const execute = (
    t: ThreadId,
    readCounter: number,
    lockContended = false,
  ): { text: string; lost: boolean; role: Role } => {
    const th = threads[t];
    const ins = program[th.pc] as Instruction;
    const before = { ...th, stack: [...th.stack] };
    let lost = false;
    let blocked = false;
    let overwritten = counter;
    switch (ins.role) {
      case 'acquire':
        if (lockHolder === null) lockHolder = t;
        else blocked = true;
        break;
      case 'release':
        lockHolder = null;
        if (threads[other(t)].status === 'blocked') threads[other(t)].status = ft ? 'running' : 'waiting';
        break;
      case 'load':
        th.read = readCounter;
        th.stack.push(readCounter);
        break;
      case 'const':
        th.stack.push(1);
        break;
      case 'add': {
        const b = th.stack.pop() ?? 0;
        const a = th.stack.pop() ?? 0;
        th.stack.push(a + b);
        break;
      }
      case 'store': {
        const value = th.stack.pop() ?? 0;
        // Another thread wrote counter after this one read it: this write discards that update.
        overwritten = counter;
        lost = counter !== th.read;
        counter = value;
        break;
      }
    }
    let text = describeRun(program, t, before.pc, before, readCounter, blocked);
    if (blocked && lockContended) {
      text = `${THREAD_NAMES[t]} tries to acquire the lock at the same moment, but a lock lets only one thread in, and ${THREAD_NAMES[other(t)]} won: ${THREAD_NAMES[t]} blocks until it is released.`;
    }
    if (blocked) {
      th.status = 'blocked';
      if (!ft) text += ' A thread waiting for a lock releases the GIL.';
    } else {
      th.pc += 1;
      if (th.pc === program.length) {
        th.status = 'done';
        text += ` ${THREAD_NAMES[t]} has finished its increment.`;
      }
    }
    if (lost) {
      lostUpdates += 1;
      const them = THREAD_NAMES[other(t)];
      text += ` But ${THREAD_NAMES[t]} read ${before.read ?? 0}, and ${them} has stored ${overwritten} since: this write is based on a stale read and wipes out ${them}'s increment. Lost update!`;
    }
    return { text, lost, role: ins.role };
  };

  const runnable = (t: ThreadId): boolean => threads[t].status === 'running' || threads[t].status === 'waiting';
  const allDone = (): boolean => threads[0].status === 'done' && threads[1].status === 'done';

  // Two short programs cannot take more steps than this; the bound only guards against a bug.
  for (let guard = 0; guard < 64 && !allDone(); guard += 1) {
    if (!ft) {
      const holder = gil as ThreadId;
      if (!runnable(holder)) {
        const next = other(holder);
        const why =
          threads[holder].status === 'done' ? 'is done and drops the GIL' : 'is blocked on the lock, without the GIL';
        gil = next;
        threads[next].status = 'running';
        const resume =
          threads[next].pc > 0
            ? ` and continues where it stopped, with [${threads[next].stack.join(', ')}] on its stack`
            : '';
        frames.push(
          snapshot([], `${THREAD_NAMES[holder]} ${why}; ${THREAD_NAMES[next]} takes the GIL${resume}.`, {
            switched: true,
          }),
        );
        continue;
      }
      threads[holder].status = 'running';
      const pc = threads[holder].pc;
      const { text, lost, role } = execute(holder, counter);
      frames.push(snapshot([{ thread: holder, pc }], text, { lost }));
      if (holder === 0 && !switchDone && SWITCH_ROLES[role] === config.switchAt && threads[1].status !== 'done') {
        switchDone = true;
        gil = 1;
        if (threads[0].status === 'running') threads[0].status = 'waiting';
        threads[1].status = 'running';
        const forced = isForcedSwitch(config) ? forcedReason(config) : '';
        frames.push(
          snapshot(
            [],
            `The GIL switches to Thread 2 in the middle of Thread 1's increment${forced}. Thread 1 keeps [${threads[0].stack.join(', ')}] on its stack.`,
            {
              switched: true,
            },
          ),
        );
      }
    } else {
      // No GIL: every runnable thread runs one instruction in the same step. Reads see counter as it
      // was when the step began; writes land in thread order.
      const active = ([0, 1] as const).filter((t) => threads[t].status === 'running');
      const readCounter = counter;
      const ran: Executed[] = [];
      const texts: string[] = [];
      let lost = false;
      let t1Role: Role | null = null;
      const roles = active.map((t) => (program[threads[t].pc] as Instruction).role);
      for (const t of active) {
        ran.push({ thread: t, pc: threads[t].pc });
        const r = execute(t, readCounter, roles[0] === 'acquire' && roles[1] === 'acquire');
        texts.push(r.text);
        lost ||= r.lost;
        if (t === 0) t1Role = r.role;
      }
      if (roles.includes('load') && roles.includes('store')) {
        texts.push(
          `The load saw ${readCounter}, the value from before the store: with no GIL, which of the two lands first is up to the hardware, and this is the case that loses an update.`,
        );
      }
      const both = active.length === 2 ? 'At the same moment, on two cores: ' : '';
      if (
        !switchDone &&
        threads[1].status === 'not-started' &&
        (SWITCH_ROLES[t1Role ?? 'acquire'] === config.switchAt || threads[0].status === 'done')
      ) {
        switchDone = true;
        threads[1].status = 'running';
        texts.push('Thread 2 starts now, beside Thread 1.');
      }
      frames.push(snapshot(ran, both + texts.join(' '), { lost }));
    }
  }

  const last = frames[frames.length - 1] as Frame;
  const verdict =
    counter === 2
      ? ' Both threads are done: counter is 2, no update was lost.'
      : ` Both threads are done: counter is ${counter}, not 2. ${lostUpdates === 1 ? 'One increment was' : `${lostUpdates} increments were`} lost.`;
  frames[frames.length - 1] = { ...last, text: last.text + verdict };
  return { config, program, frames, lostUpdates };
}

/** The switch point "Switch threads here" would choose at this frame, or null where it cannot apply. */
export function switchHere(race: Race, step: number): SwitchPoint | null {
  const frame = race.frames[step];
  if (frame === undefined) return null;
  const t1 = frame.ran.find((r) => r.thread === 0);
  if (t1 === undefined) return null;
  const point = SWITCH_ROLES[(race.program[t1.pc] as Instruction).role];
  if (point === undefined || point === race.config.switchAt) return null;
  // Only while Thread 2 has not run yet: after that the schedule up to here would change.
  const t2 = frame.threads[1];
  if (t2.pc > 0 || t2.status === 'blocked' || (race.config.freeThreaded && t2.status === 'running')) return null;
  return point;
}
