import { cpu, io } from './steps.ts';
import type { Mode, SimInput, ThreadSpec } from './types.ts';

/**
 * CPU cost of the pages' workloads, measured for this model on a shared 2-vCPU AMD EPYC
 * machine, best of 5 on CPython 3.11.7, 3.12.1 and 3.13.0: `for _ in range(10**6): counter += 1`
 * took 55–121 ms, and the usual `cpu_bound(10**6)` benchmark (`result += i ** 2` in a loop, see
 * content/examples/threads_vs_processes.py) took 93–136 ms. Orders of magnitude only.
 */
export const COUNTER_CPU = 100_000;
export const CPU_BOUND_TASK = 120_000;

/**
 * One `urlopen` against a server that answers after 200 ms (the I/O example on GIL and I/O): a
 * little Python to build the request, the blocking wait, a little Python to parse the response.
 * content/examples/io_threads.py, CPython 3.11.7 on a 2-core VM: 10 such requests took 2.03 s in a
 * row and 0.23 s with 10 threads.
 */
export const REQUEST = { before: 1_000, wait: 200_000, after: 500 } as const;

/**
 * The I/O side of the convoy effect (bpo-7946): many short blocking calls, e.g. send/recv on a
 * loopback socket, each followed by a little Python.
 */
export const CONVOY_IO = { ops: 50, wait: 100, work: 20 } as const;
export const CONVOY_CPU = 400_000;

export function cpuThread(duration: number, name?: string): ThreadSpec {
  return { name, steps: [cpu(duration)] };
}

export function requestThread(name?: string): ThreadSpec {
  return { name, steps: [cpu(REQUEST.before), io(REQUEST.wait), cpu(REQUEST.after)] };
}

export function convoyIoThread(name?: string): ThreadSpec {
  const steps = Array.from({ length: CONVOY_IO.ops }, () => [io(CONVOY_IO.wait), cpu(CONVOY_IO.work)]);
  return { name, steps: steps.flat() };
}

interface ScenarioText {
  readonly title: string;
  /** One sentence. */
  readonly description: string;
  readonly input: SimInput;
}

export interface Scenario extends ScenarioText {
  readonly id: ScenarioId;
}

function copies(n: number, make: (i: number) => ThreadSpec): ThreadSpec[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

function cpuBoundFour(mode: Mode): SimInput {
  return { mode, cores: 4, threads: copies(4, () => cpuThread(CPU_BOUND_TASK)) };
}

const SCENARIOS = {
  'counter-4-threads': {
    title: 'Four threads increment a counter',
    description:
      'Four CPU-bound threads each run counter += 1 a million times and take turns holding the GIL, one switch interval at a time.',
    input: { mode: 'gil', cores: 4, threads: copies(4, () => cpuThread(COUNTER_CPU)) },
  },
  'cpu-bound-4-threads': {
    title: 'cpu_bound × 4 in threads',
    description:
      'Four threads each run cpu_bound(10**6); with the GIL only one runs at a time, so they finish no sooner than one after another.',
    input: cpuBoundFour('gil'),
  },
  'cpu-bound-sequential': {
    title: 'cpu_bound × 4, one after another',
    description:
      'The main thread runs cpu_bound(10**6) four times in a row: the baseline for the threaded and parallel versions.',
    input: {
      mode: 'gil',
      cores: 4,
      threads: [{ name: 'MainThread', steps: Array.from({ length: 4 }, () => cpu(CPU_BOUND_TASK)) }],
    },
  },
  'cpu-bound-4-processes': {
    title: 'cpu_bound × 4 in a process pool',
    description:
      'Four worker processes each run cpu_bound(10**6) on their own core, after paying for process start-up.',
    input: cpuBoundFour('processes'),
  },
  'cpu-bound-4-free-threaded': {
    title: 'cpu_bound × 4 in threads, free-threaded build',
    description:
      'Without a GIL the four threads run in parallel on four cores, each a little slower than on a GIL build.',
    input: cpuBoundFour('free-threaded'),
  },
  'io-bound-10-threads': {
    title: 'Ten threads wait for the network',
    description:
      'Ten threads each send a request and wait 200 ms for the answer; the GIL is released while they wait, so the waits overlap.',
    input: { mode: 'gil', cores: 4, threads: copies(10, () => requestThread()) },
  },
  convoy: {
    title: 'The convoy effect',
    description:
      'An I/O thread doing many short blocking calls must win the GIL back from a CPU-bound thread after each one, which costs it a switch interval every time.',
    input: {
      mode: 'gil',
      cores: 4,
      threads: [cpuThread(CONVOY_CPU, 'cpu-worker'), convoyIoThread('io-worker')],
    },
  },
} as const satisfies Record<string, ScenarioText>;

export type ScenarioId = keyof typeof SCENARIOS;

export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(SCENARIOS, id);
}

export function getScenario(id: ScenarioId): Scenario {
  return { id, ...SCENARIOS[id] };
}
