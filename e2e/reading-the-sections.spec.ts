import { expect, test } from '@playwright/test';
import { sections } from './site';

test('the landing page says what the site teaches and links every section in order', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GIL Deep Dive');
  for (const version of ['3.13', '3.14', '3.15'])
    await expect(page.locator('main')).toContainText(`CPython ${version}`);
  await expect(page.locator('main')).toContainText('free-threaded');
  const links = page.locator('main .cards a');
  await expect(links).toHaveText(sections.map((s) => s.title));
  for (const [i, s] of sections.entries()) await expect(links.nth(i)).toHaveAttribute('href', `/${s.slug}/`);
});

for (const [i, s] of sections.entries()) {
  test(`section ${i + 1}, ${s.title}: title, sidebar, contents and neighbours`, async ({ page }) => {
    const response = await page.goto(`/${s.slug}/`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(`${s.title} · GIL Deep Dive`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);

    // Sidebar: every section in the article's order, this one marked as current.
    const nav = page.getByRole('navigation', { name: 'Sections', exact: true });
    await expect(nav.getByRole('link')).toHaveText(sections.map((x) => x.title));
    await expect(nav.locator('[aria-current="page"]')).toHaveText(s.title);

    // Previous/next lead to the neighbouring sections.
    const pager = page.getByRole('navigation', { name: 'Previous and next sections' });
    const prev = sections[i - 1];
    const next = sections[i + 1];
    if (prev) await expect(pager.locator('a[rel="prev"]')).toHaveAttribute('href', `/${prev.slug}/`);
    else await expect(pager.locator('a[rel="prev"]')).toHaveCount(0);
    if (next) await expect(pager.locator('a[rel="next"]')).toHaveAttribute('href', `/${next.slug}/`);
    else await expect(pager.locator('a[rel="next"]')).toHaveCount(0);

    // Every h2/h3 has an id, a visible anchor link to it, and an entry in the table of contents
    // (read in one pass: a round trip per heading made this the slowest check of the page).
    const toc = page.getByRole('navigation', { name: 'On this page', exact: true });
    await expect(toc).toBeVisible();
    const headings = await page.locator('main .prose :is(h2, h3)').evaluateAll((els) =>
      els.map((h) => {
        const href = `[href="#${CSS.escape(h.id)}"]`;
        return {
          id: h.id,
          anchors: document.querySelectorAll(`main a.anchor-link${href}`).length,
          entries: document.querySelectorAll(`nav[aria-label="On this page"] a${href}`).length,
        };
      }),
    );
    expect(headings.length).toBeGreaterThan(2);

    // The reader learns when the page's facts were checked, and against which CPython.
    await expect(page.locator('main .checked')).toContainText(
      /^Facts last checked \d{1,2} \w+ 20\d\d against .*CPython 3\.\d+/,
    );
    await expect(page.locator('main .checked time')).toHaveAttribute('datetime', /^20\d\d-\d\d-\d\d$/);
    for (const [h, { id, anchors, entries }] of headings.entries()) {
      expect(id, `heading ${h} has an id`).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect([anchors, entries], `#${id}: anchor links, contents entries`).toEqual([1, 1]);
    }
  });
}

test('previous/next links walk through every section, forwards and back', async ({ page }) => {
  await page.goto(`/${sections[0].slug}/`);
  for (const s of sections.slice(1)) {
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL(new RegExp(`/${s.slug}/$`));
  }
  for (const s of [...sections].reverse().slice(1)) {
    await page.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL(new RegExp(`/${s.slug}/$`));
  }
});

test('an unknown address shows the 404 page with every section', async ({ page }) => {
  const response = await page.goto('/no-such-section/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.locator('main li a')).toHaveText(sections.map((s) => s.title));
});
