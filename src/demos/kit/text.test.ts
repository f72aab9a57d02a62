import { describe, expect, it } from 'vitest';
import { plural } from './text.ts';

describe('plural', () => {
  it('counts in the singular only for one', () => {
    expect([plural(0, 'thread'), plural(1, 'thread'), plural(4, 'thread')]).toEqual([
      '0 threads',
      '1 thread',
      '4 threads',
    ]);
    expect(plural(2, 'process', 'processes')).toBe('2 processes');
  });
});
