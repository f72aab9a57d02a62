// The site as `npm start` serves it (tools/serve.ts: per-path headers from
// tools/security-headers.ts): its strict Content-Security-Policy blocks nothing the site does,
// and only /embed/ pages may be framed by another site.
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersFor, INLINE_SCRIPT_HASHES } from '../tools/security-headers';
import { serveStatic, type StaticServer } from '../tools/static-server';
import { builtPages, DIST, inlineScripts, isRedirectStub } from './support/built-site';

let site: StaticServer;
test.beforeAll(async () => {
  site = await serveStatic(DIST, (path) => headersFor(path));
});
test.afterAll(async () => {
  await site.close();
});

/** Records every CSP violation the page reports, as event and as console message. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  return violations;
}

test('every inline script of the build is allowed by its hash', () => {
  const hashes = new Set(
    builtPages().flatMap((p) =>
      inlineScripts(p.html).map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`),
    ),
  );
  expect(hashes.size).toBeGreaterThan(0);
  for (const hash of hashes)
    expect(INLINE_SCRIPT_HASHES, 'update INLINE_SCRIPT_HASHES and public/_headers').toContain(hash);
});

test('no page reports a CSP violation, with every demo loaded, search used and the lab run', async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  for (const { path } of builtPages().filter((p) => !isRedirectStub(p))) {
    const res = await page.goto(`${site.url}${path}`);
    expect(res?.headers()['content-security-policy'], path).toContain("script-src 'self'");
    for (const demo of await page.locator('gil-timeline, race-stepper, timing-lab').all())
      await demo.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
  }
  await page.goto(`${site.url}/gil-basics/`);
  await page.keyboard.press('/');
  await page.getByRole('searchbox').fill('GIL');
  await expect(page.locator('[role="dialog"] a, dialog a').first()).toBeVisible();

  await page.goto(`${site.url}/threading-vs-multiprocessing/`);
  const lab = page.locator('timing-lab').first();
  await lab.scrollIntoViewIfNeeded();
  await lab.getByLabel('Tasks').fill('2');
  await lab.getByLabel('Work per task (million iterations)').fill('2');
  await lab.getByRole('button', { name: 'Run' }).click();
  await expect(lab.locator('[data-tl="status"]')).toContainText('Done', { timeout: 60_000 });
  expect(violations).toEqual([]);
});

test.describe('framing by another site', () => {
  let host: Server;
  let hostUrl: string;
  test.beforeAll(async () => {
    const html = `<!doctype html><title>Course</title>
<iframe id="embed" src="${site.url}/embed/race-stepper/" title="embed"></iframe>
<iframe id="page" src="${site.url}/gil-basics/" title="page"></iframe>`;
    host = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((ready) => host.listen(0, '127.0.0.1', ready));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => new Promise<void>((done) => host.close(() => done())));

  test('an /embed/ page may be framed cross-origin; a normal page may not', async ({ page }) => {
    const refused: string[] = [];
    page.on('console', (m) => /frame-ancestors/.test(m.text()) && refused.push(m.text()));
    await page.goto(hostUrl);
    expect(new URL(hostUrl).origin).not.toBe(new URL(site.url).origin);
    await expect(page.frameLocator('#embed').locator('[data-embed-root]')).toBeVisible();
    await expect.poll(() => refused.join('\n')).toContain("frame-ancestors 'self'");
    await expect(page.frameLocator('#page').locator('main')).toHaveCount(0);
  });
});

test('links to other sites cannot reach back to this page (rel="noopener")', () => {
  let external = 0;
  for (const { path, html } of builtPages()) {
    const own = new URL(/<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? 'http://localhost/').origin;
    for (const [a, href] of html.matchAll(/<a\s[^>]*href="((?:https?:)?\/\/[^"]*)"[^>]*>/g)) {
      if (new URL(href, own).origin === own) continue;
      external++;
      expect(a, path).toMatch(/\srel="[^"]*noopener/);
    }
  }
  expect(external, 'the prose cites its sources').toBeGreaterThan(10);
});
