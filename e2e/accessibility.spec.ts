import { expect, test } from '@playwright/test';
import { axeViolations, gotoInTheme, publishedPaths, type Theme } from './site';

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds no WCAG 2.2 AA violation on any page (${theme} theme)`, async ({ page }) => {
    test.setTimeout(180_000);
    const failures: string[] = [];
    for (const path of publishedPaths()) {
      await gotoInTheme(page, path, theme);
      failures.push(...(await axeViolations(page, theme)).map((v) => `${path}: ${v}`));
    }
    expect(failures).toEqual([]);
  });
}

test('the skip link is the first thing a keyboard reaches and moves focus to the content', async ({ page }) => {
  await page.goto('/gil-basics/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
});

test('keyboard focus is visible on links and controls', async ({ page }) => {
  await page.goto('/gil-basics/');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
