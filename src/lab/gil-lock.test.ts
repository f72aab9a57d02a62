// The shared-memory GIL under stress, in Node worker_threads (the same SharedArrayBuffer and
// Atomics as Web Workers). No timing is asserted except lower bounds the protocol guarantees.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../sim/types.ts';
import { readLog, type LogEntry } from './event-log.ts';
import { holdersNeverOverlap, labTrace } from './measure.ts';
import { createMemory, WORD } from './memory.ts';
import type { LockStress, StressResult } from './stress-worker.ts';

interface Stress {
  readonly results: StressResult[];
  readonly entries: LogEntry[];
  readonly lost: number;
  readonly trace: Trace;
  readonly state: number;
}

async function stress(threads: number, options: Omit<LockStress, 'buffer' | 'holders' | 'thread'>): Promise<Stress> {
  const memory = createMemory();
  const holders = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads },
    (_, thread) =>
      new Worker(new URL('./stress-worker.ts', import.meta.url), {
        workerData: { ...options, buffer: memory.buffer, holders, thread } satisfies LockStress,
      }),
  );
  // Every thread is loaded and waiting at the barrier before the clock starts.
  await Promise.all(workers.map((w) => once(w, 'message')));
  const t0 = performance.timeOrigin + performance.now();
  const done = workers.map(async (w) => (await once(w, 'message'))[0] as StressResult);
  Atomics.store(memory.words, WORD.go, 1);
  Atomics.notify(memory.words, WORD.go);
  const results = await Promise.all(done);
  await Promise.all(workers.map((w) => w.terminate()));
  const { entries, lost } = readLog(memory);
  return {
    results,
    entries,
    lost,
    trace: labTrace('gil', threads, t0, entries, 2, options.intervalMs),
    state: Atomics.load(memory.words, WORD.state),
  };
}

/** In log order, which respects cause and effect: a holder at a time, each release by the holder. */
function logHolderProblems(entries: readonly LogEntry[]): string[] {
  const problems: string[] = [];
  let holder: number | null = null;
  let forcedOut: number | null = null;
  entries.forEach((e, slot) => {
    if (e.kind === 'acquire') {
      if (holder !== null) problems.push(`slot ${slot}: ${e.thread} took the GIL while ${holder} held it`);
      // FORCE_SWITCHING: who dropped on request cannot be the next to take it.
      if (forcedOut === e.thread) problems.push(`slot ${slot}: ${e.thread} took back the GIL it was asked to drop`);
      holder = e.thread;
      forcedOut = null;
    }
    if (e.kind === 'release') {
      if (holder !== e.thread) problems.push(`slot ${slot}: ${e.thread} released a GIL held by ${holder}`);
      holder = null;
      if (e.reason === 'forced') forcedOut = e.thread;
    }
  });
  if (holder !== null) problems.push(`the GIL is still held by ${holder} at the end`);
  return problems;
}

/** In time order: every forced release answers a drop request made during that hold. */
function requestProblems(events: readonly TraceEvent[]): string[] {
  const problems: string[] = [];
  let requested = false;
  for (const e of events) {
    if (e.kind === 'acquire') requested = false;
    if (e.kind === 'drop_request') requested = true;
    if (e.kind === 'release') {
      if (e.reason === 'forced' && !requested) problems.push(`${e.t} µs: thread ${e.thread} dropped the GIL unasked`);
      requested = false;
    }
  }
  return problems;
}

function perThread(entries: readonly LogEntry[], threads: number, kind: LogEntry['kind']): number[] {
  const counts = Array.from({ length: threads }, () => 0);
  for (const e of entries) if (e.kind === kind) counts[e.thread] = (counts[e.thread] as number) + 1;
  return counts;
}

describe('GilLock under stress in worker_threads', () => {
  for (const threads of [4, 8]) {
    it(`${threads} CPU-bound threads: one holder at a time, forced switches, every thread finishes`, async () => {
      const rounds = 6;
      const run = await stress(threads, { intervalMs: 1, rounds, spins: 1500, ioMs: 0 });
      expect(run.lost).toBe(0);
      expect(run.results.map((r) => r.overlaps)).toEqual(Array(threads).fill(0));
      expect(logHolderProblems(run.entries)).toEqual([]);
      expect(holdersNeverOverlap(run.trace)).toBe(true);
      expect(requestProblems(run.trace.events)).toEqual([]);
      // The GIL is free and no hand-off was lost: every thread got through all its rounds.
      expect(run.state & 1).toBe(0);
      for (const r of run.results) expect(r.acquired).toBeGreaterThanOrEqual(rounds);
      // Every wait ended in an acquire: no waiter was left behind.
      const waits = perThread(run.entries, threads, 'wait');
      const acquires = perThread(run.entries, threads, 'acquire');
      waits.forEach((w, i) => expect(acquires[i]).toBeGreaterThanOrEqual(w));
      // Holds of a few ms against a 1 ms interval: waiters asked, and holders gave way.
      const forced = run.entries.filter((e) => e.kind === 'release' && e.reason === 'forced').length;
      const requests = run.entries.filter((e) => e.kind === 'drop_request').length;
      expect(forced).toBeGreaterThan(0);
      expect(forced).toBeLessThanOrEqual(requests);
    });
  }

  it('8 threads mixing CPU work and blocking calls keep the same guarantees', async () => {
    const run = await stress(8, { intervalMs: 0.5, rounds: 20, spins: 300, ioMs: 1 });
    expect(run.lost).toBe(0);
    expect(run.results.map((r) => r.overlaps)).toEqual(Array(8).fill(0));
    expect(logHolderProblems(run.entries)).toEqual([]);
    expect(requestProblems(run.trace.events)).toEqual([]);
    expect(run.state & 1).toBe(0);
    const releases = run.entries.filter((e) => e.kind === 'release');
    expect(releases.filter((e) => e.reason === 'io')).toHaveLength(8 * 19);
    expect(releases.filter((e) => e.reason === 'finish')).toHaveLength(8);
  });

  it('a waiter asks for the GIL only after a full switch interval, and the holder then drops it', async () => {
    const intervalMs = 4;
    const run = await stress(2, { intervalMs, rounds: 1, spins: 50_000, ioMs: 0 });
    const events = run.trace.events;
    const request = events.find((e) => e.kind === 'drop_request');
    expect(request).toBeDefined();
    const waited = events.find((e) => e.kind === 'wait' && e.thread === request?.thread);
    // Atomics.wait never returns before its timeout (allowing for the clock's µs rounding).
    expect((request?.t ?? 0) - (waited?.t ?? 0)).toBeGreaterThanOrEqual(intervalMs * 1000 - 50);
    const after = events.slice(events.indexOf(request as TraceEvent));
    const release = after.find((e) => e.kind === 'release');
    expect(release).toMatchObject({ reason: 'forced' });
    expect(release?.thread).not.toBe(request?.thread);
    expect(after.find((e) => e.kind === 'acquire')?.thread).toBe(request?.thread);
  });
});
