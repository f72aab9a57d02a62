/**
 * The GIL model against real CPython: live runs on the machine's python3, and the committed
 * recordings the site shows beside the model.
 */
import { describe, expect, it } from 'vitest';
import { RECORDED_VERSIONS, recordedTrace } from '../../src/sim/recorded/index.ts';
import { summarize } from '../../src/sim/summary.ts';
import { formatReport } from '../../src/sim/compare.ts';
import { pythonVersion, recordChecked } from './record.ts';

const version = pythonVersion('python3');
// Skipping is fine on a laptop without Python, never in CI: there the check must really run.
const skip = version === undefined && !process.env.CI;
if (skip) console.warn('real-cpython.test.ts: python3 not found on PATH, skipping the live CPython checks');

describe('real CPython (python3)', () => {
  it.skipIf(skip)(
    skip
      ? 'SKIPPED: python3 not found on PATH'
      : `CPU-bound threads on python3 ${version ?? '(not found)'} behave as the model says`,
    () => {
      if (version === undefined)
        throw new Error('python3 not found, but CI is set: the model must be checked against CPython');
      for (const threads of [2, 4]) {
        // Up to 3 attempts: the machine is shared, and a busy neighbour stretches slices.
        const attempts = recordChecked('python3', { threads, workMs: 80 }, 3);
        const lines = attempts.map((a, i) => `attempt ${i + 1}: ${formatReport(a.report)}`).join('\n');
        const last = attempts[attempts.length - 1];
        expect(last?.recording.gilEnabled, 'python3 is a GIL build').toBe(true);
        expect(last?.report.pass, lines).toBe(true);
      }
    },
    25_000,
  );
});

describe('committed recordings (src/sim/recorded/)', () => {
  it.each(RECORDED_VERSIONS)('CPython %s: a GIL build whose median slice is the switch interval', (v) => {
    const { trace, model, meta, report } = recordedTrace(v);
    expect(meta.version.startsWith(`${v}.`)).toBe(true);
    expect(meta).toMatchObject({ implementation: 'CPython', gilEnabled: true, threads: 4 });
    expect(meta.cores).toBeGreaterThanOrEqual(1);
    expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(trace.source).toBe('measured');
    expect(model.source).toBe('model');
    // Small enough to ship to the browser, long enough to show many turns of every thread.
    expect(summarize(trace).holds.count).toBeGreaterThan(40);
    expect(new Set(trace.segments.filter((s) => s.state === 'running').map((s) => s.thread)).size).toBe(4);
    expect(Math.abs(report.medianSlice / meta.switchInterval - 1), formatReport(report)).toBeLessThanOrEqual(0.25);
    expect(report.pass, formatReport(report)).toBe(true);
  });
});
