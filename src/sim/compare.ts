/**
 * Checks the GIL model against a run of real CPython recorded by record_threads.py: turns the
 * recording into a measured trace, simulates the same work, and compares the two. Pure: no I/O.
 */
import { cpuThread } from './scenarios.ts';
import { simulate } from './simulate.ts';
import { summarize } from './summary.ts';
import { buildTrace } from './trace.ts';
import type { Trace, TraceEvent } from './types.ts';

/** One run interval of one thread: [thread index, start µs, end µs] from the start of the run. */
export type Slice = readonly [thread: number, start: number, end: number];

/** What record_threads.py prints. Times are whole µs. */
export interface Recording {
  /** `sys.version`. */
  readonly python: string;
  /** `platform.python_version()`, e.g. "3.13.0". */
  readonly version: string;
  readonly implementation: string;
  readonly gilEnabled: boolean;
  /** `sys.getswitchinterval()` in µs. */
  readonly switchInterval: number;
  /** `os.cpu_count()`. */
  readonly cores: number;
  /** Cores the process was allowed to use (absent in older recordings). */
  readonly usableCores?: number;
  /** ISO date of the recording. */
  readonly date: string;
  readonly threads: number;
  /** Loop iterations per thread: the work. */
  readonly iterations: number;
  /** A gap between two clock readings longer than this counted as being descheduled. */
  readonly thresholdUs: number;
  /** The same total work in the main thread alone. */
  readonly sequentialWall: number;
  /** First reading of any thread to last reading of any thread. */
  readonly wall: number;
  /** `time.thread_time_ns()` of each thread's loop: the CPU time the model is given. */
  readonly threadCpu: readonly number[];
  /** Gaps where no other thread ran: the OS preempted the holder, which kept the GIL. */
  readonly preempted: number;
  /** Slices in the whole run; `slices` may hold only the first ones. */
  readonly totalSlices: number;
  /** 1-minute load average at the end (absent in older recordings). */
  readonly load?: number;
  readonly slices: readonly Slice[];
}

/** The versions whose recordings are committed in src/sim/recorded/ (cpython-<version>.json). */
export const RECORDED_VERSIONS = ['3.9', '3.11', '3.13'] as const;
export type RecordedVersion = (typeof RECORDED_VERSIONS)[number];

/** Relative tolerances of the checks. */
export const TOLERANCE = { slice: 0.25, wall: 0.2 } as const;

export interface Check {
  readonly name: 'median slice ≈ switch interval' | 'wall ≈ model wall';
  readonly measured: number;
  readonly expected: number;
  /** measured / expected. */
  readonly ratio: number;
  readonly tolerance: number;
  readonly pass: boolean;
}

export interface Report {
  readonly version: string;
  readonly threads: number;
  readonly cores: number;
  readonly switchInterval: number;
  readonly load: number | undefined;
  /** Slices in the recording (maybe capped) and OS preemptions merged into slices. */
  readonly slices: number;
  readonly preempted: number;
  readonly medianSlice: number;
  readonly modelMedianSlice: number;
  readonly wall: number;
  readonly modelWall: number;
  readonly sequentialWall: number;
  /**
   * wall / sequentialWall: ≈ 1 means threads bought nothing (the GIL); < 1 would be a speed-up.
   * Shown, not checked: it compares two runs timed apart, and on a shared VM the CPU time of the
   * same loop varies up to 1.9× from one run to the next (seen here), so it cannot judge a model.
   */
  readonly vsSequential: number;
  /** Empty for one thread: with nobody waiting there is no switching to check. */
  readonly checks: readonly Check[];
  readonly pass: boolean;
}

function fail(path: string, wanted: string): never {
  throw new TypeError(`recording: ${path} must be ${wanted}`);
}

function whole(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(path, `an integer ≥ ${min}`);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string');
  return value;
}

/** Validates parsed JSON (a fresh recording or a committed file) and types it. */
export function parseRecording(value: unknown): Recording {
  if (typeof value !== 'object' || value === null) fail('the top level', 'an object');
  const r = value as Record<string, unknown>;
  if (typeof r.gilEnabled !== 'boolean') fail('gilEnabled', 'a boolean');
  const threads = whole(r.threads, 'threads', 1);
  if (!Array.isArray(r.threadCpu) || r.threadCpu.length !== threads) fail('threadCpu', `${threads} CPU times`);
  if (!Array.isArray(r.slices)) fail('slices', 'an array');
  const slices = r.slices.map((s: unknown, i): Slice => {
    if (!Array.isArray(s) || s.length !== 3) fail(`slices[${i}]`, '[thread, start, end]');
    const [thread, start, end] = s.map((v: unknown) => whole(v, `slices[${i}]`)) as [number, number, number];
    if (thread >= threads || end < start) fail(`slices[${i}]`, 'a known thread with end ≥ start');
    return [thread, start, end];
  });
  if (r.load !== undefined && typeof r.load !== 'number') fail('load', 'a number');
  const usableCores = r.usableCores === undefined ? undefined : whole(r.usableCores, 'usableCores', 1);
  return {
    python: text(r.python, 'python'),
    version: text(r.version, 'version'),
    implementation: text(r.implementation, 'implementation'),
    gilEnabled: r.gilEnabled,
    switchInterval: whole(r.switchInterval, 'switchInterval', 1),
    cores: whole(r.cores, 'cores', 1),
    ...(usableCores === undefined ? {} : { usableCores }),
    date: text(r.date, 'date'),
    threads,
    iterations: whole(r.iterations, 'iterations', 1),
    thresholdUs: whole(r.thresholdUs, 'thresholdUs', 1),
    sequentialWall: whole(r.sequentialWall, 'sequentialWall', 1),
    wall: whole(r.wall, 'wall'),
    threadCpu: r.threadCpu.map((c: unknown, i) => whole(c, `threadCpu[${i}]`)),
    preempted: whole(r.preempted, 'preempted'),
    totalSlices: whole(r.totalSlices, 'totalSlices'),
    ...(r.load === undefined ? {} : { load: r.load }),
    slices,
  };
}

/** Thread names as Python's default `Thread-N`, which is also what the model calls them. */
function names(n: number): { id: number; name: string }[] {
  return Array.from({ length: n }, (_, id) => ({ id, name: `Thread-${id + 1}` }));
}

/**
 * The recording as a trace: every thread waits for the GIL from the start (they leave a
 * barrier together), and each slice is an acquire and a forced release. A thread's last slice
 * ends with 'finish' unless the recording was capped, when we cannot tell.
 */
export function measuredTrace(rec: Recording): Trace {
  const complete = rec.slices.length === rec.totalSlices;
  const last = new Map<number, Slice>();
  for (const s of rec.slices) last.set(s[0], s);
  const events: TraceEvent[] = names(rec.threads).map(({ id }) => ({ t: 0, thread: id, kind: 'wait' }));
  // In time order, so a release and the next acquire at one instant keep that order.
  for (const s of [...rec.slices].sort((a, b) => a[1] - b[1])) {
    const [thread, start, end] = s;
    const finished = complete && last.get(thread) === s;
    events.push({ t: start, thread, kind: 'acquire' });
    events.push({ t: end, thread, kind: 'release', reason: finished ? 'finish' : 'forced' });
    if (finished) events.push({ t: end, thread, kind: 'finish' });
  }
  const meta = { source: 'measured', mode: 'gil', threads: names(rec.threads), cores: rec.cores } as const;
  return buildTrace({ ...meta, switchInterval: rec.switchInterval }, events);
}

/** What the model predicts for the same work: one CPU step per thread of its measured CPU time. */
export function modelTrace(rec: Recording): Trace {
  return simulate({
    mode: 'gil',
    cores: rec.cores,
    switchInterval: rec.switchInterval,
    threads: rec.threadCpu.map((cpu) => cpuThread(cpu)),
  });
}

function check(name: Check['name'], measured: number, expected: number, tolerance: number): Check {
  const ratio = measured / expected;
  return { name, measured, expected, ratio, tolerance, pass: Math.abs(ratio - 1) <= tolerance };
}

/**
 * Compares a recording with the model. With two or more threads: the median slice must be the
 * switch interval (waiters ask for the GIL after one interval), and the wall time the model's:
 * the sum of the threads' CPU times (only the GIL holder runs Python), so threads bought no
 * speed-up. Both compare figures from the same run, which a noisy neighbour moves together.
 */
export function compare(rec: Recording, tolerance: typeof TOLERANCE = TOLERANCE): Report {
  const measured = summarize(measuredTrace(rec));
  const model = summarize(modelTrace(rec));
  const checks =
    rec.threads < 2
      ? []
      : [
          check('median slice ≈ switch interval', measured.holds.median, rec.switchInterval, tolerance.slice),
          check('wall ≈ model wall', rec.wall, model.wall, tolerance.wall),
        ];
  return {
    version: rec.version,
    threads: rec.threads,
    cores: rec.cores,
    switchInterval: rec.switchInterval,
    load: rec.load,
    slices: rec.slices.length,
    preempted: rec.preempted,
    medianSlice: measured.holds.median,
    modelMedianSlice: model.holds.median,
    wall: rec.wall,
    modelWall: model.wall,
    sequentialWall: rec.sequentialWall,
    vsSequential: rec.wall / rec.sequentialWall,
    checks,
    pass: checks.every((c) => c.pass),
  };
}

const ms = (us: number): string => `${(us / 1000).toFixed(1)} ms`;

/** One line per report, for the runner and for test failure messages. */
export function formatReport(r: Report): string {
  const [slice, wall] = r.checks;
  const mark = (c: Check | undefined): string => (c?.pass === false ? ' ✗' : '');
  const verdict = r.checks.length === 0 ? 'baseline' : r.pass ? 'PASS' : 'FAIL';
  const parts = [
    `${r.threads} thread${r.threads === 1 ? ' ' : 's'}`,
    slice === undefined
      ? 'median slice —'
      : `median slice ${ms(r.medianSlice)} = ${slice.ratio.toFixed(2)}× interval${mark(slice)} (model ${ms(r.modelMedianSlice)})`,
    `wall ${ms(r.wall)}`,
    `model ${ms(r.modelWall)}${wall === undefined ? '' : ` (${wall.ratio.toFixed(2)}×${mark(wall)})`}`,
    `sequential ${ms(r.sequentialWall)} (wall/seq ${r.vsSequential.toFixed(2)}×)`,
    `${r.slices} slices, ${r.preempted} OS preemptions`,
    verdict,
  ];
  return parts.join(' | ');
}
