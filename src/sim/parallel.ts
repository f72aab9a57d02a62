import { cpuCost, type ResolvedInput } from './input.ts';
import type { Step, TraceEvent } from './types.ts';

/**
 * No shared GIL: free-threaded threads (Py_GIL_DISABLED), or worker processes that each own an
 * uncontended GIL. Runnable threads run in parallel, one per core. When they outnumber the cores
 * the OS shares them out in a deterministic round robin: a thread keeps its core for whole
 * `osTimeslice` slices and is preempted at a slice boundary only if another thread is ready,
 * which then gets the core (FIFO). A thread doing I/O needs no core.
 *
 * Free-threaded: every CPU step costs `ftOverhead` times as much (biased reference counting,
 * per-object locks…). Processes: each worker first pays start-up plus data copying; these are
 * latency that needs no core, like a Pool starting its workers side by side.
 * At one instant: start-ups and I/O completions first, then step ends, then preemption, then
 * dispatch to free cores (lowest thread index first among simultaneous arrivals).
 */

interface ParThread {
  readonly id: number;
  readonly steps: readonly Step[];
  /** Index of the step being executed; -1 before the first. */
  step: number;
  /** µs of the current CPU step still to run; 0 means the thread is at a step boundary. */
  left: number;
  state: 'starting' | 'ready' | 'running' | 'io' | 'done';
  /** Starting: when start-up ends. I/O: when the I/O completes. */
  deadline: number;
  /** When it got its core: its slice boundaries are dispatchedAt + k × osTimeslice. */
  dispatchedAt: number;
}

export function simulateParallel(input: ResolvedInput): TraceEvent[] {
  const { cores, osTimeslice: slice } = input;
  const events: TraceEvent[] = [];
  const threads: ParThread[] = input.threads.map((spec, id) => ({
    id,
    steps: spec.steps,
    step: -1,
    left: 0,
    state: 'starting',
    deadline: 0,
    dispatchedAt: 0,
  }));
  const readyQueue: ParThread[] = [];
  let running: ParThread[] = [];
  let now = 0;
  let live = threads.length;

  function makeReady(th: ParThread): void {
    th.state = 'ready';
    readyQueue.push(th);
  }

  function leaveCore(th: ParThread): void {
    running = running.filter((r) => r !== th);
  }

  /** A running thread at a step boundary moves on until it has CPU work or leaves its core. */
  function settle(th: ParThread): void {
    while (th.left === 0) {
      th.step += 1;
      const step = th.steps[th.step];
      if (step === undefined) {
        th.state = 'done';
        live -= 1;
        leaveCore(th);
        events.push({ t: now, thread: th.id, kind: 'finish' });
        return;
      }
      if (step.kind === 'io') {
        th.state = 'io';
        th.deadline = now + step.duration;
        leaveCore(th);
        events.push({ t: now, thread: th.id, kind: 'io_start' });
        return;
      }
      th.left = cpuCost(input, step.duration);
    }
  }

  function dispatchFreeCores(): void {
    while (running.length < cores && readyQueue.length > 0) {
      const th = readyQueue.shift() as ParThread;
      th.state = 'running';
      th.dispatchedAt = now;
      running.push(th);
      events.push({ t: now, thread: th.id, kind: 'dispatch' });
      settle(th);
    }
  }

  /** The first slice boundary after `now` (boundaries at `now` have been dealt with). */
  function sliceEnd(th: ParThread): number {
    return th.dispatchedAt + (Math.floor((now - th.dispatchedAt) / slice) + 1) * slice;
  }

  for (const th of threads) {
    if (input.mode === 'processes') {
      th.deadline = input.processStartup + input.dataCopy;
      events.push({ t: 0, thread: th.id, kind: 'spawn' });
    } else {
      events.push({ t: 0, thread: th.id, kind: 'start' });
      makeReady(th);
    }
  }
  dispatchFreeCores();

  while (live > 0) {
    let next = Infinity;
    for (const th of threads) {
      if ((th.state === 'starting' || th.state === 'io') && th.deadline < next) next = th.deadline;
    }
    for (const th of running) {
      next = Math.min(next, now + th.left, readyQueue.length > 0 ? sliceEnd(th) : Infinity);
    }
    for (const th of running) th.left -= next - now;
    now = next;

    for (const th of threads) {
      if ((th.state === 'starting' || th.state === 'io') && th.deadline === now) {
        events.push({ t: now, thread: th.id, kind: th.state === 'starting' ? 'start' : 'io_end' });
        makeReady(th);
      }
    }
    for (const th of [...running]) settle(th);
    // At a slice boundary the threads that have run longest give way, but only as many as there
    // are ready threads that no free core will take; the others carry on into their next slice.
    const unserved = readyQueue.length - (cores - running.length);
    if (unserved > 0) {
      const expired = running
        .filter((th) => th.dispatchedAt < now && (now - th.dispatchedAt) % slice === 0)
        .sort((a, b) => a.dispatchedAt - b.dispatchedAt || a.id - b.id)
        .slice(0, unserved);
      for (const th of expired) {
        leaveCore(th);
        events.push({ t: now, thread: th.id, kind: 'preempt' });
        makeReady(th);
      }
    }
    dispatchFreeCores();
  }
  return events;
}
