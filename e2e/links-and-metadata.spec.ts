import { expect, test } from '@playwright/test';
import { publishedPaths, sections } from './site';

test('the sitemap lists the landing page and every section', () => {
  const paths = publishedPaths();
  expect(paths).toContain('/');
  for (const s of sections) expect(paths).toContain(`/${s.slug}/`);
});

test('every internal link and #anchor on every page resolves', async ({ page, request }) => {
  const idsByPath = new Map<string, Set<string>>();
  const idsOf = async (path: string) => {
    if (!idsByPath.has(path)) {
      const res = await request.get(path);
      expect(res.status(), `${path} is served`).toBe(200);
      const html = await res.text();
      idsByPath.set(path, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
    }
    return idsByPath.get(path)!;
  };
  const checked: string[] = [];
  for (const from of publishedPaths()) {
    await page.goto(from);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin) continue;
      if (/\.py$/.test(url.pathname)) {
        expect((await request.get(url.pathname)).status(), `${from} → ${url.pathname}`).toBe(200);
        continue;
      }
      const ids = await idsOf(url.pathname);
      if (url.hash)
        expect(ids.has(decodeURIComponent(url.hash.slice(1))), `${from} → ${url.pathname}${url.hash}`).toBe(true);
      checked.push(`${from} → ${url.pathname}${url.hash}`);
    }
  }
  expect(checked.length).toBeGreaterThan(50);
});

test('every page loads with no console error and no request to another origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  for (const path of publishedPaths()) {
    await page.goto(path, { waitUntil: 'networkidle' });
  }
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('title, description, canonical URL and Open Graph tags come from each page', async ({ page }) => {
  for (const s of sections) {
    await page.goto(`/${s.slug}/`);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description?.length).toBeGreaterThan(50);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', s.title);
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', description!);
    await expect(page.locator('.lede')).toHaveText(description!);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical!).pathname).toBe(`/${s.slug}/`);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', canonical!);
  }
});

test('the COOP/COEP headers the timing demos need are sent with every page', async ({ request }) => {
  for (const path of publishedPaths()) {
    const res = await request.get(path);
    expect(res.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(res.headers()['cross-origin-embedder-policy'], path).toBe('require-corp');
  }
});
