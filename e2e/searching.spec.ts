import { expect, test } from '@playwright/test';
import { sections } from './site';

test('search loads only when opened, finds each page and opens the result at its heading', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  for (const [i, s] of sections.entries()) {
    await page.goto(`/${s.slug}/`);
    // A heading of the page, searched by its words: the hit must link to that heading.
    const heading = page.locator('main .prose h2').nth(1);
    const id = (await heading.getAttribute('id'))!;
    const words = (await heading.innerText()).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
    if (i === 0) {
      expect(
        requests.filter((u) => u.includes('/pagefind/') || /\/search\.[^/]*\.js$/.test(u)),
        'nothing loaded before opening',
      ).toEqual([]);
    }
    // Alternate the two shortcuts; the button works too (accessibility.spec covers its name).
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press(i % 2 === 0 ? '/' : 'Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search the site' });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole('searchbox', { name: 'Words to find' });
    await expect(input).toBeFocused();
    await input.fill(words);
    const link = dialog.locator(`a[href="/${s.slug}/#${id}"]`);
    await expect(link, `${s.slug}: "${words}"`).toBeVisible();
    await expect(dialog.getByRole('status')).toContainText('found');
    await link.click();
    await expect(page).toHaveURL(`${origin}/${s.slug}/#${id}`);
    await expect(dialog).toBeHidden();
    await expect(heading).toBeInViewport();
  }
  expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
  expect(requests.some((u) => u.includes('/pagefind/'))).toBe(true);
});

test('the search button opens it, Escape closes it and gives focus back; demos and navigation are not indexed', async ({
  page,
}) => {
  await page.goto('/gil-basics/');
  const button = page.getByRole('button', { name: 'Search' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  const input = dialog.getByRole('searchbox', { name: 'Words to find' });
  // Words only the demos' controls and the navigation use.
  for (const term of ['Previous event', 'Switch the GIL here', 'Section 2 of 8']) {
    await input.fill(term);
    await expect(dialog.getByRole('status')).toContainText(/found/);
    await expect(dialog.locator('a', { hasText: term })).toHaveCount(0);
  }
  await input.fill('zzzxqj');
  await expect(dialog.getByRole('status')).toHaveText('Nothing found for “zzzxqj”.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test('words typed straight after the shortcut, while search still loads, all reach the search field', async ({
  page,
}) => {
  await page.goto('/gil-and-io/');
  // Slow the search code down so the keys surely arrive before it has loaded.
  await page.route(/\/search\.[^/]*\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  await page.keyboard.press('/');
  await page.keyboard.type('convoy');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  const input = dialog.getByRole('searchbox', { name: 'Words to find' });
  await expect(input).toHaveValue('convoy');
  await expect(input).toBeFocused();
  await expect(dialog.locator('a[href^="/gil-and-io/#"]').first()).toBeVisible();
});
