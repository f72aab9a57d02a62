import type { Locator, Page } from '@playwright/test';
import { expect, test } from './quiet-console';
import { axeViolations, gotoInTheme, inlineScriptBytes, sum, watchScripts, type Theme } from './site';

// A reader steps through `counter += 1` in two threads, decides where the GIL switches, and sees
// the update get lost, then prevented by a lock; a course links one step of it by URL.

/** Opens a page, brings its stepper into view and waits for the element to take over. */
async function openStepper(page: Page, path = '/gil-basics/'): Promise<Locator> {
  await page.goto(path);
  const el = page.locator('race-stepper');
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-rs="step"]')).toBeEnabled();
  return el;
}

const counter = (el: Locator): Locator => el.locator('.rs-counter strong');
const position = (el: Locator): Locator => el.locator('[data-rs="position"]');

test('without JavaScript the first frame, the version note and every step in words are there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [path, lock] of [
    ['/gil-basics/', false],
    ['/why-the-gil-exists/', true],
    ['/practice-problems/', true],
  ] as const) {
    await page.goto(path);
    const el = page.locator('race-stepper');
    await expect(el).toHaveCount(1);
    await expect(el.getByRole('group', { name: 'Thread 1', exact: true }).locator('code')).toHaveText(
      lock
        ? [
            'with lock: (acquire)',
            'LOAD_GLOBAL counter',
            'LOAD_CONST 1',
            'BINARY_OP 13 (+=)',
            'STORE_GLOBAL counter',
            'end of with (release)',
          ]
        : ['LOAD_GLOBAL counter', 'LOAD_CONST 1', 'BINARY_OP 13 (+=)', 'STORE_GLOBAL counter'],
    );
    await expect(counter(el)).toHaveText('0');
    await expect(el.locator('[data-rs="text"]')).toContainText('Step 0 of');
    await expect(el.locator('[data-rs="note"]')).toContainText('Forced switch. On CPython 3.13 with the GIL');
    await expect(el.getByText('needs JavaScript')).toBeVisible();
    await expect(el.locator('[data-rs="ui"]')).toBeHidden();
    await el.getByText('All steps in words').click();
    const steps = el.locator('[data-rs="steps"] li');
    await expect(steps.last()).toContainText(
      lock ? 'counter is 2, no update was lost' : 'counter is 1, not 2. One increment was lost.',
    );
  }
  await context.close();
});

test('steps by keyboard on the figure and on the buttons, and shows the lost update as it happens', async ({
  page,
}) => {
  const el = await openStepper(page);
  const stage = el.getByRole('group', { name: 'Race stepper: two threads and the shared counter' });
  await stage.focus();
  expect(parseFloat(await stage.evaluate((e) => getComputedStyle(e).outlineWidth))).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('ArrowRight');
  await expect(position(el)).toHaveText('Step 1 of 10');
  const text = el.locator('[data-rs="text"]');
  await expect(text).toHaveAttribute('aria-live', 'polite');
  await expect(text).toHaveText(
    'Step 1 of 10: Thread 1 runs LOAD_GLOBAL counter: it reads counter (0) and pushes it on its stack.',
  );
  await page.keyboard.press('ArrowRight');
  await expect(text).toContainText("The GIL switches to Thread 2 in the middle of Thread 1's increment (forced");
  const t1 = el.getByRole('group', { name: 'Thread 1', exact: true });
  const t2 = el.getByRole('group', { name: 'Thread 2', exact: true });
  await expect(t1.locator('.rs-badge')).toHaveText('waiting for the GIL');
  await expect(t1.locator('.rs-cell')).toHaveText(['0']);
  await expect(t2.locator('.rs-badge')).toHaveText('holds the GIL');

  // Thread 2 runs its whole increment: it also reads 0 and stores 1.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await expect(counter(el)).toHaveText('1');
  await expect(t2.locator('.rs-read')).toContainText('counter = 0');
  await expect(el.locator('.rs-lost')).toHaveCount(0);

  // Back on Thread 1, its stale 0 becomes 1 and overwrites Thread 2's 1.
  await page.keyboard.press('End');
  await expect(position(el)).toHaveText('Step 10 of 10');
  await expect(counter(el)).toHaveText('1');
  await expect(el.locator('.rs-lost')).toBeVisible();
  await expect(text).toContainText("wipes out Thread 2's increment. Lost update!");
  await expect(text).toContainText('counter is 1, not 2. One increment was lost.');
  await page.keyboard.press('ArrowLeft');
  await expect(position(el)).toHaveText('Step 9 of 10');
  await page.keyboard.press('Home');
  await expect(position(el)).toHaveText('Step 0 of 10');

  // The buttons work from the keyboard too, and keep focus at either end.
  const step = el.getByRole('button', { name: 'Step', exact: true });
  await step.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(position(el)).toHaveText('Step 2 of 10');
  await el.getByRole('button', { name: 'End' }).click();
  await expect(step).toHaveAttribute('aria-disabled', 'true');
  await step.focus();
  await page.keyboard.press('Enter');
  await expect(position(el)).toHaveText('Step 10 of 10');
  await expect(step).toBeFocused();
});

test('every control is reached by Tab, shows focus, and is large enough to touch', async ({ page }) => {
  const el = await openStepper(page);
  await el.locator('[data-rs="stage"]').focus();
  const reached: string[] = [];
  for (let i = 0; i < 9; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const s = getComputedStyle(a);
      const box = a.getBoundingClientRect();
      return {
        name: a.dataset.rs ?? a.tagName,
        outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
        size: Math.min(box.width, box.height),
      };
    });
    expect(info.outline, `${info.name} shows focus`).toBeGreaterThanOrEqual(2);
    expect(info.size, `${info.name} is at least 20 px`).toBeGreaterThanOrEqual(20);
    reached.push(info.name);
  }
  expect(reached).toEqual(['first', 'back', 'step', 'end', 'switch', 'switch-here', 'version', 'lock', 'ft']);
});

test('the reader chooses where the GIL switches, or switches it at the current step', async ({ page }) => {
  const el = await openStepper(page);
  const where = el.getByLabel('The GIL switches to Thread 2');
  await where.selectOption('none');
  await expect(el.locator('[data-rs="note"]')).toContainText('no switch falls inside the increment');
  await el.getByRole('button', { name: 'End' }).click();
  await expect(counter(el)).toHaveText('2');

  await el.getByRole('button', { name: 'Start' }).click();
  const here = el.getByRole('button', { name: 'Switch the GIL here' });
  await expect(here).toHaveAttribute('aria-disabled', 'true');
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  await here.click();
  await expect(where).toHaveValue('after-const');
  await expect(position(el)).toHaveText('Step 3 of 10');
  await expect(el.locator('[data-rs="text"]')).toContainText('The GIL switches to Thread 2');
  await expect(el.locator('[data-rs="note"]')).toContainText('Forced switch');
  await expect(page).toHaveURL(/#race=step-3,switch-after-const,lock-off,ft-off,py-3\.13$/);

  // Before 3.10 the bytecode had INPLACE_ADD. A switch right after LOAD_CONST is still forced
  // there (LOAD_CONST skips the check), but one right after LOAD_GLOBAL was real.
  await el.getByLabel('CPython').selectOption('3.6-3.9');
  await expect(el.locator('[data-rs="note"]')).toContainText('cannot move between LOAD_CONST and INPLACE_ADD');
  await expect(el.getByRole('group', { name: 'Thread 1', exact: true }).locator('code').nth(2)).toHaveText(
    'INPLACE_ADD',
  );
  await where.selectOption('after-load');
  await expect(el.locator('[data-rs="note"]')).not.toContainText('Forced');
  await expect(el.locator('[data-rs="note"]')).toContainText('ran before almost every instruction');
  await el.getByLabel('CPython').selectOption('3.14');
  await expect(el.getByRole('group', { name: 'Thread 1', exact: true }).locator('code').nth(1)).toHaveText(
    'LOAD_SMALL_INT 1',
  );
});

test('with the lock, the other thread blocks on it and no update is lost', async ({ page }) => {
  const el = await openStepper(page);
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  await el.getByLabel('Wrap it in with lock:').check();
  await expect(position(el)).toHaveText('Step 0 of 16'); // a new schedule starts from the top
  await expect(el.locator('[data-rs="source"]')).toHaveText('global counter\nwith lock:\n    counter += 1');
  const t2 = el.getByRole('group', { name: 'Thread 2', exact: true });
  const stage = el.locator('[data-rs="stage"]');
  await stage.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await expect(t2.locator('.rs-badge')).toHaveText('blocked on the lock');
  await expect(el.locator('.rs-shared')).toContainText('lock held by Thread 1');
  await expect(el.locator('[data-rs="text"]')).toContainText(
    'Thread 2 blocks until it is released. A thread waiting for a lock releases the GIL.',
  );
  await page.keyboard.press('ArrowRight');
  await expect(el.locator('.rs-shared')).toContainText('GIL held by Thread 1');
  await page.keyboard.press('End');
  await expect(counter(el)).toHaveText('2');
  await expect(el.locator('.rs-lost')).toHaveCount(0);
  await expect(el.locator('[data-rs="text"]')).toContainText('counter is 2, no update was lost');
  await el.getByText('All steps in words').click();
  await expect(el.locator('[data-rs="steps"] li')).toHaveCount(17);
});

test('the free-threaded build has no GIL: both threads step at once and the race remains', async ({ page }) => {
  const el = await openStepper(page);
  await el.getByLabel('Free-threaded build (no GIL)').check();
  await expect(el.getByLabel('Thread 2 starts')).toHaveValue('together');
  await expect(el.locator('.rs-shared')).toContainText('GIL none (free-threaded build)');
  await expect(el.getByLabel('CPython').locator('option:not([disabled])')).toHaveText(['3.13t', '3.14t']);
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(el.locator('.rs-ran')).toHaveCount(2);
  await expect(el.locator('[data-rs="text"]')).toContainText('At the same moment, on two cores');
  for (const t of ['Thread 1', 'Thread 2'])
    await expect(el.getByRole('group', { name: t, exact: true }).locator('.rs-read')).toContainText('counter = 0');
  await el.getByRole('button', { name: 'End' }).click();
  await expect(position(el)).toHaveText('Step 4 of 4');
  await expect(counter(el)).toHaveText('1');
  await expect(el.locator('.rs-lost')).toBeVisible();
  // The lock still fixes it.
  await el.getByLabel('Wrap it in with lock:').check();
  await el.getByRole('button', { name: 'End' }).click();
  await expect(counter(el)).toHaveText('2');
  await el.getByLabel('Free-threaded build (no GIL)').uncheck();
  await expect(el.getByLabel('The GIL switches to Thread 2')).toHaveValue('after-load');
});

test('a link to a step restores it, and stepping keeps the link up to date', async ({ page }) => {
  await page.goto('/gil-basics/#race=step-6,switch-after-load,lock-on,ft-off,py-3.10');
  const el = page.locator('race-stepper');
  await expect(position(el)).toHaveText('Step 6 of 16');
  await expect(el).toBeInViewport();
  await expect(el.getByLabel('Wrap it in with lock:')).toBeChecked();
  await expect(el.getByLabel('CPython')).toHaveValue('3.10');
  await expect(el.getByRole('group', { name: 'Thread 1', exact: true }).locator('code').nth(3)).toHaveText(
    'INPLACE_ADD',
  );
  await expect(el.locator('[data-rs="status"]')).toBeEmpty();
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page).toHaveURL(/#race=step-7,switch-after-load,lock-on,ft-off,py-3\.10$/);
  await page.reload();
  await expect(position(el)).toHaveText('Step 7 of 16');

  // A link followed on the same page applies too.
  await page.evaluate(() => (location.hash = '#race=step-2,ft-on,py-3.14'));
  await expect(position(el)).toHaveText('Step 2 of 5');
  await expect(el.getByLabel('Free-threaded build (no GIL)')).toBeChecked();
});

test('a bad link falls back to the defaults and says what was wrong, as text', async ({ page }) => {
  const bad = encodeURIComponent('<img src=x onerror=alert(1)>');
  await page.goto(`/why-the-gil-exists/#race=step-99,switch-sideways,py-9.9,${bad}`);
  const el = page.locator('race-stepper');
  const status = el.getByRole('status');
  await expect(status).toBeVisible();
  await expect(status).toContainText('"switch-sideways" is not a switch point');
  await expect(status).toContainText('"py-9.9" is not a version the stepper shows');
  await expect(status).toContainText('is not a stepper setting and was ignored');
  await expect(status).toContainText('Step 99 is past the end of this race (it has steps 0 to 16); showing step 16.');
  await expect(position(el)).toHaveText('Step 16 of 16');
  await expect(el.getByLabel('The GIL switches to Thread 2')).toHaveValue('after-load');
  await expect(el.locator('img')).toHaveCount(0);
  // Any step the reader takes clears the notice.
  await el.getByRole('button', { name: 'Start' }).click();
  await expect(status).toBeEmpty();
});

test('with reduced motion nothing animates, and nothing moves by itself', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const el = await openStepper(page);
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  const duration = await el.locator('.rs-ran').evaluate((e) => parseFloat(getComputedStyle(e).transitionDuration));
  expect(duration).toBeLessThan(0.01);
  await page.waitForTimeout(800);
  await expect(position(el)).toHaveText('Step 1 of 10');
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds no WCAG 2.2 AA violation in a working stepper (${theme})`, async ({ page }) => {
    await gotoInTheme(page, '/why-the-gil-exists/#race=step-4,lock-on', theme);
    const el = page.locator('race-stepper');
    await expect(position(el)).toHaveText('Step 4 of 16');
    await el.getByText('All steps in words').click();
    expect(await axeViolations(page, theme, ['race-stepper'])).toEqual([]);
  });
}

test('at 375 px the page does not scroll sideways, before or after the stepper loads', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/why-the-gil-exists/');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const el = await openStepper(page, '/why-the-gil-exists/');
  await el.getByLabel('Free-threaded build (no GIL)').check();
  await el.getByRole('button', { name: 'Step', exact: true }).click();
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test('byte budget: ≤ 5 KB of JS before the stepper is visible, ≤ 25 KB more once it is', async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto('/why-the-gil-exists/', { waitUntil: 'networkidle' });
  const el = page.locator('race-stepper');
  expect(await el.evaluate((e) => e.matches(':defined')), 'the stepper starts out of view').toBe(false);
  // Its controls already hold their place, disabled until the code arrives.
  await expect(el.locator('[data-rs="step"]')).toBeDisabled();
  const loadedBefore = await scripts.loaded();
  const before = sum(loadedBefore.values()) + (await inlineScriptBytes(page));
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-rs="step"]')).toBeEnabled();
  await page.waitForLoadState('networkidle');
  const after = sum([...(await scripts.loaded())].filter(([url]) => !loadedBefore.has(url)).map(([, size]) => size));
  console.log(`race stepper JS: before visible ${before} B gzip; once visible +${after} B gzip`);
  expect(before).toBeLessThanOrEqual(5 * 1024);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThanOrEqual(25 * 1024);
});
