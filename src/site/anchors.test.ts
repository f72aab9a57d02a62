import { describe, expect, it } from 'vitest';
import { aliasesOf, sitePath } from './anchors.ts';

describe('aliasesOf', () => {
  const map = { '/a/': { 'old-name': 'new-name', older: 'new-name', other: 'x' } };
  it('lists the old ids of a renamed heading', () => {
    expect(aliasesOf('/a/', 'new-name', map)).toEqual(['old-name', 'older']);
    expect(aliasesOf('/a/', 'unrenamed', map)).toEqual([]);
    expect(aliasesOf('/b/', 'new-name', map)).toEqual([]);
  });
});

describe('sitePath', () => {
  it('removes the base path', () => {
    expect(sitePath('/course/gil-basics/', '/course')).toBe('/gil-basics/');
    expect(sitePath('/gil-basics/', '/')).toBe('/gil-basics/');
  });
});
