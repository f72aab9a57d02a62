import { expect, test } from '@playwright/test';
import { publishedPaths } from './site';

for (const width of [360, 375]) {
  test(`at ${width} px wide no page scrolls sideways and the sections menu opens`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of publishedPaths()) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    await page.goto('/gil-and-io/');
    const nav = page.getByRole('navigation', { name: 'Sections', exact: true });
    await expect(nav).toBeHidden();
    await page.getByText('Sections', { exact: true }).click();
    await expect(nav.getByRole('link', { name: 'GIL and I/O' })).toBeVisible();
  });
}

test('the print stylesheet keeps the article and drops the navigation', async ({ page }) => {
  await page.goto('/gil-basics/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('main .prose')).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.pagination')).toBeHidden();
});

test('the header is as tall before its buttons appear as after, so the page does not jump when they do', async ({
  browser,
  baseURL,
}) => {
  const heights: number[] = [];
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.goto('/gil-basics/');
    await expect(page.locator('[data-search-open]')).toBeVisible({ visible: javaScriptEnabled });
    heights.push((await page.locator('.site-header').boundingBox())!.height);
    await context.close();
  }
  expect(heights[0]).toBe(heights[1]);
});
