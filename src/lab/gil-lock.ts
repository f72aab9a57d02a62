/**
 * A real GIL for Web Workers (and Node worker_threads): one Int32 word in a SharedArrayBuffer,
 * driven by Atomics, following CPython's protocol (Python/ceval_gil.c, 3.2+):
 *
 * - take_gil: a free GIL is taken at once. Otherwise the thread does a timed wait (Atomics.wait)
 *   of one switch interval; if it times out and nobody else has taken the GIL meanwhile
 *   (switch_number unchanged), it sets gil_drop_request, then waits again.
 * - The holder looks at the request at its eval-breaker check points (between chunks of work)
 *   and drops the GIL when it is set.
 * - FORCE_SWITCHING: a thread that dropped the GIL because of a request waits until another
 *   thread has taken it (last_holder changed), so it cannot win it straight back.
 * - A voluntary release (blocking I/O, exit) just unlocks and wakes one waiter.
 *
 * locked, gil_drop_request and switch_number share one word, so a waiter sets the request with a
 * single compare-and-swap that fails if the GIL changed hands since the waiter looked: the mutex
 * that guards them in CPython is not needed.
 */
import type { ReleaseReason } from '../sim/types.ts';
import type { LogKind } from './event-log.ts';
import { now, WORD } from './memory.ts';

const LOCKED = 1;
const DROP_REQUEST = 2;

/** `time` is given when the event happened before it could be logged. */
export type GilRecorder = (kind: LogKind, reason?: ReleaseReason, time?: number) => void;

export class GilLock {
  readonly #words: Int32Array;
  readonly #thread: number;
  readonly #interval: number;
  readonly #record: GilRecorder;

  /**
   * @param words the control words of a LabMemory
   * @param thread this thread's index, ≥ 0
   * @param intervalMs the switch interval, `sys.getswitchinterval()` in ms
   * @param record called for wait, drop_request, acquire and release, at the moment they happen
   */
  constructor(words: Int32Array, thread: number, intervalMs: number, record: GilRecorder = () => {}) {
    if (!(intervalMs > 0)) throw new RangeError(`switch interval must be > 0 ms, got ${intervalMs}`);
    this.#words = words;
    this.#thread = thread;
    this.#interval = intervalMs;
    this.#record = record;
  }

  /** The eval breaker's drop-request bit: cheap enough to read between every chunk of work. */
  get dropRequested(): boolean {
    return (Atomics.load(this.#words, WORD.state) & DROP_REQUEST) !== 0;
  }

  /** take_gil. Blocks (Atomics.wait), so never call it on a browser's main thread. */
  take(): void {
    const w = this.#words;
    let waiting = false;
    for (;;) {
      const s = Atomics.load(w, WORD.state);
      if ((s & LOCKED) === 0) {
        // switch_number counts hand-overs to a thread other than last_holder.
        const switched = Atomics.load(w, WORD.lastHolder) !== this.#thread;
        const next = (((s >>> 2) + (switched ? 1 : 0)) << 2) | LOCKED;
        // The clock is read before the swap: the OS may pause this thread right after it, and the
        // GIL is held from the swap on. (The trace never puts an acquire before the release it follows.)
        const t = now();
        if (Atomics.compareExchange(w, WORD.state, s, next) === s) {
          this.#record('acquire', undefined, t);
          Atomics.store(w, WORD.lastHolder, this.#thread);
          // Wakes a thread waiting in drop() for the switch (FORCE_SWITCHING).
          Atomics.notify(w, WORD.lastHolder);
          return;
        }
        continue;
      }
      if (!waiting) {
        waiting = true;
        this.#record('wait');
      }
      if (Atomics.wait(w, WORD.state, s, this.#interval) === 'timed-out' && (s & DROP_REQUEST) === 0) {
        // Same word as before the wait: still locked, nobody switched in. SET_GIL_DROP_REQUEST.
        // The time is read first: the holder may drop the GIL before this thread gets to log it.
        const t = now();
        if (Atomics.compareExchange(w, WORD.state, s, s | DROP_REQUEST) === s)
          this.#record('drop_request', undefined, t);
      }
    }
  }

  /** drop_gil. After a requested drop it waits for another thread to take the GIL, unless exiting. */
  drop(reason: ReleaseReason): void {
    const w = this.#words;
    // Logged while still held, so the log puts it before the next acquire.
    this.#record('release', reason);
    let s = Atomics.load(w, WORD.state);
    for (;;) {
      // Unlock and clear any request, keeping switch_number.
      const seen = Atomics.compareExchange(w, WORD.state, s, s & ~(LOCKED | DROP_REQUEST));
      if (seen === s) break;
      s = seen;
    }
    Atomics.notify(w, WORD.state, 1);
    if ((s & DROP_REQUEST) !== 0 && reason !== 'finish') {
      while (Atomics.load(w, WORD.lastHolder) === this.#thread) Atomics.wait(w, WORD.lastHolder, this.#thread);
    }
  }

  /** An eval-breaker check point: honour a pending drop request, then queue for the GIL again. */
  checkpoint(): void {
    if (this.dropRequested) {
      this.drop('forced');
      this.take();
    }
  }
}
