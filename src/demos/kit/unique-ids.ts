/** The attributes that name an element by id (or, for data-uid, an id prefix). */
const REFS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'href', 'data-uid'] as const;

interface El {
  readonly id: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

/**
 * Gives every id in a cloned fragment the suffix, and every reference to one of them, so that the
 * same template can be cloned more than once into one page (two labs share one replay template).
 */
export function suffixIds(elements: Iterable<El>, suffix: string): void {
  const all = [...elements];
  const ids = new Set(all.map((e) => e.id).filter((id) => id !== ''));
  const prefixes = new Set(all.map((e) => e.getAttribute('data-uid')).filter((u): u is string => u !== null));
  const rename = (id: string): string =>
    ids.has(id) || [...prefixes].some((p) => id === p || id.startsWith(`${p}-`)) ? `${id}${suffix}` : id;
  for (const e of all) {
    if (e.id !== '') e.setAttribute('id', rename(e.id));
    for (const name of REFS) {
      const value = e.getAttribute(name);
      if (value === null) continue;
      if (name === 'href') {
        if (value.startsWith('#')) e.setAttribute(name, `#${rename(value.slice(1))}`);
      } else if (name === 'data-uid') e.setAttribute(name, `${value}${suffix}`);
      else e.setAttribute(name, value.split(/\s+/).map(rename).join(' '));
    }
  }
}
