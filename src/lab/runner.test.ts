// The coordinator with real threads: Node's worker_threads stand in for Web Workers.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { summarize } from '../sim/summary.ts';
import { LAB_DEFAULTS, type LabMode, type LabSettings } from './config.ts';
import { IO_CALLS } from './kernel.ts';
import { analyse, holdersNeverOverlap } from './measure.ts';
import { runMode, RunStopped, type WorkerFactory } from './runner.ts';

/** Counts workers, so that tests can see every one of them terminated. */
function nodeWorkers(script = './node-worker.ts'): { factory: WorkerFactory; live: () => number } {
  let live = 0;
  const factory: WorkerFactory = (onMessage, onError) => {
    const worker = new Worker(new URL(script, import.meta.url));
    live += 1;
    worker.on('message', onMessage);
    worker.on('error', (e: Error) => onError(e.message));
    let terminated = false;
    return {
      post: (job) => worker.postMessage(job),
      terminate: () => {
        if (!terminated) live -= 1;
        terminated = true;
        void worker.terminate();
      },
    };
  };
  return { factory, live: () => live };
}

const small: LabSettings = { ...LAB_DEFAULTS, tasks: 3, work: 2, intervalMs: 1 };

function expectedSum(n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i += 1) acc += i * i;
  return acc;
}

describe('runMode with worker_threads', () => {
  const sum = expectedSum(2_000_000);

  for (const mode of ['sequential', 'gil', 'free-threaded', 'processes'] as LabMode[]) {
    it(`${mode}: every task computes cpu_bound(n), and the log becomes a valid trace`, async () => {
      const { factory, live } = nodeWorkers();
      const run = runMode(mode, small, factory, new AbortController().signal);
      const raw = await run.done;
      expect(live()).toBe(0);
      expect(run.progress()).toBe(1);
      expect(raw.results).toEqual([sum, sum, sum]);
      expect(raw.lost).toBe(0);
      const result = analyse(raw, 2, small.intervalMs);
      const { trace } = result;
      expect(trace.source).toBe('measured');
      expect(trace.threads).toHaveLength(mode === 'sequential' ? 1 : 3);
      expect(holdersNeverOverlap(trace)).toBe(true);
      expect(trace.events.filter((e) => e.kind === 'finish')).toHaveLength(trace.threads.length);
      expect(result.wall).toBe(trace.end);
      expect(result.wall).toBeGreaterThan(0);
      expect(result.cpu.every((c) => c > 0)).toBe(true);
      if (mode === 'processes') {
        expect(trace.events.filter((e) => e.kind === 'spawn')).toHaveLength(3);
        expect(summarize(trace).threads.every((t) => t.starting > 0)).toBe(true);
      } else {
        expect(raw.startup).toHaveLength(trace.threads.length);
      }
      if (mode === 'gil') expect(result.handOffs).toBeGreaterThanOrEqual(3);
      if (mode === 'free-threaded' || mode === 'processes') expect(result.handOffs).toBe(0);
    });
  }

  it('the I/O-bound variant releases the GIL around every blocking call', async () => {
    const { factory } = nodeWorkers();
    const settings = { ...small, io: true };
    const raw = await runMode('gil', settings, factory, new AbortController().signal).done;
    expect(raw.results).toEqual([sum, sum, sum]);
    const { trace } = analyse(raw, 2, settings.intervalMs);
    expect(holdersNeverOverlap(trace)).toBe(true);
    const ioReleases = trace.events.filter((e) => e.kind === 'release' && e.reason === 'io');
    expect(ioReleases).toHaveLength(3 * IO_CALLS);
    expect(trace.events.filter((e) => e.kind === 'io_end')).toHaveLength(3 * IO_CALLS);
    expect(summarize(trace).threads.every((t) => t.io > 0)).toBe(true);
  });

  it('Stop terminates every worker at once and rejects the run', async () => {
    const { factory, live } = nodeWorkers();
    const stop = new AbortController();
    const run = runMode('gil', { ...small, tasks: 4, work: 500 }, factory, stop.signal);
    await expect.poll(run.progress, { timeout: 20_000 }).toBeGreaterThan(0);
    stop.abort();
    await expect(run.done).rejects.toBeInstanceOf(RunStopped);
    expect(live()).toBe(0);
  });

  it('a worker that fails rejects the run with its message and terminates the others', async () => {
    const { factory, live } = nodeWorkers('./no-such-worker.ts');
    const run = runMode('free-threaded', small, factory, new AbortController().signal);
    await expect(run.done).rejects.toThrow(/A worker failed: .*no-such-worker/);
    expect(live()).toBe(0);
  });
});
