/** Pagefind's results as plain data for the search dialog (its excerpts carry <mark> HTML). */
import { plainText } from '../kit/plain-text.ts';

export interface PagefindSubResult {
  readonly title: string;
  readonly url: string;
  readonly excerpt: string;
  /** Where the words were found: more places, a better match. */
  readonly locations?: readonly number[];
}

export interface PagefindData {
  readonly url: string;
  readonly meta: { readonly title?: string };
  readonly excerpt: string;
  readonly sub_results?: readonly PagefindSubResult[];
}

export interface SearchHit {
  readonly page: string;
  /** Links to the headings the term is under (the page itself when it has none). */
  readonly links: readonly { readonly title: string; readonly url: string; readonly excerpt: string }[];
}

/** How many headings of one page to list. */
const LINKS_MAX = 3;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

/**
 * Headings ranked for a search: those whose title has more of the words first, then those where the
 * words occur more often (Pagefind counts every occurrence, "the" included).
 */
function score(sub: PagefindSubResult, term: readonly string[]): number {
  const title = new Set(words(sub.title));
  return term.filter((w) => title.has(w)).length * 10_000 + (sub.locations?.length ?? 0);
}

export function toHit(data: PagefindData, term = ''): SearchHit {
  const page = data.meta.title ?? data.url;
  const wanted = words(term);
  // Pagefind's first sub-result is the text above the first heading (on pages, the h1 "_top").
  const headed = (data.sub_results ?? [])
    .filter((s) => s.url.includes('#') && !s.url.endsWith('#_top'))
    .sort((a, b) => score(b, wanted) - score(a, wanted));
  const subs = headed.length > 0 ? headed.slice(0, LINKS_MAX) : [{ title: page, url: data.url, excerpt: data.excerpt }];
  return { page, links: subs.map((s) => ({ title: s.title, url: s.url, excerpt: plainText(s.excerpt) })) };
}
