/**
 * What one worker does in one run, whichever mode: wait at the start barrier, run its tasks under
 * the GIL (or without it), and log every state change into shared memory. DOM-free: the browser's
 * worker.ts and the Node tests' worker both call runJob.
 */
import type { ReleaseReason } from '../sim/types.ts';
import { record, type LogKind } from './event-log.ts';
import { GilLock } from './gil-lock.ts';
import { chunksOf, cpuBound, IO_MS, WARM_UP } from './kernel.ts';
import { viewMemory, WORD } from './memory.ts';

export interface Job {
  readonly buffer: SharedArrayBuffer;
  /** Lane index in the trace. */
  readonly thread: number;
  /** cpu_bound(n) calls, one after another (the sequential mode's one worker runs them all). */
  readonly tasks: number;
  readonly n: number;
  /** The I/O-bound variant: blocking calls between the CPU parts. */
  readonly io: boolean;
  /** Share the GIL in `buffer`; otherwise run free. */
  readonly gil: boolean;
  readonly intervalMs: number;
  /**
   * Announce readiness and wait for the coordinator's go, so that start-up stays outside the
   * timing. Processes mode starts the clock before creating the workers instead, and the parent
   * logs their 'finish' when their results arrive.
   */
  readonly barrier: boolean;
}

export type WorkerMessage = { readonly type: 'ready' } | { readonly type: 'done'; readonly results: number[] };

/** Runs a job; `ready` is called just before blocking at the barrier. Returns each task's sum. */
export function runJob(job: Job, ready: () => void): number[] {
  const memory = viewMemory(job.buffer);
  const { words } = memory;
  const log = (kind: LogKind, reason?: ReleaseReason, time?: number): void => {
    record(memory, job.thread, kind, reason, time);
  };
  // A warm-up run, so that the timed loop is already compiled (see WARM_UP).
  cpuBound(WARM_UP, { checkpoint: () => {}, progress: () => {} });
  if (job.barrier) {
    ready();
    while (Atomics.load(words, WORD.go) === 0) Atomics.wait(words, WORD.go, 0);
  }
  // No separate 'start' event: logged just before the first attempt to run, it would only draw a
  // sliver of "ready" in front of it.
  const lock = job.gil ? new GilLock(words, job.thread, job.intervalMs, log) : null;
  const run = (): void => (lock === null ? log('dispatch') : lock.take());
  const blockingCall = (): void => {
    // Py_BEGIN_ALLOW_THREADS … Py_END_ALLOW_THREADS around a call that blocks.
    lock?.drop('io');
    log('io_start');
    Atomics.wait(words, WORD.sleep, 0, IO_MS);
    log('io_end');
    run();
  };
  const perTask = chunksOf(job.n, job.io);
  const results: number[] = [];
  run();
  for (let t = 0; t < job.tasks; t += 1) {
    results.push(
      cpuBound(job.n, {
        checkpoint: lock === null ? () => {} : () => lock.checkpoint(),
        progress: (chunks) => Atomics.store(words, WORD.progress + job.thread, t * perTask + chunks),
        ...(job.io ? { blockingCall } : {}),
      }),
    );
  }
  lock?.drop('finish');
  if (job.barrier) log('finish');
  return results;
}
