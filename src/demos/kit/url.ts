/**
 * Joins the configured base path and a site-relative path, so the site works when it is
 * published under a sub-path (e.g. a GitHub project page).
 */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const p = path.replace(/^\/+/, '');
  return `${b}${p}`;
}
