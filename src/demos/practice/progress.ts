/**
 * What a reader has done on the practice page (hints opened, answers chosen), kept in
 * localStorage under one namespaced key. Storage can be missing, full or blocked (private modes,
 * sandboxed iframes): every access is guarded, and the page works the same without it.
 */
import { plural } from '../kit/text.ts';

export const STORAGE_KEY = 'gil-deep-dive:practice:v1';

/** Dispatched on document when progress changes, and when the reader resets it. */
export const CHANGE_EVENT = 'practice:change';
export const RESET_EVENT = 'practice:reset';

export interface Progress {
  /** Hints shown, per hint list (e.g. "problem-2": 2). */
  readonly hints: Readonly<Record<string, number>>;
  /** Chosen answer, per question ("task-classes/hash-file": "cpu-c"). */
  readonly answers: Readonly<Record<string, string>>;
}

export const EMPTY: Progress = { hints: {}, answers: {} };

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = /^[a-z0-9][a-z0-9/_-]{0,80}$/;

function entries<T>(value: unknown, valid: (v: unknown) => v is T): Record<string, T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(value)) if (KEY.test(k) && valid(v)) out[k] = v;
  return out;
}

/** Whatever is stored, only well-formed entries survive; anything else reads as no progress. */
export function parseProgress(raw: string | null | undefined): Progress {
  if (!raw) return EMPTY;
  try {
    const value = JSON.parse(raw) as { hints?: unknown; answers?: unknown };
    return {
      hints: entries(
        value?.hints,
        (v): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 50,
      ),
      answers: entries(value?.answers, (v): v is string => typeof v === 'string' && KEY.test(v)),
    };
  } catch {
    return EMPTY;
  }
}

function store(): Store | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // reading the property itself throws when storage is blocked
  }
}

export function readProgress(storage: Store | undefined = store()): Progress {
  try {
    return parseProgress(storage?.getItem(STORAGE_KEY));
  } catch {
    return EMPTY;
  }
}

/** False when the browser would not keep it: the page still works, it just forgets on reload. */
export function writeProgress(progress: Progress, storage: Store | undefined = store()): boolean {
  try {
    if (storage === undefined) return false;
    storage.setItem(STORAGE_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Whether this browser keeps what is written (probed with a throwaway key). */
export function storageWorks(storage: Store | undefined = store()): boolean {
  try {
    if (storage === undefined) return false;
    storage.setItem(`${STORAGE_KEY}:probe`, '1');
    storage.removeItem(`${STORAGE_KEY}:probe`);
    return true;
  } catch {
    return false;
  }
}

export function clearProgress(storage: Store | undefined = store()): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept, or nothing can be removed: either way the page starts over.
  }
}

export function withHints(progress: Progress, key: string, shown: number): Progress {
  return { ...progress, hints: { ...progress.hints, [key]: shown } };
}

export function withAnswer(progress: Progress, key: string, value: string): Progress {
  return { ...progress, answers: { ...progress.answers, [key]: value } };
}

/** A one-line account of what is saved, for the progress box. */
export function describeProgress(progress: Progress): string {
  const hints = Object.values(progress.hints).reduce((a, b) => a + b, 0);
  const answers = Object.keys(progress.answers).length;
  if (hints === 0 && answers === 0) return 'Nothing saved yet.';
  const parts = [answers > 0 ? plural(answers, 'answer') : '', hints > 0 ? `${plural(hints, 'hint')} shown` : ''];
  return `Saved in this browser: ${parts.filter(Boolean).join(' and ')}.`;
}
