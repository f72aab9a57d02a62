import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countUpTo } from './search.ts';

describe('countUpTo', () => {
  it('counts the items at or before t (inclusive), or strictly before it', () => {
    const times = [0, 5, 5, 9];
    const at = (i: number): number => times[i] as number;
    expect([countUpTo(4, at, -1), countUpTo(4, at, 5), countUpTo(4, at, 6), countUpTo(4, at, 99)]).toEqual([
      0, 3, 3, 4,
    ]);
    expect(countUpTo(4, at, 5, false)).toBe(1);
  });

  it('agrees with a linear count on any sorted list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 })),
        fc.integer({ min: -60, max: 60 }),
        fc.boolean(),
        (xs, t, inclusive) => {
          const times = [...xs].sort((a, b) => a - b);
          const linear = times.filter((x) => x < t || (inclusive && x === t)).length;
          expect(countUpTo(times.length, (i) => times[i] as number, t, inclusive)).toBe(linear);
        },
      ),
    );
  });
});
