import { describe, expect, it } from 'vitest';
import { pageId } from './page-ids.ts';

describe('pageId', () => {
  it('numbers each prefix from 1 on every page', () => {
    const first = {};
    expect([pageId(first, 'gt'), pageId(first, 'gt'), pageId(first, 'rs')]).toEqual(['gt1', 'gt2', 'rs1']);
    expect(pageId({}, 'gt')).toBe('gt1');
  });
});
