import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../sim/trace.ts';
import { summarize } from '../../sim/summary.ts';
import { buildTimeline } from './panels.ts';
import {
  eventCaption,
  eventRows,
  EVENT_ROWS,
  formatMs,
  gilFields,
  gilPanel,
  gilTraceOf,
  panelSummary,
  summarySentence,
} from './format.ts';

describe('buildTimeline', () => {
  it('runs a named scenario and starts the controls near it', () => {
    const built = buildTimeline({ scenario: 'io-bound-10-threads' });
    expect(built.title).toBe('Ten threads wait for the network');
    expect(built.panels).toHaveLength(1);
    expect(built.panels[0]!.trace.threads).toHaveLength(10);
    // The controls show the preset as it is, even where it is beyond what they allow.
    expect(built.params).toEqual({ threads: 10, switchIntervalMs: 5, workload: 'io', mode: 'gil', cores: 4 });
    expect(buildTimeline({ scenario: 'convoy' }).params.workload).toBe('mixed');
    expect(buildTimeline({ scenario: 'counter-4-threads' }).params.workload).toBe('cpu');
  });

  it('applies a new switch interval or core count to the preset itself', () => {
    const base = buildTimeline({ scenario: 'counter-4-threads' });
    const params = { ...base.params, switchIntervalMs: '10' };
    const slower = buildTimeline({ scenario: 'counter-4-threads', params });
    expect(slower.title).toBe(base.title);
    expect(slower.panels[0]!.trace.switchInterval).toBe(10_000);
    expect(slower.panels[0]!.trace.end).toBe(base.panels[0]!.trace.end); // the same work
    expect(slower.notices).toEqual([]);
    // Other threads, work or mode: the generic workloads, and a preset beyond the limits is clamped.
    expect(buildTimeline({ scenario: 'counter-4-threads', params: { ...base.params, threads: '2' } }).title).toBe(
      '2 threads with the GIL, CPU-bound work',
    );
    const io = buildTimeline({ scenario: 'io-bound-10-threads' });
    const clamped = buildTimeline({ scenario: 'io-bound-10-threads', params: { ...io.params, switchIntervalMs: '1' } });
    expect(clamped.notices).toEqual(['Threads: 10 is outside 1–8; using 8.']);
    expect(clamped.panels[0]!.trace.threads).toHaveLength(8);
  });

  it('takes what a link leaves out from the scenario, not from the site-wide defaults', () => {
    // A shared link names only what the reader changed: convoy with 4 threads is still mixed work.
    const built = buildTimeline({ scenario: 'convoy', params: { threads: '4' } });
    expect(built.params).toEqual({ ...buildTimeline({ scenario: 'convoy' }).params, threads: 4 });
    expect(built.title).toBe('4 threads with the GIL, mixed CPU and I/O work');
    expect(built.notices).toEqual([]);
    const bad = buildTimeline({ scenario: 'convoy', params: { workload: 'gpu' } });
    expect(bad.notices).toEqual(['Work: "gpu" is not one of cpu, io, mixed; using mixed.']);
    expect(bad.title).toBe('The convoy effect');
  });

  it('compares the same work under each mode on one figure', () => {
    const built = buildTimeline({ scenario: 'cpu-bound-4-threads', compare: true });
    expect(built.panels.map((p) => p.trace.mode)).toEqual(['gil', 'free-threaded', 'processes']);
    expect(built.panels.map((p) => p.heading)).toEqual([
      'Threads, GIL build',
      'Threads, free-threaded build',
      'Processes (one per task)',
    ]);
    expect(built.panels[2]!.trace.threads[0]!.name).toBe('Process-1');
  });

  it('clamps bad parameters and says so', () => {
    const built = buildTimeline({ params: { threads: '99', switchIntervalMs: '0', workload: 'gpu' } });
    expect(built.params.threads).toBe(8);
    expect(built.params.switchIntervalMs).toBe(0.5);
    expect(built.params.workload).toBe('cpu');
    expect(built.notices.join(' ')).toMatch(/Threads: 99 is outside 1–8; using 8/);
    expect(built.notices).toHaveLength(3);
    expect(built.title).toBe('8 threads with the GIL, CPU-bound work');
    expect(buildTimeline({ params: { threads: 1, mode: 'processes', workload: 'mixed' } }).title).toBe(
      '1 process, mixed CPU and I/O work',
    );
  });

  it('ignores parameters that are not an object', () => {
    const built = buildTimeline({ scenario: 'convoy', params: null as never });
    expect(built.title).toBe('The convoy effect');
    expect(buildTimeline({ params: 'threads=99' as never }).params.threads).toBe(4);
  });

  it('reports an unknown scenario instead of failing', () => {
    const built = buildTimeline({ scenario: 'nope' as never });
    expect(built.notices[0]).toMatch(/no scenario called "nope"/);
    expect(built.panels[0]!.trace.threads).toHaveLength(4);
  });
});

describe('text alternative', () => {
  const counter = buildTimeline({ scenario: 'counter-4-threads' }).panels[0]!.trace;

  it('sums a GIL run up in one sentence', () => {
    expect(summarySentence(counter, summarize(counter))).toBe(
      '4 threads with the GIL, switch interval 5 ms: wall time 400 ms, CPU time 400 ms, 80 GIL hand-offs, ' +
        'on average each thread waited for the GIL 73% of the time.',
    );
  });

  it('names processes, start-up and I/O latency where they apply', () => {
    const [gil, , processes] = buildTimeline({ scenario: 'io-bound-10-threads', compare: true }).panels;
    expect(panelSummary(processes!)).toMatch(
      /^Processes \(one per task\): 10 processes, 4 cores: .*start-up took 50 ms each/,
    );
    expect(panelSummary(gil!)).toMatch(/after I\/O a thread waited a median [\d.]+ ms to run again/);
  });

  it('labels measured runs as measured', () => {
    const measured = buildTrace(
      { source: 'measured', mode: 'gil', cores: 2, switchInterval: 5000, threads: [{ id: 0, name: 'w' }] },
      [
        { t: 0, thread: 0, kind: 'acquire' },
        { t: 1500, thread: 0, kind: 'release', reason: 'finish' },
      ],
    );
    expect(summarySentence(measured, summarize(measured))).toMatch(
      /^Measured: 1 thread with the GIL, .*wall time 1.5 ms/,
    );
  });

  it('lists the first events in words, and says how many there are', () => {
    const rows = eventRows(counter, EVENT_ROWS);
    expect(rows).toHaveLength(40);
    expect(rows[4]).toEqual({ time: '0 ms', thread: 'Thread-1', what: 'takes the GIL' });
    expect(rows.find((r) => r.what.includes('drop request'))).toMatchObject({ time: '5 ms', thread: 'Thread-2' });
    expect(eventCaption(counter)).toBe(`The first 40 of ${counter.events.length} events`);
    expect(eventCaption(counter, 'GIL')).toBe(`GIL: the first 40 of ${counter.events.length} events`);
  });

  it('formats times in ms', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(5_200)).toBe('5.2 ms');
    expect(formatMs(480_000)).toBe('480 ms');
    expect(formatMs(1_604_000)).toBe('1,604 ms');
    expect(formatMs(1_234_567_890)).toBe('1,234,568 ms');
    expect(formatMs(-1_604_000)).toBe('-1,604 ms');
  });

  it('labels which values are struct _gil_runtime_state fields and which are not', () => {
    const fields = gilFields(counter, {
      holder: 1,
      lastHolder: 1,
      switchNumber: 2,
      gilDropRequest: true,
      waiters: [2, 0],
    });
    expect(fields).toEqual([
      ['gil->locked', '1 (held by Thread-2)'],
      ['gil->last_holder', 'Thread-2'],
      ['gil->switch_number', '2'],
      ['drop request*', '1 (set)'],
      ['waiting in take_gil()*', 'Thread-3, Thread-1'],
    ]);
  });

  it('fills the GIL state panel from one function, in the served page and in the element', () => {
    const start = gilPanel(counter, counter, 0);
    expect(start.instant).toBe(0);
    expect(start.fields?.[0]).toEqual(['gil->locked', '1 (held by Thread-1)']);
    expect(start.at).toBe('At 0 ms:');
    expect(start.happened[0]).toMatch(/^Thread-1 /);
    expect(gilPanel(counter, counter, -1)).toMatchObject({
      instant: -1,
      at: 'Nothing has happened yet.',
      happened: [],
    });
    // Ten threads start at once: six are listed, then how many more.
    const io = buildTimeline({ scenario: 'io-bound-10-threads' }).panels[0]!.trace;
    expect(gilPanel(io, io, 0).happened.at(-1)).toMatch(/^and \d+ more$/);
    const processes = buildTimeline({ scenario: 'cpu-bound-4-processes' }).panels;
    expect(gilTraceOf(processes)).toBeNull();
    expect(gilPanel(null, processes[0]!.trace, 0)).toMatchObject({ fields: null, happened: [] });
    expect(gilPanel(null, processes[0]!.trace, 0).at).toMatch(/^Each process has a GIL of its own/);
  });
});
