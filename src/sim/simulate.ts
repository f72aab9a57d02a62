import { simulateGil } from './gil.ts';
import { resolveInput } from './input.ts';
import { simulateParallel } from './parallel.ts';
import { buildTrace } from './trace.ts';
import type { SimInput, Trace } from './types.ts';

/** Runs the model. Pure and deterministic: the same input always gives a deep-equal trace. */
export function simulate(input: SimInput): Trace {
  const resolved = resolveInput(input);
  const events = resolved.mode === 'gil' ? simulateGil(resolved) : simulateParallel(resolved);
  return buildTrace(
    {
      source: 'model',
      mode: resolved.mode,
      threads: resolved.threads.map((thread, id) => ({ id, name: thread.name })),
      cores: resolved.cores,
      switchInterval: resolved.switchInterval,
    },
    events,
  );
}
