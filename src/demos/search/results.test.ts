import { describe, expect, it } from 'vitest';
import { plainText } from '../kit/plain-text.ts';
import { toHit } from './results.ts';

describe('toHit', () => {
  it('links the headings the term is under, as text', () => {
    const hit = toHit({
      url: '/gil-basics/',
      meta: { title: 'GIL Basics' },
      excerpt: 'x',
      sub_results: [
        { title: 'GIL Basics', url: '/gil-basics/', excerpt: 'top' },
        { title: 'The lock', url: '/gil-basics/#the-lock', excerpt: 'a <mark>mutex</mark> &amp; more' },
      ],
    });
    expect(hit).toEqual({
      page: 'GIL Basics',
      links: [{ title: 'The lock', url: '/gil-basics/#the-lock', excerpt: 'a mutex & more' }],
    });
  });

  it('falls back to the page', () => {
    expect(toHit({ url: '/a/', meta: {}, excerpt: '<b>x</b>' }).links).toEqual([
      { title: '/a/', url: '/a/', excerpt: 'x' },
    ]);
  });

  it('never returns markup', () => {
    expect(plainText('<img src=x onerror=alert(1)>&lt;script&gt;')).toBe('<script>');
  });
});

describe('toHit ranking', () => {
  it('puts the heading with the most matches first', () => {
    const sub = (id: string, n: number) => ({
      title: id,
      url: `/a/#${id}`,
      excerpt: '',
      locations: Array.from({ length: n }, (_, i) => i),
    });
    const hit = toHit({
      url: '/a/',
      meta: { title: 'A' },
      excerpt: '',
      sub_results: [sub('one', 1), sub('two', 3), sub('three', 2), sub('four', 1)],
    });
    expect(hit.links.map((l) => l.title)).toEqual(['two', 'three', 'one']);
  });

  it('puts headings whose title has the words first', () => {
    const sub = (title: string, n: number) => ({
      title,
      url: `/a/#${title.replace(/ /g, '-')}`,
      excerpt: '',
      locations: Array.from({ length: n }, (_, i) => i),
    });
    const hit = toHit(
      { url: '/a/', meta: {}, excerpt: '', sub_results: [sub('the convoy effect', 70), sub('releasing the GIL', 10)] },
      'Releasing the GIL',
    );
    expect(hit.links[0]?.title).toBe('releasing the GIL');
  });
});
