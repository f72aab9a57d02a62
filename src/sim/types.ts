/**
 * Types shared by the GIL model, the views that render its traces, and the browser timing lab.
 * Every time is an integer number of microseconds (µs) from the start of the run.
 */

export type Mode = 'gil' | 'free-threaded' | 'processes';

/** Running code. `cCall` marks one long C call that keeps the GIL and never checks the eval breaker. */
export interface CpuStep {
  readonly kind: 'cpu';
  readonly duration: number;
  readonly cCall?: boolean;
}

/** A blocking call (socket, file, `time.sleep`): it releases the GIL (`Py_BEGIN_ALLOW_THREADS`). */
export interface IoStep {
  readonly kind: 'io';
  readonly duration: number;
}

export type Step = CpuStep | IoStep;

export interface ThreadSpec {
  /** Lane label; defaults to `Thread-N` (`Process-N` in processes mode), like Python's own names. */
  readonly name?: string;
  readonly steps: readonly Step[];
}

/** What to simulate. Only `mode` and `threads` are required; see `DEFAULTS` in input.ts. */
export interface SimInput {
  readonly mode: Mode;
  readonly threads: readonly ThreadSpec[];
  /** CPU cores. In 'gil' mode only the holder runs Python, so cores play no part there. */
  readonly cores?: number;
  /** `gil->interval`, the switch interval (`sys.setswitchinterval()` × 10⁶). */
  readonly switchInterval?: number;
  /** Python CPU time between two eval-breaker check points (loop back-edges, function entry, most calls). */
  readonly checkEvery?: number;
  /** Free-threaded builds: factor applied to every CPU step (single-thread overhead). */
  readonly ftOverhead?: number;
  /** Processes: start-up of one worker process (spawn/forkserver/fork). */
  readonly processStartup?: number;
  /** Processes: copying (pickling) one worker's data to it, paid after start-up. */
  readonly dataCopy?: number;
  /** Free-threaded and processes: round-robin time slice when runnable threads outnumber cores. */
  readonly osTimeslice?: number;
}

export type ReleaseReason = 'forced' | 'io' | 'finish';

interface At {
  readonly t: number;
  /** Index into `Trace.threads` (which is also that thread's `id`). */
  readonly thread: number;
}

/**
 * One thing that happened to one thread. A simulated trace and a measured one use the same
 * kinds; a measured trace may contain only some of them (e.g. just acquire/release).
 */
export type TraceEvent =
  /** Processes: the worker process is being created (start-up, then data copying). */
  | (At & { readonly kind: 'spawn' })
  /** The thread or process is ready to run its first step. */
  | (At & { readonly kind: 'start' })
  /** Began waiting for the GIL in `take_gil` (the GIL was locked). */
  | (At & { readonly kind: 'wait' })
  /** A waiter's timed wait ran out with no switch meanwhile: it set the drop request (SET_GIL_DROP_REQUEST). */
  | (At & { readonly kind: 'drop_request' })
  /** Took the GIL (`locked = 1`). */
  | (At & { readonly kind: 'acquire' })
  /** Dropped the GIL (`drop_gil`): forced by a drop request, before blocking I/O, or at exit. */
  | (At & { readonly kind: 'release'; readonly reason: ReleaseReason })
  | (At & { readonly kind: 'io_start' })
  | (At & { readonly kind: 'io_end' })
  /** No GIL in the way (free-threaded, processes): the OS put the thread on a core. */
  | (At & { readonly kind: 'dispatch' })
  /** The OS took the core away at the end of a time slice because another thread was ready. */
  | (At & { readonly kind: 'preempt' })
  | (At & { readonly kind: 'finish' });

export type EventKind = TraceEvent['kind'];

/**
 * 'waiting' is waiting for the GIL; 'ready' is runnable but waiting for a free core (free-threaded
 * and processes only); 'starting' is process start-up and data copying.
 */
export type ThreadState = 'not-started' | 'starting' | 'ready' | 'waiting' | 'running' | 'io' | 'done';

/** A thread stayed in `state` during [from, to). Segments of one thread tile [0, trace end]. */
export interface Segment {
  readonly thread: number;
  readonly state: ThreadState;
  readonly from: number;
  readonly to: number;
}

export interface ThreadInfo {
  readonly id: number;
  readonly name: string;
}

export interface TraceMeta {
  readonly source: 'model' | 'measured';
  readonly mode: Mode;
  readonly threads: readonly ThreadInfo[];
  readonly cores: number;
  /** The switch interval the GIL protocol used (informational outside 'gil' mode). */
  readonly switchInterval: number;
}

export interface Trace extends TraceMeta {
  /** Sorted by time; events at the same instant keep their causal order. */
  readonly events: readonly TraceEvent[];
  /** Grouped by thread, each thread's segments in time order. */
  readonly segments: readonly Segment[];
  /** Time of the last event: the wall time of the run. */
  readonly end: number;
}

/**
 * The GIL panel: what a reader can watch change. `holder`, `lastHolder` and `switchNumber` model fields of
 * `struct _gil_runtime_state`; the drop request and the waiters are not fields of it (see below).
 */
export interface GilState {
  /** The thread that holds the GIL (`locked` is 1), or null when it is free. */
  readonly holder: number | null;
  /** `last_holder`: the thread that held it last, even after it dropped it. */
  readonly lastHolder: number | null;
  /** `switch_number`: how many times a thread other than `last_holder` took the GIL. */
  readonly switchNumber: number;
  /**
   * The drop request, which trips the holder's eval breaker: `gil_drop_request` (a field of
   * `struct _ceval_state`) up to 3.12, bit 0 of `PyThreadState.eval_breaker` from 3.13.
   */
  readonly gilDropRequest: boolean;
  /** Threads waiting in `take_gil`, in the order they began waiting. CPython keeps no such list: each waiter sleeps on `cond`. */
  readonly waiters: readonly number[];
}

/** count, mean (rounded to whole µs), lower median and max of a list of durations; all 0 if empty. */
export interface Stats {
  readonly count: number;
  readonly mean: number;
  readonly median: number;
  readonly max: number;
}

export interface ThreadSummary {
  readonly thread: number;
  readonly name: string;
  /** Time spent running (holding the GIL, in 'gil' mode). */
  readonly cpu: number;
  /** Time spent waiting for the GIL. */
  readonly waiting: number;
  /** Time spent runnable but without a core. */
  readonly ready: number;
  readonly io: number;
  readonly starting: number;
  /** From each io_end to running again (re-acquiring the GIL, or getting a core). */
  readonly ioLatency: Stats;
}

export interface Summary {
  readonly wall: number;
  readonly cpu: number;
  readonly waiting: number;
  /** GIL hand-offs: the final `switch_number`. */
  readonly handOffs: number;
  /** How long each acquire kept the GIL (the time slices). */
  readonly holds: Stats;
  readonly ioLatency: Stats;
  readonly threads: readonly ThreadSummary[];
}
