/**
 * The usual `cpu_bound(n)` benchmark (the sum of `i ** 2` for `i` below `n`) in JavaScript, cut into
 * chunks with an eval-breaker check point between them, like the back-edge checks CPython makes
 * in a loop. The sum is returned and compared across modes, so the JIT cannot drop the loop.
 */

/** Loop iterations between two check points: roughly 10 µs of work. */
const CHUNK = 10_000;

/**
 * Iterations each worker runs before its clock starts, so that the JIT has compiled the loop:
 * a benchmark's warm-up run. (Processes mode counts it, as part of a process's start-up.)
 */
export const WARM_UP = 2_000_000;

/** The I/O-bound variant: each task makes this many blocking calls, each followed by a CPU part. */
export const IO_CALLS = 10;
/** How long each blocking call blocks, like a request to a server that answers in 20 ms. */
export const IO_MS = 20;

function sumSquares(from: number, to: number, acc: number): number {
  for (let i = from; i < to; i += 1) acc += i * i;
  return acc;
}

export interface TaskHooks {
  /** Between two chunks: the eval-breaker check point. */
  checkpoint(): void;
  /** After each chunk: progress, in chunks. */
  progress(chunks: number): void;
  /** The I/O variant's blocking call, made before each CPU part. */
  blockingCall?(): void;
}

/**
 * cpu_bound(n); with `blockingCall`, the work is split into IO_CALLS parts, each after a blocking
 * call. The result is the same either way.
 */
export function cpuBound(n: number, hooks: TaskHooks): number {
  const parts = hooks.blockingCall === undefined ? 1 : IO_CALLS;
  let acc = 0;
  let done = 0;
  for (let p = 0; p < parts; p += 1) {
    hooks.blockingCall?.();
    const end = Math.floor((n * (p + 1)) / parts);
    for (let i = Math.floor((n * p) / parts); i < end; i += CHUNK) {
      acc = sumSquares(i, Math.min(end, i + CHUNK), acc);
      hooks.progress((done += 1));
      hooks.checkpoint();
    }
  }
  return acc;
}

/** Chunks cpuBound reports for one task of size n, for the progress bar. */
export function chunksOf(n: number, io: boolean): number {
  const parts = io ? IO_CALLS : 1;
  let chunks = 0;
  for (let p = 0; p < parts; p += 1) {
    chunks += Math.ceil((Math.floor((n * (p + 1)) / parts) - Math.floor((n * p) / parts)) / CHUNK);
  }
  return chunks;
}
