import { describe, expect, it } from 'vitest';
import { parseTheme, readStoredTheme, storeTheme } from './theme';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('theme choice', () => {
  it('accepts only light and dark; anything else follows the system', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('blue')).toBe('auto');
    expect(parseTheme(null)).toBe('auto');
  });
  it('round-trips through storage, and auto clears it', () => {
    const s = memoryStorage();
    storeTheme('dark', s);
    expect(readStoredTheme(s)).toBe('dark');
    storeTheme('auto', s);
    expect(s.getItem('theme')).toBeNull();
    expect(readStoredTheme(s)).toBe('auto');
  });
  it('survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readStoredTheme(throwing)).toBe('auto');
    expect(() => storeTheme('light', throwing)).not.toThrow();
  });
  it('survives a browser where even touching localStorage throws', () => {
    const desc = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new Error('SecurityError');
      },
    });
    try {
      expect(readStoredTheme()).toBe('auto');
      expect(() => storeTheme('dark')).not.toThrow();
    } finally {
      if (desc) Object.defineProperty(globalThis, 'localStorage', desc);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
