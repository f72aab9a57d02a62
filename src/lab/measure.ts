/**
 * Turns what a run logged into the model's Trace format, the figures the lab reports, and the
 * model's prediction for the same work. Pure: no DOM, no workers.
 */
import { cpu, io } from '../sim/steps.ts';
import { simulate } from '../sim/simulate.ts';
import { stats, summarize } from '../sim/summary.ts';
import { buildTrace } from '../sim/trace.ts';
import type { Mode, SimInput, Step, ThreadInfo, Trace, TraceEvent } from '../sim/types.ts';
import type { LabMode, LabSettings } from './config.ts';
import type { LogEntry } from './event-log.ts';
import { IO_CALLS, IO_MS } from './kernel.ts';
import type { RawRun } from './runner.ts';

/** The model's mode for each lab mode: sequential is one thread that holds the GIL throughout. */
const SIM_MODE: Record<LabMode, Mode> = {
  sequential: 'gil',
  gil: 'gil',
  'free-threaded': 'free-threaded',
  processes: 'processes',
};

function names(mode: LabMode, threads: number): ThreadInfo[] {
  if (mode === 'sequential') return [{ id: 0, name: 'MainThread' }];
  const prefix = mode === 'processes' ? 'Process' : 'Thread';
  return Array.from({ length: threads }, (_, id) => ({ id, name: `${prefix}-${id + 1}` }));
}

/**
 * The log as a trace, in µs from the clock start. Workers' clocks can disagree by a few µs, so an
 * acquire is never placed before the release it followed: the log's order is the true order.
 */
export function labTrace(
  mode: LabMode,
  threads: number,
  t0: number,
  entries: readonly LogEntry[],
  cores: number,
  intervalMs: number,
): Trace {
  let lastRelease = 0;
  const events = entries.map((e): TraceEvent => {
    let t = Math.max(0, Math.round((e.time - t0) * 1000));
    if (e.kind === 'acquire') t = Math.max(t, lastRelease);
    if (e.kind === 'release') {
      lastRelease = t;
      return { t, thread: e.thread, kind: 'release', reason: e.reason ?? 'finish' };
    }
    return { t, thread: e.thread, kind: e.kind };
  });
  // A drop request is logged just after it is made, and the holder can react in between: at one
  // instant, put requests before the release they cause.
  events.sort((a, b) => a.t - b.t || Number(b.kind === 'drop_request') - Number(a.kind === 'drop_request'));
  causeBeforeEffect(events);
  const meta = {
    source: 'measured',
    mode: SIM_MODE[mode],
    threads: names(mode, threads),
    cores,
    switchInterval: Math.round(intervalMs * 1000),
  } as const;
  return buildTrace(meta, events);
}

/** How far apart two workers' clocks were seen to be (a few µs; this leaves a wide margin). */
const CLOCK_SKEW_US = 50;

/**
 * A forced release always answers a drop request made during that hold, but a requester stamps
 * its request just before the compare-and-swap that makes it, on a clock that may differ a little
 * from the holder's. So a request that lands while the GIL is free (between a release and the next
 * acquire) was made in the next hold: it goes just after that acquire (a thread that re-takes the
 * GIL it released leaves switch_number as it was, so a waiter's request can reach the new hold). And
 * a forced release with no request yet takes one stamped up to CLOCK_SKEW_US after it.
 */
function causeBeforeEffect(events: TraceEvent[]): void {
  let free = true;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.kind === 'acquire') free = false;
    else if (e.kind === 'release') free = true;
    else if (e.kind === 'drop_request' && free) {
      const next = events.findIndex((x, k) => k > i && x.kind === 'acquire');
      if (next === -1) continue;
      const acquire = events[next] as TraceEvent;
      events.splice(i, 1);
      events.splice(next, 0, { ...e, t: Math.max(e.t, acquire.t) });
      i--;
    }
  }
  let requested = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.kind === 'acquire') requested = false;
    else if (e.kind === 'drop_request') requested = true;
    else if (e.kind === 'release') {
      if (e.reason === 'forced' && !requested) {
        const j = events.findIndex((x, k) => k > i && x.kind === 'drop_request' && x.t - e.t <= CLOCK_SKEW_US);
        if (j !== -1) {
          const [request] = events.splice(j, 1);
          events.splice(i, 0, { ...(request as TraceEvent), t: e.t });
          i++;
        }
      }
      requested = false;
    }
  }
}

/** A trace's GIL holders never overlap: each acquire finds the GIL free, each release is by the holder. */
export function holdersNeverOverlap(trace: Trace): boolean {
  let holder: number | null = null;
  for (const e of trace.events) {
    if (e.kind === 'acquire') {
      if (holder !== null) return false;
      holder = e.thread;
    } else if (e.kind === 'release') {
      if (holder !== e.thread) return false;
      holder = null;
    }
  }
  return holder === null;
}

/** From each requested (forced) release to the next acquire by another thread, µs. */
export function handOffLatencies(trace: Trace): number[] {
  const latencies: number[] = [];
  let pending: { t: number; thread: number } | null = null;
  for (const e of trace.events) {
    if (e.kind === 'release' && e.reason === 'forced') pending = { t: e.t, thread: e.thread };
    if (e.kind === 'acquire' && pending !== null && e.thread !== pending.thread) {
      latencies.push(e.t - pending.t);
      pending = null;
    }
  }
  return latencies;
}

export interface ModeResult {
  readonly mode: LabMode;
  readonly trace: Trace;
  /** µs from the clock start to the last worker's finish (processes: its result's arrival). */
  readonly wall: number;
  /** µs each worker spent running (holding the GIL, under the GIL). */
  readonly cpu: number[];
  readonly handOffs: number;
  /** µs; 0 without GIL traffic. */
  readonly medianHold: number;
  readonly medianHandOff: number;
  /** handOffs × medianHandOff ÷ wall: what the lab's own lock costs. */
  readonly lockOverhead: number;
  /** Median worker start-up, µs (counted in the wall time only for processes). */
  readonly startup: number;
  /** Events that did not fit in the log: the trace is incomplete. */
  readonly lost: number;
  readonly results: number[];
}

export function analyse(run: RawRun, cores: number, intervalMs: number): ModeResult {
  const trace = labTrace(run.mode, run.threads, run.t0, run.entries, cores, intervalMs);
  const summary = summarize(trace);
  const latencies = handOffLatencies(trace);
  const medianHandOff = stats(latencies).median;
  // Processes: start-up is spawn → start, as logged; the others measured it before the clock.
  const startup =
    run.mode === 'processes' ? summary.threads.map((t) => t.starting) : run.startup.map((ms) => Math.round(ms * 1000));
  return {
    mode: run.mode,
    trace,
    wall: trace.end,
    cpu: summary.threads.map((t) => t.cpu),
    handOffs: summary.handOffs,
    medianHold: summary.holds.median,
    medianHandOff,
    lockOverhead: trace.end > 0 ? (summary.handOffs * medianHandOff) / trace.end : 0,
    startup: stats(startup).median,
    lost: run.lost,
    results: run.results,
  };
}

/** One task's steps for the model: what cpu_bound does in the lab, with `cpuUs` of CPU in all. */
function taskSteps(cpuUs: number, withIo: boolean): Step[] {
  if (!withIo) return [cpu(cpuUs)];
  const part = Math.round(cpuUs / IO_CALLS);
  return Array.from({ length: IO_CALLS }, () => [io(IO_MS * 1000), cpu(part)]).flat();
}

export interface PredictionInput {
  readonly settings: LabSettings;
  /** µs of CPU one task takes on this machine. */
  readonly taskCpu: number;
  readonly cores: number;
  /** µs to start one worker, for processes. */
  readonly startup: number;
}

/** What the model predicts for the same work under `mode`: a simulated trace. */
export function predict(mode: LabMode, p: PredictionInput): Trace {
  const steps = taskSteps(p.taskCpu, p.settings.io);
  const input: SimInput = {
    mode: SIM_MODE[mode],
    cores: p.cores,
    switchInterval: Math.max(1, Math.round(p.settings.intervalMs * 1000)),
    // The lab's free-threaded workers pay no single-thread penalty, unlike CPython's 3.13t/3.14t.
    ftOverhead: 1,
    processStartup: Math.round(p.startup),
    threads:
      mode === 'sequential'
        ? [{ name: 'MainThread', steps: Array.from({ length: p.settings.tasks }, () => steps).flat() }]
        : Array.from({ length: p.settings.tasks }, () => ({ steps })),
  };
  return simulate(input);
}

/**
 * µs of CPU per task, best taken from the sequential run (nothing else competes for the core),
 * else from the first run's total CPU split over its tasks.
 */
export function taskCpuOf(results: readonly ModeResult[], tasks: number): number {
  const sequential = results.find((r) => r.mode === 'sequential');
  if (sequential !== undefined) return Math.round((sequential.cpu[0] ?? 0) / tasks);
  const any = results[0];
  if (any === undefined) return 0;
  return Math.round(any.cpu.reduce((a, b) => a + b, 0) / tasks);
}
