/**
 * The shared memory of one lab run: a few control words (the GIL, the start barrier) and an event
 * log that every worker appends to. One SharedArrayBuffer, so the same code runs in Web Workers and
 * in Node's worker_threads. No DOM.
 */

/** Int32 control words. */
export const WORD = {
  /** The GIL: switch_number << 2 | gil_drop_request << 1 | locked (see gil-lock.ts). */
  state: 0,
  /** `last_holder`: the thread that took the GIL last (−1: nobody yet). */
  lastHolder: 1,
  /** The start barrier: workers block on it until the coordinator stores 1. */
  go: 2,
  /** Events appended so far; may pass the capacity, and then the log is incomplete. */
  count: 3,
  /** Never notified: a blocking "system call" is a timed wait on it. */
  sleep: 4,
  /** Then one word per thread: chunks of work done, for the progress bar. */
  progress: 8,
} as const;
/** Threads a run can have (the lab offers 1–8 tasks). */
export const MAX_THREADS = 8;
const CONTROL_WORDS = WORD.progress + MAX_THREADS;

/** Enough for a long run at the smallest switch interval (each slice logs about four events). */
export const DEFAULT_CAPACITY = 1 << 16;

export interface LabMemory {
  readonly buffer: SharedArrayBuffer;
  readonly words: Int32Array;
  /** Per event: thread | kind << 8 | reason << 12. */
  readonly meta: Int32Array;
  /** Per event: `performance.timeOrigin + performance.now()`, in ms, so that all workers share one clock. */
  readonly times: Float64Array;
  readonly capacity: number;
}

/** Views on a buffer made by createMemory (in the worker that received it, for instance). */
export function viewMemory(buffer: SharedArrayBuffer): LabMemory {
  const capacity = (buffer.byteLength - CONTROL_WORDS * 4) / 12;
  return {
    buffer,
    words: new Int32Array(buffer, 0, CONTROL_WORDS),
    meta: new Int32Array(buffer, CONTROL_WORDS * 4, capacity),
    // CONTROL_WORDS * 4 + capacity * 4 is a multiple of 8 because capacity is even.
    times: new Float64Array(buffer, CONTROL_WORDS * 4 + capacity * 4, capacity),
    capacity,
  };
}

export function createMemory(capacity = DEFAULT_CAPACITY): LabMemory {
  if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
    throw new RangeError(`capacity must be an even integer ≥ 2, got ${capacity}`);
  }
  const memory = viewMemory(new SharedArrayBuffer(CONTROL_WORDS * 4 + capacity * 12));
  Atomics.store(memory.words, WORD.lastHolder, -1);
  return memory;
}

/** One clock for every worker: each has its own time origin, so add it back. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
