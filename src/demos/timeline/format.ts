/**
 * The words around a timeline: summary sentence, event descriptions, GIL panel values. Shared by
 * the build-time component and the browser element so that both say exactly the same thing.
 */
import { gilStateAt } from '../../sim/gilState.ts';
import { summarize } from '../../sim/summary.ts';
import type { GilState, Mode, Summary, Trace, TraceEvent } from '../../sim/types.ts';
import type { TimelinePanel } from './render.ts';
import { plural } from '../kit/text.ts';
import { countUpTo } from '../../sim/search.ts';

/** Options of the mode control. */
export const MODE_LABELS: Record<Mode, string> = {
  gil: 'Threads with the GIL',
  'free-threaded': 'Threads, free-threaded',
  processes: 'Processes',
};

/** Panel headings when the same work runs under each mode. */
export const COMPARE_HEADINGS: Record<Mode, string> = {
  gil: 'Threads, GIL build',
  'free-threaded': 'Threads, free-threaded build',
  processes: 'Processes (one per task)',
};

/** µs as ms: one decimal below 10 ms, whole ms above, with thousands separators. */
export function formatMs(us: number): string {
  const ms = us / 1000;
  if (Math.abs(ms) < 10 && ms !== Math.round(ms)) return `${ms.toFixed(1)} ms`;
  // Not toLocaleString(): its first call loads the locale data, which took ≈75 ms at CPU ×4.
  return `${String(Math.round(ms)).replace(/\B(?=(\d{3})+$)/g, ',')} ms`;
}

/** "4 threads with the GIL, switch interval 5 ms: wall time 480 ms, …, 96 GIL hand-offs, …". */
export function summarySentence(trace: Trace, summary: Summary): string {
  const n = trace.threads.length;
  const who = trace.mode === 'processes' ? plural(n, 'process', 'processes') : plural(n, 'thread');
  const cores = plural(trace.cores, 'core');
  const setup = {
    gil: ` with the GIL, switch interval ${formatMs(trace.switchInterval)}`,
    'free-threaded': `, free-threaded build, ${cores}`,
    processes: `, ${cores}`,
  }[trace.mode];
  const parts = [`wall time ${formatMs(summary.wall)}`, `CPU time ${formatMs(summary.cpu)}`];
  if (trace.mode === 'gil') {
    parts.push(plural(summary.handOffs, 'GIL hand-off'));
    const share = summary.wall > 0 && n > 0 ? Math.round((summary.waiting / (summary.wall * n)) * 100) : 0;
    parts.push(`on average each thread waited for the GIL ${share}% of the time`);
  }
  const starting = summary.threads.reduce((sum, t) => sum + t.starting, 0);
  if (starting > 0) parts.push(`process start-up took ${formatMs(starting / n)} each`);
  if (summary.ioLatency.count > 0) {
    parts.push(`after I/O a thread waited a median ${formatMs(summary.ioLatency.median)} to run again`);
  }
  const source = trace.source === 'measured' ? 'Measured: ' : '';
  return `${source}${who}${setup}: ${parts.join(', ')}.`;
}

/** The summary sentence of one panel, named by its heading when modes are compared. */
export function panelSummary(panel: TimelinePanel): string {
  const sentence = summarySentence(panel.trace, summarize(panel.trace));
  return panel.heading === undefined ? sentence : `${panel.heading}: ${sentence}`;
}

export function describeEvent(event: TraceEvent): string {
  switch (event.kind) {
    case 'spawn':
      return 'process start-up begins';
    case 'start':
      return 'ready to run';
    case 'wait':
      return 'waits for the GIL (take_gil)';
    case 'drop_request':
      return 'sets the drop request after waiting a full interval';
    case 'acquire':
      return 'takes the GIL';
    case 'release':
      if (event.reason === 'forced') return 'drops the GIL on request (forced switch)';
      if (event.reason === 'io') return 'drops the GIL before blocking I/O';
      return 'drops the GIL and exits';
    case 'io_start':
      return 'blocks in I/O';
    case 'io_end':
      return 'I/O returns';
    case 'dispatch':
      return 'gets a core';
    case 'preempt':
      return 'loses its core (time slice over)';
    case 'finish':
      return 'finishes';
  }
}

export interface EventRow {
  readonly time: string;
  readonly thread: string;
  readonly what: string;
}

/** The event table lists this many events per trace; the caption says when there are more. */
export const EVENT_ROWS = 40;

export function eventCaption(trace: Trace, heading?: string): string {
  const n = trace.events.length;
  const which = n > EVENT_ROWS ? `The first ${EVENT_ROWS} of ${n} events` : `All ${n} events`;
  return heading === undefined ? which : `${heading}: ${which[0]?.toLowerCase()}${which.slice(1)}`;
}

export function eventRows(trace: Trace, limit: number): EventRow[] {
  return trace.events.slice(0, limit).map((e) => ({
    time: formatMs(e.t),
    thread: trace.threads[e.thread]?.name ?? `#${e.thread}`,
    what: describeEvent(e),
  }));
}

/**
 * The GIL state at one instant, as name/value pairs for the state panel. The names say where each
 * value lives in CPython: the first three are fields of `struct _gil_runtime_state`
 * (Include/internal/pycore_gil.h, `gil->` in Python/ceval_gil.c); the drop request is not. It is
 * `gil_drop_request`: a static variable in Python/ceval.c up to 3.6, a field of the runtime-wide
 * `struct _ceval_runtime_state` in 3.7 and 3.8, and a field of the per-interpreter
 * `struct _ceval_state` in 3.9 to 3.12; from 3.13 it is bit 0 of `PyThreadState.eval_breaker`.
 * The waiting threads are no field at all, only threads blocked inside take_gil().
 */
export function gilFields(trace: Trace, state: GilState): [string, string][] {
  const name = (id: number | null): string => (id === null ? 'NULL' : (trace.threads[id]?.name ?? `#${id}`));
  return [
    ['gil->locked', state.holder === null ? '0 (free)' : `1 (held by ${name(state.holder)})`],
    ['gil->last_holder', name(state.lastHolder)],
    ['gil->switch_number', String(state.switchNumber)],
    ['drop request*', state.gilDropRequest ? '1 (set)' : '0'],
    ['waiting in take_gil()*', state.waiters.length === 0 ? 'none' : state.waiters.map(name).join(', ')],
  ];
}

/** Why a run without GIL traffic has nothing in the state panel. */
export function noGilNote(trace: Trace): string {
  if (trace.mode === 'processes') {
    return 'Each process has a GIL of its own that no other thread wants, so there is nothing to hand over.';
  }
  if (trace.mode === 'free-threaded')
    return 'A free-threaded build runs without the GIL: threads only wait for a free core.';
  return 'This trace records no GIL events.';
}

/** The events listed under "what just happened"; one instant rarely has more. */
const HAPPENED_MAX = 6;

/** Events at the latest instant not after t: what the reader just watched happen. */
function latestEvents(trace: Trace, t: number): TraceEvent[] {
  const lo = countUpTo(trace.events.length, (i) => (trace.events[i] as TraceEvent).t, t);
  const last = trace.events[lo - 1];
  if (last === undefined) return [];
  let first = lo - 1;
  while (first > 0 && (trace.events[first - 1] as TraceEvent).t === last.t) first -= 1;
  return trace.events.slice(first, lo);
}

/** The trace the GIL panel follows: the first with GIL traffic (the GIL build when comparing). */
export function gilTraceOf(panels: readonly TimelinePanel[]): Trace | null {
  return panels.find((p) => p.trace.events.some((e) => e.kind === 'acquire'))?.trace ?? null;
}

export interface GilPanel {
  /** The instant of the events listed (-1 before the first): the panel changes only with it. */
  readonly instant: number;
  /** The struct's fields; null for a run without GIL traffic. */
  readonly fields: [string, string][] | null;
  readonly at: string;
  readonly happened: string[];
}

/**
 * What the GIL state panel says at time t, about `gilTrace`, or about `shown` when no panel has
 * GIL traffic. The page is served with it at t = 0, so the panel is filled from the first paint.
 */
export function gilPanel(gilTrace: Trace | null, shown: Trace, t: number): GilPanel {
  const trace = gilTrace ?? shown;
  const happened = latestEvents(trace, t);
  const instant = happened[0]?.t ?? -1;
  if (gilTrace === null) return { instant, fields: null, at: noGilNote(trace), happened: [] };
  const lines = happened
    .slice(0, HAPPENED_MAX)
    .map((e) => `${trace.threads[e.thread]?.name ?? `#${e.thread}`} ${describeEvent(e)}`);
  if (happened.length > HAPPENED_MAX) lines.push(`and ${happened.length - HAPPENED_MAX} more`);
  return {
    instant,
    fields: gilFields(trace, gilStateAt(trace, t)),
    at: happened.length === 0 ? 'Nothing has happened yet.' : `At ${formatMs(instant)}:`,
    happened: lines,
  };
}
