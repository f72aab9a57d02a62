import { expect, test } from '@playwright/test';

const background = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const isDark = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
  return r! + g! + b! < 200;
};

test('the theme follows the system until the reader chooses one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/introduction/');
  expect(isDark(await background(page))).toBe(true);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(isDark(await background(page))).toBe(false);
});

test('the chosen theme persists across pages and reloads, and System goes back to following the OS', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/introduction/');
  const select = page.getByLabel('Theme');
  await select.selectOption('dark');
  expect(isDark(await background(page))).toBe(true);
  await page.goto('/gil-basics/');
  expect(isDark(await background(page))).toBe(true);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await page.reload();
  expect(isDark(await background(page))).toBe(true);
  await page.getByLabel('Theme').selectOption('auto');
  expect(isDark(await background(page))).toBe(false);
  await page.reload();
  expect(isDark(await background(page))).toBe(false);
});

test('a stored theme is applied before the first paint (no flash of the wrong theme)', async ({ page, request }) => {
  // The theme script must run in <head> before any stylesheet or body content is parsed…
  const html = await (await request.get('/introduction/')).text();
  const script = html.indexOf("localStorage.getItem('theme')");
  expect(script).toBeGreaterThan(0);
  expect(script).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
  expect(script).toBeLessThan(html.indexOf('<body'));
  // …so at the first moment the body exists, the stored theme is already in force.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() => {
    try {
      localStorage.setItem('theme', 'dark');
    } catch {}
    new MutationObserver((_, obs) => {
      if (document.body) {
        (window as unknown as { firstTheme: string | undefined }).firstTheme = document.documentElement.dataset.theme;
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/introduction/');
  expect(await page.evaluate(() => (window as unknown as { firstTheme?: string }).firstTheme)).toBe('dark');
});
