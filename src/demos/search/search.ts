/**
 * The search dialog, loaded when the reader first opens search. It queries the Pagefind index the
 * build wrote into /pagefind/ on this site (no other origin) and links each hit to its heading.
 */
import { withBase } from '../kit/url.ts';
import { toHit, type PagefindData } from './results.ts';
import './search.css';

interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

/** Pages listed per search. */
const RESULTS_MAX = 8;

let dialog: HTMLDialogElement | null = null;
let pagefind: Promise<Pagefind> | null = null;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ withBase('pagefind/pagefind.js')).then(async (m: Pagefind) => {
    // The index stores paths from the build's root; results must link under the site's base path.
    await m.options({ baseUrl: withBase('/') });
    await m.init();
    return m;
  });
  return pagefind;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function build(opener: HTMLElement): HTMLDialogElement {
  const box = el('dialog', { className: 'search-dialog' });
  box.setAttribute('aria-labelledby', 'search-title');
  const title = el('h2', { id: 'search-title', textContent: 'Search the site' });
  const close = el('button', { type: 'button', className: 'search-close', textContent: 'Close' });
  const label = el('label', { htmlFor: 'search-input', textContent: 'Words to find' });
  const input = el('input', { type: 'search', id: 'search-input', autocomplete: 'off', spellcheck: false });
  const status = el('p', { className: 'search-status' });
  status.setAttribute('role', 'status');
  const list = el('ol', { className: 'search-results' });
  box.append(el('div', { className: 'search-top' }), label, input, status, list);
  box.firstElementChild!.append(title, close);
  // Focus goes back to the search button, unless the reader followed a result to its heading.
  let followed = false;
  box.addEventListener('close', () => {
    if (!followed) opener.focus();
    followed = false;
  });
  close.addEventListener('click', () => box.close());
  // A search field eats the first Escape (it clears the field): Escape always closes here.
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    box.close();
  });
  // A click on the backdrop (outside the box) closes it.
  box.addEventListener('click', (e) => e.target === box && box.close());
  list.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a') === null) return;
    followed = true;
    box.close();
  });

  let latest = 0;
  input.addEventListener('input', async () => {
    const term = input.value.trim();
    const ticket = ++latest;
    if (term === '') {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const found = await (await loadPagefind()).debouncedSearch(term);
      // A newer search replaced this one (debounced searches resolve to null).
      if (found === null || ticket !== latest) return;
      const hits = (await Promise.all(found.results.slice(0, RESULTS_MAX).map((r) => r.data()))).map((d) =>
        toHit(d, term),
      );
      if (ticket !== latest) return;
      list.replaceChildren(
        ...hits.map((hit) => {
          const item = el('li');
          item.append(el('p', { className: 'search-page', textContent: hit.page }));
          const links = el('ul');
          for (const link of hit.links) {
            const li = el('li');
            li.append(
              el('a', { href: link.url, textContent: link.title }),
              el('p', { className: 'search-excerpt', textContent: link.excerpt }),
            );
            links.append(li);
          }
          item.append(links);
          return item;
        }),
      );
      const more = found.results.length > RESULTS_MAX ? ` (showing the first ${RESULTS_MAX})` : '';
      status.textContent =
        hits.length === 0
          ? `Nothing found for “${term}”.`
          : `${found.results.length} ${found.results.length === 1 ? 'page' : 'pages'} found${more}.`;
    } catch {
      status.textContent =
        'Search is not available here: its index is written by the production build (npm run build).';
    }
  });
  document.body.append(box);
  return box;
}

/** Opens the dialog; `typed` is what the reader typed while this module loaded. */
export function openSearch(opener: HTMLElement, typed = ''): void {
  dialog ??= build(opener);
  if (dialog.open) return;
  dialog.showModal();
  const input = dialog.querySelector('input')!;
  input.select();
  if (typed !== '') {
    input.value = typed;
    input.dispatchEvent(new Event('input'));
  }
  void loadPagefind().catch(() => undefined);
}
