import { expect, test } from '@playwright/test';
import { gotoInTheme, sections } from './site';

test('every section shows at least one example file, highlighted in both themes', async ({ page }) => {
  for (const s of sections) {
    const colours: Record<string, string> = {};
    for (const theme of ['light', 'dark'] as const) {
      await gotoInTheme(page, `/${s.slug}/`, theme);
      const file = page.locator('[data-code-file]').first();
      await expect(file, `${s.slug} has an example file`).toBeVisible();
      // A Python keyword token and the block's plain text must be coloured differently.
      const colour = await file.locator('pre.shiki').evaluate((pre) => {
        const spans = [...pre.querySelectorAll('span span')] as HTMLElement[];
        const kw = spans.find((sp) => /^(import|def|for|with|if|return|from)$/.test(sp.textContent!.trim()))!;
        return {
          keyword: getComputedStyle(kw).color,
          base: getComputedStyle(pre).color,
          bg: getComputedStyle(pre).backgroundColor,
        };
      });
      expect(colour.keyword, `${s.slug} ${theme}: keywords are highlighted`).not.toBe(colour.base);
      colours[theme] = `${colour.keyword} on ${colour.bg}`;
    }
    expect(colours.light, `${s.slug}: the dark theme recolours code`).not.toBe(colours.dark);
  }
});

test('the copy button copies the example exactly as the download serves it', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/gil-basics/');
  const file = page.locator('[data-code-file]').first();
  const name = (await file.locator('.file-name').textContent())!;
  await file.getByRole('button', { name: `Copy ${name}` }).click();
  await expect(file.getByRole('status')).toHaveText('Copied to clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const download = await (await request.get(`/examples/${name}`)).text();
  expect(copied).toBe(download.replace(/\n$/, ''));
  expect(copied).toContain('import threading');
});
