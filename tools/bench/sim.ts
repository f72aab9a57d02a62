/**
 * How fast is the GIL model? Run from the project root with `npm run bench:sim`
 * (Node 24 strips the types itself; no build step, no tsx).
 */
import { cpu, simulate, summarize, type SimInput } from '../../src/sim/index.ts';

const TARGET_MS = 50;

function cpuBound(threads: number, cpuEach: number): SimInput {
  return { mode: 'gil', threads: Array.from({ length: threads }, () => ({ steps: [cpu(cpuEach)] })) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

function bench(label: string, input: SimInput, runs: number): boolean {
  const coldStart = performance.now();
  let trace = simulate(input); // what a page pays the first time
  const cold = performance.now() - coldStart;
  for (let i = 0; i < 3; i += 1) simulate(input); // let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    trace = simulate(input);
    times.push(performance.now() - start);
  }
  const ms = median(times);
  const { wall, handOffs } = summarize(trace);
  const events = trace.events.length;
  console.log(
    `${label}: model wall ${(wall / 1e6).toFixed(2)} s, ${handOffs} hand-offs, ${events} events, ` +
      `${trace.segments.length} segments; simulate() first run ${cold.toFixed(2)} ms, ` +
      `median ${ms.toFixed(2)} ms over ${runs} runs ` +
      `(${Math.round(events / (ms / 1000)).toLocaleString('en')} events/s)`,
  );
  return ms < TARGET_MS;
}

// 8 threads sharing 10 s of CPU: the target (< 50 ms).
const ok = bench('8 CPU-bound threads, 10 s of model time', cpuBound(8, 1_250_000), 21);
// 8 threads of 10 s each (80 s of model time): the bigger case.
bench('8 CPU-bound threads × 10 s each (80 s)', cpuBound(8, 10_000_000), 7);
console.log(ok ? `OK: under ${TARGET_MS} ms` : `SLOW: over ${TARGET_MS} ms`);
process.exitCode = ok ? 0 : 1;
