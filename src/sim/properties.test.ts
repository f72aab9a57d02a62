import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gilStateAt } from './gilState.ts';
import { cpuCost, resolveInput } from './input.ts';
import { simulate } from './simulate.ts';
import { summarize } from './summary.ts';
import type { Mode, Segment, SimInput, Step, Trace } from './types.ts';

// Bounded so that one run stays small: ≤ 5 threads × ≤ 6 steps × ≤ 20 ms, interval ≥ 100 µs.
const python = fc.record({ kind: fc.constant('cpu' as const), duration: fc.integer({ min: 0, max: 20_000 }) });
const cCall = fc.record({
  kind: fc.constant('cpu' as const),
  duration: fc.integer({ min: 0, max: 20_000 }),
  cCall: fc.constant(true),
});
const blocking = fc.record({ kind: fc.constant('io' as const), duration: fc.integer({ min: 0, max: 20_000 }) });

function workload(mode: Mode, step: fc.Arbitrary<Step>): fc.Arbitrary<SimInput> {
  return fc.record({
    mode: fc.constant(mode),
    threads: fc.array(fc.record({ steps: fc.array(step, { maxLength: 6 }) }), { minLength: 1, maxLength: 5 }),
    cores: fc.integer({ min: 1, max: 4 }),
    switchInterval: fc.integer({ min: 100, max: 10_000 }),
    checkEvery: fc.integer({ min: 1, max: 500 }),
    ftOverhead: fc.constantFrom(1, 1.1, 1.4),
    processStartup: fc.integer({ min: 0, max: 50_000 }),
    dataCopy: fc.integer({ min: 0, max: 10_000 }),
    osTimeslice: fc.integer({ min: 100, max: 5000 }),
  });
}

const anyStep = fc.oneof(python, cCall, blocking);
const gilRuns = workload('gil', anyStep);
const anyRuns = fc.constantFrom<Mode>('gil', 'free-threaded', 'processes').chain((m) => workload(m, anyStep));
const parallelRuns = fc.constantFrom<Mode>('free-threaded', 'processes').chain((m) => workload(m, anyStep));

function lane(trace: Trace, thread: number): Segment[] {
  return trace.segments.filter((s) => s.thread === thread);
}

/** How many threads are in `state` at each instant where that number changes. */
function maxConcurrent(trace: Trace, state: Segment['state']): number {
  const edges = trace.segments
    .filter((s) => s.state === state)
    .flatMap((s) => [
      [s.from, 1],
      [s.to, -1],
    ])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let now = 0;
  let most = 0;
  for (const [, delta] of edges) {
    now += delta as number;
    most = Math.max(most, now);
  }
  return most;
}

function total(steps: readonly Step[], kind: Step['kind'], cost: (d: number) => number = (d) => d): number {
  return steps.filter((s) => s.kind === kind).reduce((sum, s) => sum + cost(s.duration), 0);
}

describe('properties of every run', () => {
  it('is deterministic: the same input gives a deep-equal trace', () => {
    fc.assert(
      fc.property(anyRuns, (input) => {
        expect(simulate(input)).toEqual(simulate(input));
      }),
    );
  });

  it('conserves CPU work (× ftOverhead in free-threaded builds) and finishes every thread', () => {
    fc.assert(
      fc.property(anyRuns, (input) => {
        const resolved = resolveInput(input);
        const trace = simulate(input);
        const summary = summarize(trace);
        input.threads.forEach((thread, i) => {
          expect(summary.threads[i]?.cpu).toBe(total(thread.steps, 'cpu', (d) => cpuCost(resolved, d)));
          expect(summary.threads[i]?.io).toBe(total(thread.steps, 'io'));
          expect(trace.events.filter((e) => e.thread === i && e.kind === 'finish')).toHaveLength(1);
        });
      }),
    );
  });

  it('gives a summary consistent with its segments and events', () => {
    fc.assert(
      fc.property(anyRuns, (input) => {
        const trace = simulate(input);
        const summary = summarize(trace);
        expect(trace.events.every((e, i) => i === 0 || (trace.events[i - 1]?.t ?? 0) <= e.t)).toBe(true);
        expect(summary.wall).toBe(trace.end);
        trace.threads.forEach(({ id }) => {
          // Each lane tiles [0, end] without gaps.
          const segments = lane(trace, id);
          segments.forEach((s, i) => {
            expect(s.to).toBeGreaterThan(s.from);
            expect(s.from).toBe(i === 0 ? 0 : segments[i - 1]?.to);
          });
          expect(segments.at(-1)?.to ?? 0).toBe(trace.end);
          const t = summary.threads[id];
          const sum = (state: Segment['state']) =>
            segments.filter((s) => s.state === state).reduce((acc, s) => acc + s.to - s.from, 0);
          expect([t?.cpu, t?.waiting, t?.ready, t?.io, t?.starting]).toEqual(
            (['running', 'waiting', 'ready', 'io', 'starting'] as const).map(sum),
          );
          expect(t?.ioLatency.count).toBe(trace.events.filter((e) => e.thread === id && e.kind === 'io_end').length);
        });
        expect(summary.cpu).toBe(summary.threads.reduce((acc, t) => acc + t.cpu, 0));
        expect(summary.waiting).toBe(summary.threads.reduce((acc, t) => acc + t.waiting, 0));
        expect(summary.holds.count).toBe(trace.events.filter((e) => e.kind === 'acquire').length);
      }),
    );
  });

  it('lets I/O overlap in every mode', () => {
    const twoBlockers = fc
      .record({
        mode: fc.constantFrom<Mode>('gil', 'free-threaded', 'processes'),
        a: fc.integer({ min: 0, max: 10_000 }),
        b: fc.integer({ min: 0, max: 10_000 }),
        extra: fc.integer({ min: 1, max: 10_000 }),
        cores: fc.integer({ min: 1, max: 2 }),
      })
      .map(({ mode, a, b, extra, cores }) => {
        const wait = Math.ceil((a + b) * 1.1) + extra;
        return {
          mode,
          cores,
          threads: [
            {
              steps: [
                { kind: 'cpu', duration: a },
                { kind: 'io', duration: wait },
              ],
            },
            {
              steps: [
                { kind: 'cpu', duration: b },
                { kind: 'io', duration: wait },
              ],
            },
          ],
        } satisfies SimInput;
      });
    fc.assert(
      fc.property(twoBlockers, (input) => {
        expect(maxConcurrent(simulate(input), 'io')).toBe(2);
      }),
    );
  });
});

describe('properties of the GIL', () => {
  it('is held by at most one thread at any instant, and the panel agrees with the lanes', () => {
    fc.assert(
      fc.property(gilRuns, (input) => {
        const trace = simulate(input);
        expect(maxConcurrent(trace, 'running')).toBeLessThanOrEqual(1);
        for (const s of trace.segments) {
          const mid = Math.floor((s.from + s.to) / 2);
          if (s.state === 'running') expect(gilStateAt(trace, mid).holder).toBe(s.thread);
          if (s.state === 'waiting') expect(gilStateAt(trace, mid).waiters).toContain(s.thread);
        }
      }),
    );
  });

  it('has each waiter request a drop exactly one interval after it began waiting, unless a switch came first', () => {
    fc.assert(
      fc.property(gilRuns, (input) => {
        const interval = resolveInput(input).switchInterval;
        const { events } = simulate(input);
        events.forEach((wait, i) => {
          if (wait.kind !== 'wait') return;
          const rest = events.slice(i + 1);
          const end = rest.findIndex((e) => e.thread === wait.thread && e.kind === 'acquire');
          const episode = end === -1 ? rest : rest.slice(0, end);
          const acquiredAt = end === -1 ? Infinity : (rest[end]?.t as number);
          const mine = episode.filter((e) => e.thread === wait.thread && e.kind === 'drop_request');
          // Requests only ever come when a timed wait of `interval` runs out.
          for (const r of mine) expect((r.t - wait.t) % interval === 0 && r.t > wait.t).toBe(true);
          // While this thread waits the GIL is never free, so every acquire is a switch.
          const switched = episode.some((e) => e.kind === 'acquire' && e.t < wait.t + interval);
          const requestedFirst = mine.some((r) => r.t === wait.t + interval);
          if (acquiredAt >= wait.t + interval) expect(requestedFirst).toBe(!switched);
        });
      }),
    );
  });

  it('never lets a forced dropper take the GIL straight back', () => {
    fc.assert(
      fc.property(gilRuns, (input) => {
        const { events } = simulate(input);
        events.forEach((e, i) => {
          if (e.kind !== 'release' || e.reason !== 'forced') return;
          expect(events[i + 1]).toMatchObject({ t: e.t, kind: 'acquire' });
          expect(events[i + 1]?.thread).not.toBe(e.thread);
          expect(events[i + 2]).toMatchObject({ t: e.t, kind: 'wait', thread: e.thread });
        });
      }),
    );
  });

  it('has the holder of Python code drop the GIL within one check period of a request', () => {
    fc.assert(
      fc.property(workload('gil', fc.oneof(python, blocking)), (input) => {
        const { checkEvery } = resolveInput(input);
        const { events } = simulate(input);
        events.forEach((e, i) => {
          if (e.kind !== 'drop_request') return;
          const release = events.slice(i).find((r) => r.kind === 'release');
          expect(release).toBeDefined();
          expect((release?.t as number) - e.t).toBeLessThanOrEqual(checkEvery);
        });
      }),
    );
  });
});

describe('properties without a shared GIL', () => {
  it('runs no more threads than there are cores', () => {
    fc.assert(
      fc.property(parallelRuns, (input) => {
        expect(maxConcurrent(simulate(input), 'running')).toBeLessThanOrEqual(resolveInput(input).cores);
      }),
    );
  });

  it('takes as long as the longest thread (× overhead, + start-up) when every thread has a core', () => {
    fc.assert(
      fc.property(parallelRuns, (input) => {
        const resolved = resolveInput(input);
        const longest = Math.max(
          ...input.threads.map((t) => total(t.steps, 'cpu', (d) => cpuCost(resolved, d)) + total(t.steps, 'io')),
        );
        const startup = input.mode === 'processes' ? resolved.processStartup + resolved.dataCopy : 0;
        const wall = simulate(input).end;
        expect(wall).toBeGreaterThanOrEqual(startup + longest);
        if (resolved.cores >= input.threads.length) expect(wall).toBe(startup + longest);
      }),
    );
  });
});
