import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type FrameLocator } from '@playwright/test';
import { redirects } from '../astro.config.mjs';
import { axeViolations, gotoInTheme, publishedPaths, sections, type Theme } from './site';

const ANCHORS = new URL('../src/anchors.json', import.meta.url);

interface AnchorList {
  readonly $comment: string;
  readonly pages: Record<string, string[]>;
}

/** The ids a course may link: headings, and demos that have an id. */
const linkableIds = (): string[] =>
  [
    ...document.querySelectorAll(
      'main :is(h1, h2, h3, h4, h5, h6, gil-timeline, timing-lab, race-stepper)[id], main .anchor-alias[id]',
    ),
  ].map((e) => e.id);

test('every published page and heading id in src/anchors.json still works (UPDATE_ANCHORS=1 adds new ones)', async ({
  page,
}) => {
  const list = JSON.parse(readFileSync(ANCHORS, 'utf8')) as AnchorList;
  if (process.env.UPDATE_ANCHORS) {
    // Only ever adds: a published link stays in the list for good.
    for (const path of publishedPaths()) {
      await page.goto(path);
      const ids = new Set([...(list.pages[path] ?? []), ...(await page.evaluate(linkableIds))]);
      list.pages[path] = [...ids].sort();
    }
    writeFileSync(ANCHORS, `${JSON.stringify(list, null, 2)}\n`);
  }
  expect(Object.keys(list.pages).length).toBeGreaterThanOrEqual(sections.length + 1);
  for (const [path, ids] of Object.entries(list.pages)) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} is served`).toBe(200);
    const to = (redirects as Record<string, string>)[path];
    if (to !== undefined) await page.waitForURL(`**${to}`);
    const present = new Set(await page.evaluate(linkableIds));
    const missing = ids.filter((id) => !present.has(id));
    expect(missing, `${path}: ids gone (rename? add the old id to src/anchor-aliases.json)`).toEqual([]);
  }
});

test('renamed headings keep their old links: the old id lands on the new heading', async ({ page }) => {
  const aliases = JSON.parse(readFileSync(new URL('../src/anchor-aliases.json', import.meta.url), 'utf8'))
    .pages as Record<string, Record<string, string>>;
  const pairs = Object.entries(aliases).flatMap(([path, map]) =>
    Object.entries(map).map(([from, to]) => ({ path, from, to })),
  );
  expect(pairs.length).toBeGreaterThan(0);
  for (const { path, from, to } of pairs) {
    await page.goto(`${path}#${from}`);
    const heading = page.locator(`[id="${to}"]`);
    await expect(heading.locator(`[id="${from}"]`), `${path}#${from} is on #${to}`).toHaveCount(1);
    await expect(heading).toBeInViewport();
  }
});

test('renamed pages redirect to their new address', async ({ page }) => {
  const entries = Object.entries(redirects as Record<string, string>);
  expect(entries.length).toBeGreaterThan(0);
  for (const [from, to] of entries) {
    await page.goto(from);
    await page.waitForURL(`**${to}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  // A heading link through the old address lands on the heading.
  await page.goto('/free-threading/');
  await page.waitForURL('**/free-threaded-python/');
  const ids = JSON.parse(readFileSync(ANCHORS, 'utf8')).pages['/free-threaded-python/'] as string[];
  expect(ids.length).toBeGreaterThan(2);
});

test('the copy-link button copies the heading URL and says so', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/gil-basics/');
  const heading = page.locator('main .prose h2').nth(1);
  const id = (await heading.getAttribute('id'))!;
  const text = (await heading.innerText()).trim();
  const button = page.getByRole('button', { name: `Copy link to section: ${text}` });
  await button.focus();
  await expect(button).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(
    page
      .locator('.heading-wrapper')
      .filter({ has: page.locator(`#${id}`) })
      .getByRole('status'),
  ).toHaveText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/gil-basics/#${id}`);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  test('copy-link and search are not offered', async ({ page }) => {
    await page.goto('/gil-basics/');
    await expect(page.locator('[data-copy-link]').first()).toBeHidden();
    await expect(page.locator('[data-search-open]')).toBeHidden();
  });
});

test('Share and Embed give the current state, and the link opens exactly that view', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/gil-basics/');
  const timeline = page.locator('gil-timeline').first();
  await timeline.scrollIntoViewIfNeeded();
  await timeline.getByLabel('Switch interval (ms)').fill('2');
  await timeline.getByLabel('Switch interval (ms)').dispatchEvent('change');
  await timeline.getByRole('button', { name: 'Next event' }).click();
  const cursor = await timeline.evaluate((el) => (el as HTMLElement & { cursor: number }).cursor);
  // The actions follow the demo.
  const actions = page.locator('gil-timeline + .share-actions').first();
  await actions.getByRole('button', { name: 'Share link' }).click();
  await expect(actions.getByRole('status')).toHaveText('Link copied to the clipboard');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${baseURL}/embed/timeline/?scenario=counter-4-threads&interval=2&t=${cursor / 1000}`);
  await actions.getByRole('button', { name: 'Embed' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain(`<iframe src="${link.replace('&', '&amp;').replace('&t', '&amp;t')}"`);

  await page.goto(link);
  const embedded = page.locator('gil-timeline');
  await expect(embedded.getByLabel('Switch interval (ms)')).toHaveValue('2');
  await expect.poll(() => embedded.evaluate((el) => (el as HTMLElement & { cursor: number }).cursor)).toBe(cursor);
  await expect(page.locator('[data-embed-notice]')).toBeHidden();

  // A link names only what the reader changed; the rest is the scenario's (convoy: mixed work).
  await page.goto('/gil-and-io/');
  const convoy = page.locator('gil-timeline').nth(1);
  await convoy.scrollIntoViewIfNeeded();
  await convoy.getByLabel('Threads').fill('4');
  await convoy.getByLabel('Threads').dispatchEvent('change');
  const title = await convoy.locator('.gt-canvas').getAttribute('aria-label');
  expect(title).toBe('Timeline: 4 threads with the GIL, mixed CPU and I/O work');
  await page.locator('gil-timeline + .share-actions').nth(1).getByRole('button', { name: 'Share link' }).click();
  const convoyLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(convoyLink).toBe(`${baseURL}/embed/timeline/?scenario=convoy&threads=4`);
  await page.goto(convoyLink);
  await expect(page.locator('gil-timeline .gt-canvas')).toHaveAttribute('aria-label', title!);
  await expect(page.locator('gil-timeline').getByLabel('Work', { exact: true })).toHaveValue('mixed');

  // The stepper's step.
  await page.goto('/gil-basics/');
  const stepper = page.locator('race-stepper');
  await stepper.scrollIntoViewIfNeeded();
  await stepper.getByRole('button', { name: 'Step', exact: true }).click();
  await stepper.getByRole('button', { name: 'Step', exact: true }).click();
  await page.locator('race-stepper + .share-actions').getByRole('button', { name: 'Share link' }).click();
  const raceLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(raceLink).toContain('/embed/race-stepper/?step=2&');
  await page.goto(raceLink);
  await expect
    .poll(() =>
      page.locator('race-stepper').evaluate((el) => (el as HTMLElement & { state: { step: number } }).state.step),
    )
    .toBe(2);
});

test.describe('embedded in a page on another origin', () => {
  let server: Server;
  let host = '';

  test.beforeAll(async ({}, info) => {
    const site = info.project.use.baseURL!;
    // The page a course author writes: iframes from the README plus its auto-sizing script.
    const frames: Record<string, string> = {
      timeline: '/embed/timeline/?scenario=convoy&t=3',
      lab: '/embed/timing-lab/?tasks=2',
      stepper: '/embed/race-stepper/?step=3',
      bad1: '/embed/timeline/?threads=-1&interval=NaN&scenario=%3Cscript%3Ealert(1)%3C/script%3E&nonsense=1',
      bad2: '/embed/timeline/?threads=1e9',
      bad3: '/embed/timing-lab/?tasks=-1&interval=NaN',
      bad4: '/embed/race-stepper/?step=1e9&switch=%3Cscript%3E',
    };
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const script = /```html\n(<script>[\s\S]*?<\/script>)\n```/.exec(
      readme.slice(readme.indexOf('## Embedding demos')),
    )?.[1];
    if (script === undefined) throw new Error('README.md has no host-page script under "Embedding demos"');
    const html = `<!doctype html><title>Course</title><h1>Course</h1>${Object.entries(frames)
      .map(
        ([id, path]) =>
          `<iframe id="${id}" src="${site}${path}" title="${id}" width="100%" height="150" style="border:0"></iframe>`,
      )
      .join('\n')}${script.replaceAll('https://gil.example.org', new URL(site).origin)}`;
    server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const notice = (frame: FrameLocator) => frame.locator('[data-embed-notice]');

  test('every embed loads, auto-sizes and reports bad parameters as text', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(host);
    expect(new URL(host).origin).not.toBe(new URL(baseURL!).origin);

    for (const id of ['timeline', 'lab', 'stepper', 'bad1', 'bad2', 'bad3', 'bad4']) {
      const iframe = page.locator(`iframe#${id}`);
      await iframe.scrollIntoViewIfNeeded();
      // Auto-sized: the host set the frame to the height of the embed's content.
      await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0, { message: id }).toBeGreaterThan(300);
      // The demo may still be growing as its code loads: the frame follows it.
      const root = page.frameLocator(`iframe#${id}`).locator('[data-embed-root]');
      await expect
        .poll(
          async () =>
            Math.abs(
              (await iframe.boundingBox())!.height - (await root.evaluate((e) => e.getBoundingClientRect().height)),
            ),
          { message: id },
        )
        .toBeLessThanOrEqual(2);
      await expect(page.frameLocator(`iframe#${id}`).getByRole('link', { name: /read the section/ })).toBeVisible();
    }

    const timeline = page.frameLocator('#timeline');
    await expect(timeline.locator('gil-timeline [data-gt="caption"]')).toContainText('convoy', { ignoreCase: true });
    await expect(notice(timeline)).toBeHidden();

    const bad1 = page.frameLocator('#bad1');
    await expect(notice(bad1)).toBeVisible();
    await expect(notice(bad1)).toContainText('Threads: -1 is outside 1–8; using 1.');
    await expect(notice(bad1)).toContainText('Switch interval (ms): "NaN" is not a number');
    await expect(notice(bad1)).toContainText('scenario: "<script>alert(1)</script…" is not a scenario');
    await expect(notice(bad1)).not.toContainText('nonsense');
    await expect(bad1.locator('[data-embed-notice] script')).toHaveCount(0);
    await expect(bad1.getByRole('spinbutton', { name: 'Threads' })).toHaveValue('1');
    await expect(notice(page.frameLocator('#bad2'))).toContainText('Threads: 1000000000 is outside 1–8; using 8.');
    await expect(page.frameLocator('#bad2').getByRole('spinbutton', { name: 'Threads' })).toHaveValue('8');
    await expect(notice(page.frameLocator('#bad3'))).toContainText('Tasks');
    await expect(page.frameLocator('#bad3').getByLabel('Tasks')).not.toHaveValue('-1');
    await expect(notice(page.frameLocator('#bad4'))).toContainText('"step-1e9" is not a step number');
    await expect(notice(page.frameLocator('#bad4'))).toContainText('"switch-<script>" is not a switch point');

    // The timing lab cannot be isolated in a cross-origin frame: it says so, shows the model's
    // prediction and links to itself in a new tab, with the same settings.
    const lab = page.frameLocator('#lab');
    await expect(lab.locator('[data-tl="isolation"]')).toContainText('cannot run here');
    await expect(lab.locator('[data-tl="model"] svg')).toBeVisible();
    const open = lab.getByRole('link', { name: 'Open the timing lab in a new tab, where it can run' });
    await expect(open).toHaveAttribute('target', '_blank');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toContain('/embed/timing-lab/?');
    expect(new URL(tab.url()).searchParams.get('tasks')).toBe('2');
    await expect(tab.locator('[data-tl="run"]')).toBeEnabled();
  });
});

test('embeds are noindex and left out of the sitemap', async ({ page }) => {
  expect(publishedPaths().some((p) => p.includes('/embed/') || p in redirects)).toBe(false);
  for (const demo of ['timeline', 'timing-lab', 'race-stepper']) {
    await page.goto(`/embed/${demo}/`);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await expect(page.locator('.site-header')).toHaveCount(0);
  }
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds no WCAG 2.2 AA violation on the embeds, with notices, or in the share and search UI (${theme})`, async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const failures: string[] = [];
    const check = async (where: string): Promise<void> => {
      failures.push(...(await axeViolations(page, theme)).map((v) => `${where}: ${v}`));
    };
    for (const path of ['/embed/timeline/?threads=-1', '/embed/timing-lab/?tasks=-1', '/embed/race-stepper/?step=x']) {
      await gotoInTheme(page, path, theme);
      await expect(page.locator('[data-embed-notice]')).toBeVisible();
      await expect(page.locator('.share-actions')).toBeVisible();
      await page.locator('.share-actions').getByRole('button', { name: 'Embed' }).click();
      await check(path);
    }
    await gotoInTheme(page, '/gil-basics/', theme);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Words to find' }).fill('switch interval');
    await expect(page.getByRole('dialog').getByRole('link').first()).toBeVisible();
    await check('search');
    expect(failures).toEqual([]);
  });
}
