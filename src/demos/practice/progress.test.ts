import { describe, expect, it } from 'vitest';
import {
  clearProgress,
  describeProgress,
  EMPTY,
  parseProgress,
  readProgress,
  STORAGE_KEY,
  storageWorks,
  withAnswer,
  withHints,
  writeProgress,
} from './progress.ts';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
  removeItem(k: string): void {
    this.data.delete(k);
  }
}

const refusing = {
  getItem(): never {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem(): never {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem(): never {
    throw new DOMException('blocked', 'SecurityError');
  },
};

describe('parseProgress', () => {
  it('reads what writeProgress wrote', () => {
    const storage = new MemoryStorage();
    const p = withAnswer(withHints(EMPTY, 'problem-2', 2), 'task-classes/json', 'cpu-gil');
    expect(writeProgress(p, storage)).toBe(true);
    expect(storage.data.has(STORAGE_KEY)).toBe(true);
    expect(readProgress(storage)).toEqual(p);
  });

  it('treats anything malformed as no progress, keeping only well-formed entries', () => {
    expect(parseProgress(null)).toEqual(EMPTY);
    expect(parseProgress('not json')).toEqual(EMPTY);
    expect(parseProgress('[]')).toEqual(EMPTY);
    expect(parseProgress('null')).toEqual(EMPTY);
    expect(
      parseProgress(
        JSON.stringify({
          hints: { 'problem-2': 1, 'problem-3': -1, 'problem-4': 1.5, 'problem-5': 99, '<x>': 1, 'problem-6': '2' },
          answers: {
            'task-classes/json': 'cpu-gil',
            'task-classes/zlib': '<b>',
            'bad key': 'io',
            'task-classes/re': 3,
          },
        }),
      ),
    ).toEqual({ hints: { 'problem-2': 1 }, answers: { 'task-classes/json': 'cpu-gil' } });
  });
});

describe('storage that refuses', () => {
  it('reads as empty, writes report failure, and nothing throws', () => {
    expect(readProgress(refusing)).toEqual(EMPTY);
    expect(writeProgress(EMPTY, refusing)).toBe(false);
    expect(() => clearProgress(refusing)).not.toThrow();
    expect(storageWorks(refusing)).toBe(false);
    expect(readProgress(undefined)).toEqual(EMPTY);
    expect(writeProgress(EMPTY, undefined)).toBe(false);
    expect(storageWorks(undefined)).toBe(false);
  });

  it('probes working storage without leaving anything behind', () => {
    const storage = new MemoryStorage();
    expect(storageWorks(storage)).toBe(true);
    expect(storage.data.size).toBe(0);
  });
});

describe('clearProgress', () => {
  it('removes the key', () => {
    const storage = new MemoryStorage();
    writeProgress(withHints(EMPTY, 'problem-2', 1), storage);
    clearProgress(storage);
    expect(storage.data.size).toBe(0);
    expect(readProgress(storage)).toEqual(EMPTY);
  });
});

describe('describeProgress', () => {
  it('counts answers and hints', () => {
    expect(describeProgress(EMPTY)).toBe('Nothing saved yet.');
    const p = withHints(withHints(withAnswer(EMPTY, 'a/b', 'io'), 'problem-2', 2), 'problem-3', 1);
    expect(describeProgress(p)).toBe('Saved in this browser: 1 answer and 3 hints shown.');
    expect(describeProgress(withHints(EMPTY, 'problem-2', 0))).toBe('Nothing saved yet.');
    expect(describeProgress(withHints(EMPTY, 'problem-2', 1))).toBe('Saved in this browser: 1 hint shown.');
    expect(describeProgress(withAnswer(EMPTY, 'a/b', 'io'))).toBe('Saved in this browser: 1 answer.');
  });
});
