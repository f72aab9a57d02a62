/**
 * Ids unique within one page, counted per page: Astro.locals is one object per page render, so
 * every page numbers its demos from 1 whatever was built before it.
 */
export function pageId(locals: { idCounts?: Record<string, number> }, prefix: string): string {
  const counts = (locals.idCounts ??= {});
  counts[prefix] = (counts[prefix] ?? 0) + 1;
  return `${prefix}${counts[prefix]}`;
}
