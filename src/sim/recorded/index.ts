/**
 * Real CPython runs, recorded by `npm run record:traces` (content/examples/record_threads.py):
 * four CPU-bound threads, like the 'cpu-bound-4-threads' scenario, so a page can show what the
 * model predicts beside what CPython actually did. Browser-safe: JSON and pure functions only.
 */
import {
  compare,
  measuredTrace,
  modelTrace,
  parseRecording,
  type RecordedVersion,
  type Recording,
  type Report,
} from '../compare.ts';
import type { Trace } from '../types.ts';
import py39 from './cpython-3.9.json' with { type: 'json' };
import py311 from './cpython-3.11.json' with { type: 'json' };
import py313 from './cpython-3.13.json' with { type: 'json' };

export { RECORDED_VERSIONS, type RecordedVersion } from '../compare.ts';

const DATA: Record<RecordedVersion, unknown> = { '3.9': py39, '3.11': py311, '3.13': py313 };

/** Everything in a recording but its slices (those are in `trace`). */
export type RecordingMeta = Omit<Recording, 'slices'>;

export interface Recorded {
  /** What CPython did: source 'measured', one acquire/release per slice. */
  readonly trace: Trace;
  /** What the model predicts for the same threads (each thread's measured CPU time). */
  readonly model: Trace;
  readonly meta: RecordingMeta;
  /** Median slice vs switch interval, wall vs model: the figures behind "reality matches the model". */
  readonly report: Report;
}

const cache = new Map<RecordedVersion, Recorded>();

export function recordedTrace(version: RecordedVersion): Recorded {
  let found = cache.get(version);
  if (found === undefined) {
    const recording = parseRecording(DATA[version]);
    const { slices: _, ...meta } = recording;
    found = { trace: measuredTrace(recording), model: modelTrace(recording), meta, report: compare(recording) };
    cache.set(version, found);
  }
  return found;
}
