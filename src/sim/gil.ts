import type { ResolvedInput } from './input.ts';
import type { ReleaseReason, Step, TraceEvent } from './types.ts';

/**
 * The GIL of CPython 3.2+ (Python/ceval_gil.c), event by event:
 *
 * - take_gil: if `locked` is 0 the thread takes it at once. Otherwise it does a timed wait of
 *   `interval` µs on `cond`; when that times out and `switch_number` is what it was when the wait
 *   began, it sets the drop request (SET_GIL_DROP_REQUEST: `gil_drop_request` up to 3.12, bit 0 of
 *   `PyThreadState.eval_breaker` from 3.13), and either way it waits again.
 * - The holder sees the request at its next eval-breaker check point (every `checkEvery` µs of
 *   Python code, or when a long C call returns) and calls drop_gil, which signals `cond`
 *   (_Py_HandlePending; from 3.13 through _PyThreadState_Detach).
 * - FORCE_SWITCHING: after a requested drop the dropper waits on `switch_cond` until another
 *   thread has taken the GIL, so it cannot win it straight back; then it is an ordinary waiter.
 * - Blocking I/O drops the GIL voluntarily; afterwards the thread must take_gil again.
 * - Taking the GIL sets `last_holder` and increments `switch_number` if the taker is not
 *   `last_holder`, and clears the drop request.
 *
 * Simplifications: waking a waiter costs no time, and the woken waiter is the one that has been
 * waiting longest (ties: lowest thread index). Real CPython leaves that choice to the OS's
 * condition variable. Only the holder runs Python, so the number of cores plays no part here.
 * At one instant, I/O completions come first, then timed-out waits, then the holder's work.
 */

interface SimThread {
  readonly id: number;
  readonly steps: readonly Step[];
  /** Index of the step being executed; -1 before the first. */
  step: number;
  /** µs of the current CPU step still to run; 0 means the thread is at a step boundary. */
  left: number;
  /** Python CPU µs since the last eval-breaker check point, in [0, checkEvery). */
  phase: number;
  state: 'waiting' | 'holding' | 'io' | 'done';
  /** When the thread entered take_gil: decides which waiter a release wakes. */
  since: number;
  /** Waiting: when the current timed wait on `cond` times out. I/O: when the I/O completes. */
  deadline: number;
  /** `saved_switchnum`: switch_number when the current timed wait began. */
  saved: number;
}

function isPython(step: Step | undefined): boolean {
  return step !== undefined && step.kind === 'cpu' && step.cCall !== true;
}

export function simulateGil(input: ResolvedInput): TraceEvent[] {
  const { switchInterval: interval, checkEvery } = input;
  const events: TraceEvent[] = [];
  const threads: SimThread[] = input.threads.map((spec, id) => ({
    id,
    steps: spec.steps,
    step: -1,
    left: 0,
    phase: 0,
    state: 'waiting',
    since: 0,
    deadline: 0,
    saved: 0,
  }));
  const gil = {
    holder: null as SimThread | null,
    lastHolder: -1,
    switchNumber: 0,
    gilDropRequest: false,
  };
  let now = 0;
  let live = threads.length;

  function acquire(th: SimThread): void {
    gil.holder = th;
    th.state = 'holding';
    if (th.id !== gil.lastHolder) {
      gil.lastHolder = th.id;
      gil.switchNumber += 1;
    }
    gil.gilDropRequest = false;
    events.push({ t: now, thread: th.id, kind: 'acquire' });
  }

  function takeGil(th: SimThread): void {
    if (gil.holder === null) {
      acquire(th);
      return;
    }
    th.state = 'waiting';
    th.since = now;
    th.deadline = now + interval;
    th.saved = gil.switchNumber;
    events.push({ t: now, thread: th.id, kind: 'wait' });
  }

  function dropGil(th: SimThread, reason: ReleaseReason): void {
    events.push({ t: now, thread: th.id, kind: 'release', reason });
    gil.holder = null;
    let next: SimThread | undefined;
    for (const w of threads) {
      if (w.state === 'waiting' && (next === undefined || w.since < next.since)) next = w;
    }
    if (next !== undefined) acquire(next);
  }

  function timedOut(w: SimThread): void {
    if (gil.switchNumber === w.saved) {
      gil.gilDropRequest = true;
      events.push({ t: now, thread: w.id, kind: 'drop_request' });
    }
    w.saved = gil.switchNumber;
    w.deadline = now + interval;
  }

  /** The holder reached the end of a step: move on to the next one. */
  function advance(th: SimThread): void {
    const done = th.steps[th.step];
    // Returning from a call (a C call or a blocking one) passes a check point: in 3.13.0 the generic
    // CALL and the C-function call specialisations have HAS_EVAL_BREAK_FLAG (CALL_LEN and a few
    // others do not; the model has no such short calls).
    if (done !== undefined && !isPython(done)) th.phase = 0;
    th.step += 1;
    const step = th.steps[th.step];
    if (step === undefined) {
      th.state = 'done';
      live -= 1;
      dropGil(th, 'finish');
      events.push({ t: now, thread: th.id, kind: 'finish' });
    } else if (step.kind === 'io') {
      th.state = 'io';
      th.deadline = now + step.duration;
      dropGil(th, 'io');
      events.push({ t: now, thread: th.id, kind: 'io_start' });
    } else {
      th.left = step.duration;
    }
  }

  /** When the holder next needs attention: its step ends, or it meets a check with a request. */
  function holderDue(h: SimThread): number {
    if (h.left === 0) return now;
    let due = now + h.left;
    if (gil.gilDropRequest && isPython(h.steps[h.step])) {
      due = Math.min(due, now + (h.phase === 0 ? 0 : checkEvery - h.phase));
    }
    return due;
  }

  for (const th of threads) events.push({ t: 0, thread: th.id, kind: 'start' });
  for (const th of threads) takeGil(th);

  while (live > 0) {
    const h = gil.holder;
    let next = h === null ? Infinity : holderDue(h);
    for (const th of threads) {
      if ((th.state === 'waiting' || th.state === 'io') && th.deadline < next) next = th.deadline;
    }
    if (h !== null && next > now) {
      const ran = next - now;
      h.left -= ran;
      if (isPython(h.steps[h.step])) h.phase = (h.phase + ran) % checkEvery;
    }
    now = next;

    const ioDone = threads.find((th) => th.state === 'io' && th.deadline === now);
    if (ioDone !== undefined) {
      events.push({ t: now, thread: ioDone.id, kind: 'io_end' });
      takeGil(ioDone);
      continue;
    }
    const waiter = threads.find((th) => th.state === 'waiting' && th.deadline === now);
    if (waiter !== undefined) {
      timedOut(waiter);
      continue;
    }
    // Only the holder can be due now.
    if (h === null) throw new Error('GIL model: nothing left to happen');
    if (h.left === 0) {
      advance(h);
    } else {
      // An eval-breaker check point with the drop request set: drop_gil, then take_gil again
      // (_Py_HandlePending; from 3.13 through _PyThreadState_Detach and _PyThreadState_Attach).
      dropGil(h, 'forced');
      takeGil(h);
    }
  }
  return events;
}
