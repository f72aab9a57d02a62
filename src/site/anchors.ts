/**
 * Old heading ids that must keep working after a heading was renamed (src/anchor-aliases.json).
 * The published list of pages and ids that must not disappear is src/anchors.json (checked by e2e).
 */
import aliasFile from '../anchor-aliases.json';

export type AliasMap = { readonly [page: string]: { readonly [oldId: string]: string } };

/** The old ids that now lead to `id` on `page` (a site path like "/gil-basics/", without the base). */
export function aliasesOf(page: string, id: string, aliases: AliasMap = aliasFile.pages): string[] {
  return Object.entries(aliases[page] ?? {})
    .filter(([, to]) => to === id)
    .map(([from]) => from);
}

/** A request path without the configured base, so that aliases do not depend on where the site lives. */
export function sitePath(pathname: string, base: string = import.meta.env.BASE_URL): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return pathname.startsWith(b) ? `/${pathname.slice(b.length)}` : pathname;
}
