import { describe, expect, it } from 'vitest';
import { suffixIds } from './unique-ids.ts';

/** A stand-in for an element: an id and attributes. */
function el(attrs: Record<string, string>) {
  const a = new Map(Object.entries(attrs));
  return {
    get id() {
      return a.get('id') ?? '';
    },
    getAttribute: (n: string) => a.get(n) ?? null,
    setAttribute: (n: string, v: string) => void a.set(n, v),
    attrs: a,
  };
}

describe('suffixIds', () => {
  it('renames ids and every reference to them, and leaves other values alone', () => {
    const root = el({ 'data-uid': 'gt7' });
    const label = el({ for: 'gt7-speed' });
    const select = el({ id: 'gt7-speed', 'aria-describedby': 'gt7-keys other' });
    const keys = el({ id: 'gt7-keys' });
    const link = el({ href: '#gt7-keys' });
    const away = el({ href: 'https://example.org/#x' });
    suffixIds([root, label, select, keys, link, away], '-b');
    expect(Object.fromEntries(root.attrs)).toEqual({ 'data-uid': 'gt7-b' });
    expect(label.getAttribute('for')).toBe('gt7-speed-b');
    expect(select.id).toBe('gt7-speed-b');
    expect(select.getAttribute('aria-describedby')).toBe('gt7-keys-b other');
    expect(link.getAttribute('href')).toBe('#gt7-keys-b');
    expect(away.getAttribute('href')).toBe('https://example.org/#x');
  });

  it('makes two clones of one template share no id', () => {
    const clone = () => [el({ 'data-uid': 'gt1' }), el({ id: 'gt1-title' }), el({ id: 'gt1-scrub' })];
    const a = clone();
    const b = clone();
    suffixIds(a, '-tl1');
    suffixIds(b, '-tl2');
    const ids = [...a, ...b].map((e) => e.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
