// Byte budgets per page, read from the built files (bytes are deterministic; no browser needed).
// Every page: HTML ≤ 30 KB and CSS ≤ 15 KB gzipped; JavaScript that runs before any interaction
// ≤ 5 KB, and only the site-wide script on pages without a demo; each demo's code (everything it
// imports once visible, workers included) ≤ 25 KB more. A module a demo imports only later (the
// lab's result timelines after a run) is weighed as an entry of its own.
import { expect, test } from '@playwright/test';
import { posix } from 'node:path';
import {
  builtPages,
  gzipBytes,
  gzippedTotal,
  inlineScripts,
  isRedirectStub,
  moduleReferences,
  scriptSources,
  staticClosure,
  styles,
} from './support/built-site';

const KB = 1024;
const BUDGET = { html: 30 * KB, css: 15 * KB, jsBefore: 5 * KB, demo: 25 * KB };
const pages = builtPages().filter((p) => !isRedirectStub(p));
const upFront = (html: string) => staticClosure(scriptSources(html));
/** Modules every page loads (the theme and site script): allowed on pages without a demo. */
const siteWide = pages
  .filter((p) => !p.path.startsWith('/embed/'))
  .map((p) => upFront(p.html))
  .reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
const hasDemo = (html: string) => /<[a-z]+-[a-z-]+[\s>]/.test(html);
const name = (path: string) => posix.basename(path).replace(/\.[\w-]+\.js$/, '');

test('there are pages to weigh', () => {
  expect(pages.length).toBeGreaterThan(5);
  expect(siteWide.size).toBeGreaterThan(0);
});

for (const { path, html } of pages) {
  test(`${path} is within its byte budgets`, () => {
    const htmlBytes = gzipBytes(html);
    const css = styles(html);
    const cssBytes = gzippedTotal(css.hrefs) + css.inline.reduce((sum, s) => sum + gzipBytes(s), 0);
    const modules = upFront(html);
    const inline = inlineScripts(html);
    const jsBefore = gzippedTotal(modules) + inline.reduce((sum, s) => sum + gzipBytes(s), 0);
    // Each module imported later (a demo's element, the search dialog), found transitively: its
    // cost is what it adds to the page (its static imports and its workers).
    const entries: string[] = [];
    const queue = [...modules];
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      for (const e of moduleReferences(m).dynamicImports) {
        if (modules.has(e) || entries.includes(e)) continue;
        entries.push(e);
        queue.push(...staticClosure([e]));
      }
    }
    const demos = entries.map((e) => {
      const own = staticClosure([e]);
      const workers = [...own].flatMap((m) => moduleReferences(m).workers);
      return {
        name: name(e),
        bytes: gzippedTotal([...staticClosure([...own, ...workers])].filter((x) => !modules.has(x))),
      };
    });
    const report = `${path}: HTML ${htmlBytes} B, CSS ${cssBytes} B, JS before interaction ${jsBefore} B (${inline.length} inline), ${demos
      .map((d) => `${d.name} +${d.bytes} B`)
      .join(', ')}`;
    test.info().annotations.push({ type: 'bytes (gzip)', description: report });
    console.log(report);

    expect(htmlBytes, `${path}: HTML gzipped`).toBeLessThanOrEqual(BUDGET.html);
    expect(cssBytes, `${path}: CSS gzipped`).toBeLessThanOrEqual(BUDGET.css);
    expect(jsBefore, `${path}: JS before any interaction, gzipped`).toBeLessThanOrEqual(BUDGET.jsBefore);
    if (!hasDemo(html)) {
      expect(
        [...modules].filter((m) => !siteWide.has(m)),
        `${path} has no demo, so loads only the site-wide script`,
      ).toEqual([]);
    }
    for (const demo of demos)
      expect(demo.bytes, `${path}: ${demo.name} once visible, gzipped`).toBeLessThanOrEqual(BUDGET.demo);
  });
}
