import { describe, expect, it } from 'vitest';
import { summarize } from '../sim/summary.ts';
import type { Trace } from '../sim/types.ts';
import { LAB_DEFAULTS } from './config.ts';
import type { LogEntry } from './event-log.ts';
import { IO_CALLS } from './kernel.ts';
import {
  analyse,
  handOffLatencies,
  holdersNeverOverlap,
  labTrace,
  predict,
  taskCpuOf,
  type ModeResult,
} from './measure.ts';

const T0 = 1_700_000_000_000;
const at = (ms: number): number => T0 + ms;
const e = (thread: number, kind: LogEntry['kind'], ms: number, reason?: LogEntry['reason']): LogEntry =>
  reason === undefined ? { thread, kind, time: at(ms) } : { thread, kind, time: at(ms), reason };

/** Two threads swapping the GIL once on request, as the workers log it (slot order). */
const swap: LogEntry[] = [
  e(0, 'acquire', 0.01),
  e(1, 'wait', 0.04),
  e(1, 'drop_request', 5.04),
  e(0, 'release', 5.05, 'forced'),
  // Its clock read a hair early: the log's order says it came after the release.
  e(1, 'acquire', 5.049),
  e(0, 'wait', 5.06),
  e(1, 'release', 9, 'finish'),
  e(1, 'finish', 9),
  e(0, 'acquire', 9.02),
  e(0, 'release', 12, 'finish'),
  e(0, 'finish', 12),
];

describe('labTrace', () => {
  const trace = labTrace('gil', 2, T0, swap, 2, 5);

  it('is a measured trace in µs from the clock start, with Python thread names', () => {
    expect(trace).toMatchObject({ source: 'measured', mode: 'gil', cores: 2, switchInterval: 5000, end: 12_000 });
    expect(trace.threads.map((t) => t.name)).toEqual(['Thread-1', 'Thread-2']);
    expect(trace.events[0]).toEqual({ t: 10, thread: 0, kind: 'acquire' });
  });

  it('never puts an acquire before the release it followed', () => {
    const release = trace.events.find((x) => x.kind === 'release');
    const next = trace.events.find((x) => x.kind === 'acquire' && x.thread === 1);
    expect(release?.t).toBe(5050);
    expect(next?.t).toBe(5050);
    expect(trace.events.indexOf(next as never)).toBeGreaterThan(trace.events.indexOf(release as never));
    expect(holdersNeverOverlap(trace)).toBe(true);
  });

  it('puts a drop request logged at the instant of the release before it', () => {
    const late: LogEntry[] = [
      e(0, 'acquire', 0),
      e(0, 'release', 5, 'forced'),
      e(1, 'drop_request', 5),
      e(1, 'acquire', 5.01),
    ];
    expect(labTrace('gil', 2, T0, late, 2, 5).events.map((x) => x.kind)).toEqual([
      'acquire',
      'drop_request',
      'release',
      'acquire',
    ]);
  });

  it('puts a drop request stamped a few µs after the forced release it caused before it (workers’ clocks differ)', () => {
    const skewed: LogEntry[] = [
      e(0, 'acquire', 0),
      e(0, 'release', 5, 'forced'),
      e(1, 'acquire', 5.005),
      e(1, 'drop_request', 5.02),
    ];
    const events = labTrace('gil', 2, T0, skewed, 2, 5).events;
    expect(events.map((x) => x.kind)).toEqual(['acquire', 'drop_request', 'release', 'acquire']);
    expect(events[1]).toMatchObject({ thread: 1, t: 5000 });
  });

  it('puts a drop request stamped while the GIL was free into the hold it ended (the holder re-took the GIL)', () => {
    const early: LogEntry[] = [
      e(0, 'acquire', 0),
      e(0, 'release', 5, 'io'),
      e(1, 'drop_request', 5.013),
      e(0, 'acquire', 5.014),
      e(0, 'release', 5.019, 'forced'),
      e(1, 'acquire', 5.03),
    ];
    const events = labTrace('gil', 2, T0, early, 2, 5).events;
    expect(events.map((x) => `${x.thread}:${x.kind}`)).toEqual([
      '0:acquire',
      '0:release',
      '0:acquire',
      '1:drop_request',
      '0:release',
      '1:acquire',
    ]);
    expect(events[3]?.t).toBe(5014);
  });

  it('leaves a forced release without a request near it as it is', () => {
    const lone: LogEntry[] = [
      e(0, 'acquire', 0),
      e(0, 'release', 5, 'forced'),
      e(1, 'acquire', 5.005),
      e(1, 'drop_request', 6),
    ];
    expect(labTrace('gil', 2, T0, lone, 2, 5).events.map((x) => x.kind)).toEqual([
      'acquire',
      'release',
      'acquire',
      'drop_request',
    ]);
  });

  it('gives the model’s summary: hand-offs, holds, CPU per thread', () => {
    const summary = summarize(trace);
    expect(summary.handOffs).toBe(3);
    expect(summary.holds.count).toBe(3);
    expect(summary.threads.map((t) => t.cpu)).toEqual([5040 + 2980, 3950]);
  });

  it('names the sequential lane MainThread and processes Process-N', () => {
    expect(labTrace('sequential', 1, T0, [], 2, 5).threads).toEqual([{ id: 0, name: 'MainThread' }]);
    expect(labTrace('processes', 2, T0, [], 2, 5)).toMatchObject({
      mode: 'processes',
      threads: [{ name: 'Process-1' }, { name: 'Process-2' }],
    });
  });
});

describe('holdersNeverOverlap', () => {
  const base = labTrace('gil', 2, T0, swap, 2, 5);
  const broken = (events: Trace['events']): Trace => ({ ...base, events });
  it('catches a second holder and a release by someone else', () => {
    expect(
      holdersNeverOverlap(
        broken([
          { t: 0, thread: 0, kind: 'acquire' },
          { t: 1, thread: 1, kind: 'acquire' },
        ]),
      ),
    ).toBe(false);
    expect(
      holdersNeverOverlap(
        broken([
          { t: 0, thread: 0, kind: 'acquire' },
          { t: 1, thread: 1, kind: 'release', reason: 'io' },
        ]),
      ),
    ).toBe(false);
    expect(holdersNeverOverlap(broken([{ t: 0, thread: 0, kind: 'acquire' }]))).toBe(false);
  });
});

describe('analyse and the lock overhead', () => {
  it('measures hand-off latency from a forced release to the next holder', () => {
    expect(handOffLatencies(labTrace('gil', 2, T0, swap, 2, 5))).toEqual([0]);
    const slow = swap.map((x) => (x.kind === 'acquire' && x.thread === 1 ? { ...x, time: at(5.08) } : x));
    const result = analyse(
      { mode: 'gil', threads: 2, t0: T0, entries: slow, lost: 0, startup: [20, 30], results: [1, 1] },
      2,
      5,
    );
    expect(result.medianHandOff).toBe(30);
    expect(result.lockOverhead).toBeCloseTo((3 * 30) / 12_000);
    expect(result.startup).toBe(20_000);
    expect(result.medianHold).toBe(3920);
  });
});

describe('predict', () => {
  const settings = { ...LAB_DEFAULTS, tasks: 4, intervalMs: 5 };
  const p = { settings, taskCpu: 50_000, cores: 2, startup: 20_000 };

  it('runs the same work the way each mode does', () => {
    const sequential = predict('sequential', p);
    expect(sequential.threads.map((t) => t.name)).toEqual(['MainThread']);
    expect(sequential.end).toBe(200_000);
    expect(predict('gil', p).end).toBe(200_000);
    // Four tasks on two cores, no GIL: two rounds.
    expect(predict('free-threaded', p).end).toBe(100_000);
    expect(predict('processes', p).end).toBe(120_000);
  });

  it('models the I/O variant as blocking calls between CPU parts', () => {
    const trace = predict('gil', { ...p, settings: { ...settings, io: true } });
    expect(trace.events.filter((x) => x.kind === 'io_start')).toHaveLength(4 * IO_CALLS);
  });

  it('takes the CPU per task from the sequential run when there is one', () => {
    const r = (mode: ModeResult['mode'], cpu: number[]): ModeResult => ({ mode, cpu }) as unknown as ModeResult;
    expect(taskCpuOf([r('gil', [90, 110]), r('sequential', [400])], 4)).toBe(100);
    expect(taskCpuOf([r('free-threaded', [100, 120, 80, 100])], 4)).toBe(100);
    expect(taskCpuOf([], 4)).toBe(0);
  });
});
