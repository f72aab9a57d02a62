/**
 * Reads the built site from disk (E2E_DIST, else dist/): its pages and what each one loads.
 * Bytes are deterministic, so budgets are checked here rather than by timing a browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIST = process.env.E2E_DIST ?? 'dist';

/** Gzipped size of some bytes or text, as a host compressing each file would send it. */
export const gzipBytes = (body: string | Uint8Array): number => gzipSync(body).length;

export interface BuiltPage {
  /** URL path, e.g. `/gil-basics/` or `/404.html`. */
  readonly path: string;
  readonly file: string;
  readonly html: string;
}

/** Every HTML page of the build, including 404, embeds and redirect stubs. */
export function builtPages(dist = DIST): BuiltPage[] {
  const pages: BuiltPage[] = [];
  for (const entry of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.html')) continue;
    const rel = entry.split('\\').join('/');
    const path =
      rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
    pages.push({ path, file: join(dist, rel), html: readFileSync(join(dist, rel), 'utf8') });
  }
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/** A redirect's stub page (Astro writes one per entry in `redirects`). */
export const isRedirectStub = (page: BuiltPage): boolean => /<meta http-equiv="refresh"/i.test(page.html);

/** Pages meant for readers and search engines: not 404, embeds or redirect stubs. */
export const isListedPage = (page: BuiltPage): boolean =>
  page.path !== '/404.html' && !page.path.startsWith('/embed/') && !isRedirectStub(page);

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The text of each inline script (JSON data blocks excluded: they do not run). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter((m) => attr(m[1] ?? '', 'src') === undefined && !/json/.test(attr(m[1] ?? '', 'type') ?? ''))
    .map((m) => m[2] ?? '');
}

/** Site paths of the external scripts a page loads itself. */
export const scriptSources = (html: string): string[] =>
  [...html.matchAll(/<script\s[^>]*>/g)].map((m) => attr(m[0], 'src')).filter((s): s is string => s !== undefined);

/** Site paths of a page's stylesheets, and the text of its inline styles. */
export function styles(html: string): { hrefs: string[]; inline: string[] } {
  const hrefs = [...html.matchAll(/<link\s[^>]*>/g)]
    .filter((m) => attr(m[0], 'rel') === 'stylesheet')
    .map((m) => attr(m[0], 'href')!)
    .filter(Boolean);
  const inline = [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
  return { hrefs, inline };
}

/** Reads a built file by its site path (builds under test use the root base path). */
export const readSiteFile = (sitePath: string, dist = DIST): Buffer =>
  readFileSync(join(dist, sitePath.split(/[?#]/)[0]!));

/** What a module pulls in: static imports load with it; dynamic imports and workers load later. */
export function moduleReferences(
  sitePath: string,
  dist = DIST,
): { staticImports: string[]; dynamicImports: string[]; workers: string[] } {
  const code = readSiteFile(sitePath, dist).toString('utf8');
  const dir = posix.dirname(sitePath);
  const all = (re: RegExp) => [
    ...new Set([...code.matchAll(re)].map((m) => (m[1]!.startsWith('/') ? m[1]! : posix.join(dir, m[1]!)))),
  ];
  // Minified output: static imports use quotes (`from"./x.js"`, `import"./x.js"`), dynamic ones
  // `import(` with any quote; workers are `new URL("/_astro/worker-….js", import.meta.url)`.
  return {
    staticImports: all(/(?:\bfrom|\bimport)\s*["']([./][^"']+\.js)["']/g),
    dynamicImports: all(/\bimport\(\s*[`"']([./][^`"']+\.js)[`"']\s*\)/g),
    workers: all(/new URL\(\s*[`"']([./][^`"']+\.js)[`"']/g),
  };
}

/** Modules with every module they statically import, transitively (what the browser fetches for them). */
export function staticClosure(entries: readonly string[], dist = DIST): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    moduleReferences(path, dist).staticImports.forEach(visit);
  };
  entries.forEach(visit);
  return seen;
}

/** Sum of each file's gzipped size (each is sent compressed on its own). */
export const gzippedTotal = (paths: Iterable<string>, dist = DIST): number =>
  [...paths].reduce((sum, p) => sum + gzipBytes(readSiteFile(p, dist)), 0);
