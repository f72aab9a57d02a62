/**
 * A Node worker_threads worker for gil-lock.test.ts: it hammers the lock. worker_threads share
 * SharedArrayBuffer and Atomics exactly as Web Workers do, so the lock runs unchanged.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { record } from './event-log.ts';
import { GilLock } from './gil-lock.ts';
import { viewMemory, WORD } from './memory.ts';

/** Hammer the lock: take it `rounds` times, hold it for `spins` chunks each, count overlaps. */
export interface LockStress {
  readonly buffer: SharedArrayBuffer;
  /** One Int32: how many threads believe they hold the lock right now. */
  readonly holders: SharedArrayBuffer;
  readonly thread: number;
  readonly intervalMs: number;
  readonly rounds: number;
  readonly spins: number;
  /** Release voluntarily (as for I/O) between rounds and sleep this long, or 0 not to sleep. */
  readonly ioMs: number;
}

export interface StressResult {
  /** Times this thread took the lock while another thread held it. */
  readonly overlaps: number;
  readonly acquired: number;
  /** The spin loops' sum, returned so that the JIT keeps them. */
  readonly sink: number;
}

function spin(iterations: number): number {
  let acc = 0;
  for (let i = 0; i < iterations; i += 1) acc += i * i;
  return acc;
}

function stressLock(d: LockStress): StressResult {
  const memory = viewMemory(d.buffer);
  const holders = new Int32Array(d.holders);
  const lock = new GilLock(memory.words, d.thread, d.intervalMs, (kind, reason, time) =>
    record(memory, d.thread, kind, reason, time),
  );
  let overlaps = 0;
  let acquired = 0;
  let sink = 0;
  const enter = (): void => {
    acquired += 1;
    if (Atomics.add(holders, 0, 1) !== 0) overlaps += 1;
  };
  const leave = (): void => {
    Atomics.sub(holders, 0, 1);
  };
  parentPort?.postMessage('ready');
  while (Atomics.load(memory.words, WORD.go) === 0) Atomics.wait(memory.words, WORD.go, 0);
  for (let round = 0; round < d.rounds; round += 1) {
    lock.take();
    enter();
    for (let s = 0; s < d.spins; s += 1) {
      sink += spin(2_000);
      if (lock.dropRequested) {
        leave();
        lock.drop('forced');
        lock.take();
        enter();
      }
    }
    leave();
    const last = round === d.rounds - 1;
    lock.drop(last ? 'finish' : 'io');
    if (!last && d.ioMs > 0) Atomics.wait(memory.words, WORD.sleep, 0, d.ioMs);
  }
  return { overlaps, acquired, sink };
}

parentPort?.postMessage(stressLock(workerData as LockStress));
