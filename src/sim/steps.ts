import type { CpuStep, IoStep } from './types.ts';

/** Python code: the holder passes an eval-breaker check point every `checkEvery` µs. */
export function cpu(duration: number): CpuStep {
  return { kind: 'cpu', duration };
}

/** One long C call that keeps the GIL (e.g. `sum(range(3 * 10**8))`): no checks until it returns. */
export function cCall(duration: number): CpuStep {
  return { kind: 'cpu', duration, cCall: true };
}

/** A blocking call that releases the GIL while it blocks. */
export function io(duration: number): IoStep {
  return { kind: 'io', duration };
}
