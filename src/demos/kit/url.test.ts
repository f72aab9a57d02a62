import { describe, expect, it } from 'vitest';
import { withBase } from './url';

describe('withBase', () => {
  it('leaves root-hosted paths alone', () => {
    expect(withBase('/gil-basics/', '/')).toBe('/gil-basics/');
    expect(withBase('', '/')).toBe('/');
  });
  it('prefixes a sub-path, with or without its trailing slash', () => {
    expect(withBase('/gil-basics/', '/course/')).toBe('/course/gil-basics/');
    expect(withBase('gil-basics/#x', '/course')).toBe('/course/gil-basics/#x');
    expect(withBase('/', '/course/')).toBe('/course/');
  });
});
