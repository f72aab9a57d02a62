/**
 * The HTTP headers the site is served with (`npm start`, and public/_headers for static hosts;
 * a test keeps the two in step). Not part of the pages: read by the Node server and tests only.
 */

/** Cross-origin isolation for the timing lab (SharedArrayBuffer). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * The one inline script (the layouts' theme setter, which must run before first paint) by hash;
 * e2e/securing-the-site.spec.ts fails if the built pages' inline scripts no longer match.
 */
export const INLINE_SCRIPT_HASHES = ["'sha256-1MGuqiR0OqzAefuJ04g4GmEpt/edYRdrWv697f3i5hw='"];

const policy = (frameAncestors: string): string =>
  [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets search compile Pagefind's WebAssembly; it allows no JavaScript eval.
    `script-src 'self' 'wasm-unsafe-eval' ${INLINE_SCRIPT_HASHES.join(' ')}`,
    // Stylesheets only, no style attributes or <style> (code is coloured by classes; html-validate's
    // no-inline-style holds the built pages to it). Setting element.style from a script is allowed.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

/** Every page but the embeds: only this site may frame it. */
export const PAGE_CSP = policy("'self'");
/** /embed/ pages are made to be framed by any site (a course's pages). */
export const EMBED_CSP = policy('*');

/** The headers for one request path (`base` is the site's base path, e.g. `/` or `/gil/`). */
export function headersFor(pathname: string, base = '/'): Record<string, string> {
  const embed = pathname.startsWith(`${base.replace(/\/?$/, '/')}embed/`);
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': embed ? EMBED_CSP : PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}
