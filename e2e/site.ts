import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The article's sections, in its order: the site must keep both titles and order. */
export const sections = [
  { slug: 'introduction', title: 'Introduction' },
  { slug: 'gil-basics', title: 'GIL Basics' },
  { slug: 'threading-vs-multiprocessing', title: 'Threading vs Multiprocessing' },
  { slug: 'gil-and-io', title: 'GIL and I/O' },
  { slug: 'why-the-gil-exists', title: 'Why the GIL Exists' },
  { slug: 'working-around-the-gil', title: 'Working Around the GIL' },
  { slug: 'free-threaded-python', title: 'Free-threaded Python' },
  { slug: 'practice-problems', title: 'Practice Problems' },
] as const;

/** Every page the built site publishes, as paths, read from the sitemap the build wrote. */
export function publishedPaths(): string[] {
  const xml = readFileSync(`${process.env.E2E_DIST ?? 'dist'}/sitemap-0.xml`, 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

export type Theme = 'light' | 'dark';

/** Opens a page in the given theme the way a reader gets it: through the system preference. */
export async function gotoInTheme(page: Page, path: string, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
}

/** Collects what a reader's console would show as a problem: errors, warnings and uncaught exceptions. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/**
 * Every script the page fetches, as gzipped bytes by URL. `loaded()` waits for the bodies still being
 * read, so a script that arrived is never missed. A worker's script is reported with no body: it is
 * left out, and callers that weigh workers fetch them themselves.
 */
export function watchScripts(page: Page): { loaded(): Promise<Map<string, number>> } {
  const sizes = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const read = response.body().then(
      (body) => void sizes.set(response.url(), gzipSync(body).length),
      () => undefined,
    );
    pending.add(read);
    void read.finally(() => pending.delete(read));
  });
  return {
    loaded: async () => {
      while (pending.size > 0) await Promise.all(pending);
      return new Map(sizes);
    },
  };
}

/** Gzipped bytes of the page's inline scripts. */
export async function inlineScriptBytes(page: Page): Promise<number> {
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''),
  );
  return inline.reduce((sum, s) => sum + gzipSync(s).length, 0);
}

export const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

/** axe-core's tags for WCAG 2.2 levels A and AA. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The rules whose outcome a colour theme can change. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * WCAG 2.2 AA violations on the page (or only within `include`), one line each. The themes differ
 * only in colour, so the dark run checks the colour rules and leaves the rest, on the same DOM, to
 * the light run (the tests do both): that halves what axe costs the suite.
 */
export async function axeViolations(page: Page, theme: Theme, include: readonly string[] = []): Promise<string[]> {
  let axe = new AxeBuilder({ page });
  for (const selector of include) axe = axe.include(selector);
  axe = theme === 'dark' ? axe.withRules(COLOUR_RULES) : axe.withTags(WCAG_22_AA);
  const { violations } = await axe.analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}
