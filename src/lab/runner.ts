/**
 * The run coordinator, on the page's main thread: creates the workers for one mode, starts the
 * clock, and collects what they logged. It never blocks (no Atomics.wait here), so the page stays
 * responsive; Stop (the abort signal) terminates every worker at once.
 */
import { iterations, type LabMode, type LabSettings } from './config.ts';
import { readLog, record, type LogEntry } from './event-log.ts';
import type { Job, WorkerMessage } from './job.ts';
import { chunksOf } from './kernel.ts';
import { createMemory, now, WORD } from './memory.ts';

export interface LabWorker {
  post(job: Job): void;
  terminate(): void;
}

/** Makes one worker; the two callbacks receive its messages and its failure. */
export type WorkerFactory = (
  onMessage: (message: WorkerMessage) => void,
  onError: (message: string) => void,
) => LabWorker;

/** The browser's workers. The literal `new URL(…, import.meta.url)` lets the bundler emit worker.ts. */
export const webWorker: WorkerFactory = (onMessage, onError) => {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onError(event.message || 'the worker script failed to load or threw an error');
  };
  worker.onmessageerror = () => onError('a message from a worker could not be read');
  return { post: (job) => worker.postMessage(job), terminate: () => worker.terminate() };
};

/** What a mode's run leaves behind, before any analysis. */
export interface RawRun {
  readonly mode: LabMode;
  readonly threads: number;
  /** Clock start, on the shared clock (ms). */
  readonly t0: number;
  readonly entries: LogEntry[];
  /** Events that did not fit in the log. */
  readonly lost: number;
  /** Each worker's start-up (creation to ready), ms; outside the timing except for processes. */
  readonly startup: number[];
  /** Every task's sum, in task order. */
  readonly results: number[];
}

export class RunStopped extends Error {
  constructor() {
    super('The run was stopped.');
    this.name = 'RunStopped';
  }
}

export interface ModeRun {
  /** 0–1: work done so far, read from shared memory (cheap: call it every frame). */
  progress(): number;
  readonly done: Promise<RawRun>;
}

export function runMode(
  mode: LabMode,
  settings: LabSettings,
  createWorker: WorkerFactory,
  signal: AbortSignal,
): ModeRun {
  const memory = createMemory();
  const n = iterations(settings);
  const shared = mode !== 'processes';
  const threads = mode === 'sequential' ? 1 : settings.tasks;
  const tasksEach = mode === 'sequential' ? settings.tasks : 1;
  const total = chunksOf(n, settings.io) * settings.tasks;

  const progress = (): number => {
    let done = 0;
    for (let i = 0; i < threads; i += 1) done += Atomics.load(memory.words, WORD.progress + i);
    return Math.min(1, done / total);
  };

  const done = new Promise<RawRun>((resolve, reject) => {
    const workers: LabWorker[] = [];
    const created: number[] = [];
    const startup: number[] = [];
    const results: number[][] = [];
    let ready = 0;
    let finished = 0;
    let t0 = 0;
    let over = false;

    const end = (): void => {
      over = true;
      signal.removeEventListener('abort', stop);
      for (const w of workers) w.terminate();
    };
    function stop(): void {
      if (over) return;
      end();
      reject(new RunStopped());
    }
    const fail = (message: string): void => {
      if (over) return;
      end();
      reject(new Error(message));
    };

    const onMessage = (i: number, message: WorkerMessage): void => {
      if (over) return;
      if (message.type === 'ready') {
        startup[i] = now() - (created[i] as number);
        ready += 1;
        if (ready === threads) {
          t0 = now();
          Atomics.store(memory.words, WORD.go, 1);
          Atomics.notify(memory.words, WORD.go);
        }
        return;
      }
      // A process's result has been copied back to the parent: that is when it is finished.
      if (!shared) record(memory, i, 'finish');
      results[i] = message.results;
      finished += 1;
      if (finished < threads) return;
      end();
      const log = readLog(memory);
      resolve({ mode, threads, t0, entries: log.entries, lost: log.lost, startup, results: results.flat() });
    };

    if (signal.aborted) {
      reject(new RunStopped());
      return;
    }
    signal.addEventListener('abort', stop);
    if (!shared) {
      // The clock starts before the processes exist: their start-up and copying count.
      t0 = now();
      for (let i = 0; i < threads; i += 1) record(memory, i, 'spawn', undefined, t0);
    }
    try {
      for (let i = 0; i < threads; i += 1) {
        created[i] = now();
        const worker = createWorker(
          (message) => onMessage(i, message),
          (message) => fail(`A worker failed: ${message}.`),
        );
        workers.push(worker);
        worker.post({
          buffer: memory.buffer,
          thread: i,
          tasks: tasksEach,
          n,
          io: settings.io,
          gil: mode === 'sequential' || mode === 'gil',
          intervalMs: settings.intervalMs,
          barrier: shared,
        });
      }
    } catch (error) {
      fail(`Could not start a worker: ${error instanceof Error ? error.message : String(error)}.`);
    }
  });
  return { progress, done };
}
