/**
 * The run's events in shared memory. A worker reserves a slot with one atomic add, so slots are
 * in a single order that respects cause and effect across threads: a release is logged before
 * the GIL is unlocked and an acquire after it is locked, hence every acquire comes after the
 * release it follows. DOM-free.
 */
import type { ReleaseReason } from '../sim/types.ts';
import { now, WORD, type LabMemory } from './memory.ts';

export const LOG_KINDS = [
  'spawn',
  'wait',
  'drop_request',
  'acquire',
  'release',
  'io_start',
  'io_end',
  'dispatch',
  'finish',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

const REASONS: readonly ReleaseReason[] = ['forced', 'io', 'finish'];

export interface LogEntry {
  readonly thread: number;
  readonly kind: LogKind;
  /** Only on releases. */
  readonly reason?: ReleaseReason;
  /** ms on the shared clock (memory.ts `now`). */
  readonly time: number;
}

/** Appends one event; returns false (and records nothing) once the log is full. */
export function record(
  memory: LabMemory,
  thread: number,
  kind: LogKind,
  reason?: ReleaseReason,
  time = now(),
): boolean {
  const slot = Atomics.add(memory.words, WORD.count, 1);
  if (slot >= memory.capacity) return false;
  memory.times[slot] = time;
  const r = reason === undefined ? 0 : REASONS.indexOf(reason) + 1;
  // The atomic store publishes the slot; readers look only after every worker has finished.
  Atomics.store(memory.meta, slot, thread | (LOG_KINDS.indexOf(kind) << 8) | (r << 12));
  return true;
}

export interface LogContents {
  /** In slot order (see above). */
  readonly entries: LogEntry[];
  /** Events that did not fit. */
  readonly lost: number;
}

export function readLog(memory: LabMemory): LogContents {
  const count = Atomics.load(memory.words, WORD.count);
  const kept = Math.min(count, memory.capacity);
  const entries: LogEntry[] = [];
  for (let slot = 0; slot < kept; slot += 1) {
    const m = Atomics.load(memory.meta, slot);
    const kind = LOG_KINDS[(m >> 8) & 0xf] as LogKind;
    const r = (m >> 12) & 0xf;
    const entry: LogEntry = { thread: m & 0xff, kind, time: memory.times[slot] as number };
    entries.push(r === 0 ? entry : { ...entry, reason: REASONS[r - 1] as ReleaseReason });
  }
  return { entries, lost: count - kept };
}
