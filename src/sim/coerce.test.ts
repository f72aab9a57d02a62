import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceChoice, coerceNumber, type NumberRule } from './coerce.ts';

const interval: NumberRule = { label: 'Switch interval (ms)', min: 0.5, max: 50, decimals: 2 };
const threads: NumberRule = { label: 'Threads', min: 1, max: 8, decimals: 0 };

describe('coerceNumber', () => {
  it('keeps good values silently and words every change with the label', () => {
    const notices: string[] = [];
    expect(coerceNumber(interval, '0.75', 5, notices)).toBe(0.75);
    expect(coerceNumber(threads, undefined, 4, notices)).toBe(4);
    expect(notices).toEqual([]);
    expect(coerceNumber(threads, '2.6', 4, notices)).toBe(3);
    expect(coerceNumber(threads, '-1', 4, notices)).toBe(1);
    expect(coerceNumber(interval, '0.123', 5, notices)).toBe(0.5);
    expect(coerceNumber(interval, '', 5, notices)).toBe(5);
    expect(notices).toEqual([
      'Threads: 2.6 is not a whole number; using 3.',
      'Threads: -1 is outside 1–8; using 1.',
      'Switch interval (ms): 0.123 has more than 2 decimals; using 0.12.',
      'Switch interval (ms): 0.12 is outside 0.5–50; using 0.5.',
      'Switch interval (ms): "" is not a number; using 5.',
    ]);
  });

  it('always returns a value within the rule, with short notices, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 2000 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
        (raw) => {
          const notices: string[] = [];
          const v = coerceNumber(interval, raw, 5, notices);
          expect(v).toBeGreaterThanOrEqual(0.5);
          expect(v).toBeLessThanOrEqual(50);
          for (const n of notices) expect(n.length).toBeLessThan(120);
        },
      ),
    );
  });
});

describe('coerceChoice', () => {
  it('takes an option or says which ones there are', () => {
    const notices: string[] = [];
    expect(coerceChoice('Work', 'io', ['cpu', 'io'] as const, 'cpu', notices)).toBe('io');
    expect(coerceChoice('Work', 'gpu', ['cpu', 'io'] as const, 'cpu', notices)).toBe('cpu');
    expect(notices).toEqual(['Work: "gpu" is not one of cpu, io; using cpu.']);
  });
});
