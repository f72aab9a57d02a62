import type { Locator, Page } from '@playwright/test';
import { expect, test } from './quiet-console';
import { axeViolations, gotoInTheme, inlineScriptBytes, sum, watchScripts, type Theme } from './site';

// A reader watches the GIL move between threads: the timeline figures on the section pages.

type Timeline = HTMLElement & { cursor: number; playing: boolean; showTrace(trace: unknown): void };

const cursorOf = (el: Locator): Promise<number> => el.evaluate((e) => (e as Timeline).cursor);

/** Opens a page, brings its nth timeline into view and waits for the element to take over. */
async function openTimeline(page: Page, path = '/gil-basics/', index = 0): Promise<Locator> {
  await page.goto(path);
  const el = page.locator('gil-timeline').nth(index);
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-gt="play"]')).toBeEnabled();
  return el;
}

test('without JavaScript the figure, its summary and the event table are all there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/gil-basics/');
  const el = page.locator('gil-timeline').first();
  const svg = el.getByRole('img', { name: 'Four threads increment a counter' });
  await expect(svg).toBeVisible();
  for (const name of ['Thread-1', 'Thread-4']) await expect(svg.locator('text', { hasText: name })).toHaveCount(1);
  await expect(el.locator('[data-gt="summary"]')).toContainText('80 GIL hand-offs');
  await expect(el.getByText('needs JavaScript')).toBeVisible();
  await expect(el.locator('[data-gt="ui"]')).toBeHidden();
  // The key names what is drawn; the GIL token needs the script, so it is not promised.
  await expect(el.getByRole('list', { name: 'Key' }).getByRole('listitem')).toHaveText([
    'Running (holds the GIL)',
    'Waiting for the GIL',
    'Finished',
  ]);
  await el.getByText('Events', { exact: true }).click();
  const table = el.getByRole('table');
  await expect(table.locator('caption')).toHaveText(/The first 40 of \d+ events/);
  await expect(table.locator('tbody tr')).toHaveCount(40);
  await expect(table.locator('tbody tr').nth(4)).toContainText('takes the GIL');
  // Every page that promises a timeline has one in its HTML.
  for (const [path, count] of [
    ['/threading-vs-multiprocessing/', 1],
    ['/gil-and-io/', 2],
    ['/working-around-the-gil/', 2],
  ] as const) {
    await page.goto(path);
    await expect(page.locator('gil-timeline svg[role="img"]')).toHaveCount(count);
  }
  await context.close();
});

test('the figure is as tall before its script runs as after, so nothing below it moves', async ({
  browser,
  baseURL,
}) => {
  for (const width of [375, 1280]) {
    const tops: number[][] = [];
    for (const upgrade of [false, true]) {
      const context = await browser.newContext({ baseURL, viewport: { width, height: 800 } });
      const page = await context.newPage();
      // Without the element's code the page stays as served: its first paint.
      if (!upgrade) await page.route(/\/gil-timeline\.[\w-]+\.js$/, (route) => route.abort());
      await page.goto('/embed/timeline/');
      const el = page.locator('gil-timeline');
      await expect(el.locator('[data-gt="play"]')).toBeEnabled({ enabled: upgrade });
      // Below the figure, and below the controls and the GIL state panel.
      tops.push([(await el.locator('figcaption').boundingBox())!.y, (await el.locator('.gt-events').boundingBox())!.y]);
      await context.close();
    }
    expect(tops[1], `at ${width} px`).toEqual(tops[0]);
  }
});

test('GIL Basics shows the model beside a run recorded on real CPython, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/gil-basics/');
  const figure = page.locator('#model-vs-cpython');
  const svg = figure.getByRole('img', { name: /the model beside CPython 3\.13/ });
  await expect(svg).toBeVisible();
  await expect(svg.locator('text', { hasText: 'What the model predicts' })).toHaveCount(1);
  await expect(svg.locator('text', { hasText: /What CPython 3\.13\.\d+ actually did/ })).toHaveCount(1);
  // The validation table: one row per recorded interpreter, each median slice within 25% of 5 ms.
  const rows = page.getByRole('table', { name: /checked against real interpreters/ }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (const text of await rows.allInnerTexts()) {
    const ratio = Number(text.match(/\(([\d.]+)×\)/)![1]);
    expect(ratio, text).toBeGreaterThan(0.75);
    expect(ratio, text).toBeLessThan(1.25);
  }
  await context.close();
});

test('plays, pauses, and steps between events with the mouse', async ({ page }) => {
  const el = await openTimeline(page);
  const play = el.locator('[data-gt="play"]');
  await play.click();
  await expect(play).toHaveText('Pause');
  await expect.poll(() => cursorOf(el)).toBeGreaterThan(10_000);
  await play.click();
  await expect(play).toHaveText('Play');
  const stopped = await cursorOf(el);
  await page.waitForTimeout(300);
  expect(await cursorOf(el)).toBe(stopped);

  await el.locator('[data-gt="reset"]').click();
  await el.locator('[data-gt="next"]').click();
  await expect(el.locator('[data-gt="time"]')).toHaveText('5 ms of 400 ms');
  await expect(el.locator('[data-gt="fields"]')).toContainText('held by Thread-2');
  await expect(el.locator('[data-gt="happened"]')).toContainText('Thread-1 drops the GIL on request (forced switch)');
  await el.locator('[data-gt="next"]').click();
  await expect(el.locator('[data-gt="time"]')).toHaveText('10 ms of 400 ms');
  await el.locator('[data-gt="prev"]').click();
  await el.locator('[data-gt="prev"]').click();
  await expect(el.locator('[data-gt="time"]')).toHaveText('0 ms of 400 ms');
  // The GIL token sits on the holder's lane in the figure.
  await expect(el.locator('.gt-cursor .gt-badge')).toHaveCount(1);
});

test('plays, pauses and steps with the keyboard when the figure has focus', async ({ page }) => {
  const el = await openTimeline(page);
  const figure = el.getByRole('group', { name: 'Timeline: Four threads increment a counter' });
  await figure.focus();
  await expect(figure).toBeFocused();
  const ring = await figure.evaluate((e) => getComputedStyle(e).outlineWidth);
  expect(parseFloat(ring)).toBeGreaterThanOrEqual(3);

  const scrollBefore = await page.evaluate(() => scrollY);
  await page.keyboard.press('Space');
  await expect.poll(() => cursorOf(el)).toBeGreaterThan(5_000);
  await page.keyboard.press('Space');
  expect(await el.evaluate((e) => (e as Timeline).playing)).toBe(false);
  expect(await page.evaluate(() => scrollY)).toBe(scrollBefore); // Space did not scroll the page

  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  expect(await cursorOf(el)).toBe(5_000);
  await page.keyboard.press('ArrowRight');
  expect(await cursorOf(el)).toBe(10_000);
  await page.keyboard.press('ArrowLeft');
  expect(await cursorOf(el)).toBe(5_000);
  await page.keyboard.press('End');
  expect(await cursorOf(el)).toBe(400_000);
});

test('every control is reached by Tab, shows focus, and is large enough to touch', async ({ page }) => {
  const el = await openTimeline(page);
  await el.locator('[data-gt="canvas"]').focus();
  const reached: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const s = getComputedStyle(a);
      const box = a.getBoundingClientRect();
      return {
        name: a.dataset.gt ?? a.dataset.param ?? a.tagName,
        outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
        height: box.height,
        width: box.width,
      };
    });
    expect(info.outline, `${info.name} shows focus`).toBeGreaterThanOrEqual(2);
    if (info.name !== 'SUMMARY') {
      expect(Math.min(info.width, info.height), `${info.name} is at least 24 px`).toBeGreaterThanOrEqual(24);
    }
    reached.push(info.name);
  }
  expect(reached.slice(0, 11)).toEqual([
    'play',
    'prev',
    'next',
    'speed',
    'scrub',
    'threads',
    'switchIntervalMs',
    'workload',
    'mode',
    'cores',
    'reset',
  ]);
});

test('scrubs by keyboard and by mouse, on the slider and on the figure', async ({ page }) => {
  const el = await openTimeline(page);
  const scrub = el.getByRole('slider', { name: 'Time' });
  await scrub.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => cursorOf(el)).toBeGreaterThan(0);
  await page.keyboard.press('End');
  await expect.poll(() => cursorOf(el)).toBe(400_000);
  await expect(scrub).toHaveAttribute('aria-valuetext', '400 ms of 400 ms');

  const box = (await scrub.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const middle = await cursorOf(el);
  expect(middle).toBeGreaterThan(150_000);
  expect(middle).toBeLessThan(250_000);

  // Dragging across the lanes moves the cursor along with the pointer.
  await el.locator('svg.gt-svg').scrollIntoViewIfNeeded();
  const svg = (await el.locator('svg.gt-svg').boundingBox())!;
  await page.mouse.move(svg.x + svg.width * 0.3, svg.y + 40);
  await page.mouse.down();
  const early = await cursorOf(el);
  await page.mouse.move(svg.x + svg.width * 0.8, svg.y + 40, { steps: 5 });
  await page.mouse.up();
  const late = await cursorOf(el);
  expect(early).toBeLessThan(middle);
  expect(late).toBeGreaterThan(middle);
});

test('changing a parameter re-runs the model and updates the summary', async ({ page }) => {
  const el = await openTimeline(page);
  const summary = el.locator('[data-gt="summary"]');
  await expect(summary).toHaveAttribute('aria-live', 'polite');
  await expect(summary).toContainText('4 threads with the GIL');

  await el.getByLabel('Threads', { exact: true }).fill('2');
  await el.getByLabel('Threads', { exact: true }).press('Enter');
  await expect(summary).toContainText('2 threads with the GIL, switch interval 5 ms');
  await expect(el.locator('svg text', { hasText: 'Thread-3' })).toHaveCount(0);

  await el.getByLabel('Switch interval (ms)').fill('20');
  await el.getByLabel('Switch interval (ms)').press('Enter');
  await expect(summary).toContainText('switch interval 20 ms');

  await el.getByLabel('Mode', { exact: true }).selectOption('processes');
  await expect(summary).toContainText('2 processes, 4 cores');
  await expect(el.locator('[data-gt="at"]')).toContainText('Each process has a GIL of its own');

  await el.getByLabel('Work', { exact: true }).selectOption('io');
  await expect(summary).toContainText('after I/O a thread waited');
  await expect(el.getByRole('status')).toBeEmpty(); // no notice: every value was in range

  await el.getByRole('button', { name: 'Reset' }).click();
  await expect(summary).toContainText('4 threads with the GIL, switch interval 5 ms');
  await expect(el.getByLabel('Mode', { exact: true })).toHaveValue('gil');
});

test('out-of-range parameters are clamped and the reader is told', async ({ page }) => {
  const el = await openTimeline(page);
  const threads = el.getByLabel('Threads', { exact: true });
  await threads.fill('99');
  await threads.press('Tab');
  await expect(threads).toHaveValue('8');
  const status = el.getByRole('status');
  await expect(status).toBeVisible();
  await expect(status).toHaveText('Threads: 99 is outside 1–8; using 8.');
  await expect(el.locator('[data-gt="summary"]')).toContainText('8 threads');

  await el.getByLabel('Switch interval (ms)').fill('');
  await el.getByLabel('Switch interval (ms)').press('Tab');
  await expect(status).toContainText('Switch interval (ms): "" is not a number; using 5.');
  await expect(el.getByLabel('Switch interval (ms)')).toHaveValue('5');
});

/** The cursor at every animation frame for `ms` milliseconds. */
function sampleFrames(el: Locator, ms: number): Promise<number[]> {
  return el.evaluate(
    (e, duration) =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const start = performance.now();
        const tick = (now: number): void => {
          seen.push((e as Timeline).cursor);
          if (now - start < duration) requestAnimationFrame(tick);
          else resolve(seen);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

const changes = (values: number[]): number => values.filter((v, i) => i > 0 && v !== values[i - 1]).length;

test('with reduced motion, Play steps from event to event instead of animating', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const el = await openTimeline(page);
  await el.locator('[data-gt="play"]').click();
  const stepped = await sampleFrames(el, 1500);
  await el.locator('[data-gt="play"]').click();
  // One hop every 0.7 s at 1×, and each hop lands on an event (the counter's events are 5 ms apart).
  expect(changes(stepped)).toBeGreaterThanOrEqual(1);
  expect(changes(stepped)).toBeLessThanOrEqual(3);
  for (const t of stepped) expect(t % 5_000).toBe(0);

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await el.locator('[data-gt="reset"]').click();
  await el.locator('[data-gt="play"]').click();
  const smooth = await sampleFrames(el, 1000);
  expect(changes(smooth)).toBeGreaterThan(smooth.length / 2);
});

test('nothing plays by itself, and playback pauses when the tab is hidden', async ({ page }) => {
  const el = await openTimeline(page);
  await page.waitForTimeout(500);
  expect(await cursorOf(el)).toBe(0);
  await el.locator('[data-gt="play"]').click();
  await expect.poll(() => cursorOf(el)).toBeGreaterThan(0);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(el.locator('[data-gt="play"]')).toHaveText('Play');
});

test('compares modes on one figure, with one set of controls', async ({ page }) => {
  const el = await openTimeline(page, '/threading-vs-multiprocessing/');
  for (const heading of ['Threads, GIL build', 'Threads, free-threaded build', 'Processes (one per task)']) {
    await expect(el.locator('svg text', { hasText: heading })).toHaveCount(1);
  }
  await expect(el.locator('[data-gt="summary"] p')).toHaveCount(3);
  await expect(el.getByLabel('Mode', { exact: true })).toHaveCount(0);
  await el.getByLabel('Threads', { exact: true }).fill('2');
  await el.getByLabel('Threads', { exact: true }).press('Enter');
  await expect(el.locator('[data-gt="summary"]')).toContainText('Processes (one per task): 2 processes');
  await expect(el.locator('table')).toHaveCount(3);
});

test('replays any trace given to the element, escaping what it shows', async ({ page }) => {
  const el = await openTimeline(page, '/gil-and-io/', 1);
  await el.evaluate((e) => {
    const threads = [
      { id: 0, name: '<b>worker</b>' },
      { id: 1, name: 'main' },
    ];
    const events = [
      { t: 0, thread: 0, kind: 'acquire' },
      { t: 0, thread: 1, kind: 'wait' },
      { t: 3000, thread: 0, kind: 'release', reason: 'forced' },
      { t: 3000, thread: 1, kind: 'acquire' },
      { t: 6000, thread: 1, kind: 'release', reason: 'finish' },
      { t: 6000, thread: 0, kind: 'acquire' },
      { t: 9000, thread: 0, kind: 'release', reason: 'finish' },
    ];
    const segments = [
      { thread: 0, state: 'running', from: 0, to: 3000 },
      { thread: 0, state: 'waiting', from: 3000, to: 6000 },
      { thread: 0, state: 'running', from: 6000, to: 9000 },
      { thread: 1, state: 'waiting', from: 0, to: 3000 },
      { thread: 1, state: 'running', from: 3000, to: 6000 },
      { thread: 1, state: 'done', from: 6000, to: 9000 },
    ];
    (e as Timeline).showTrace({
      source: 'measured',
      mode: 'gil',
      cores: 2,
      switchInterval: 5000,
      threads,
      events,
      segments,
      end: 9000,
    });
  });
  await expect(el.locator('svg text', { hasText: '<b>worker</b>' })).toHaveCount(1);
  await expect(el.locator('svg b')).toHaveCount(0);
  await expect(el.locator('[data-gt="summary"]')).toHaveText(/^Measured: 2 threads with the GIL.*wall time 9 ms/);
  await expect(el.locator('[data-gt="params"]')).toBeHidden();
  await expect(el.getByRole('group', { name: 'Timeline: Measured run' })).toBeVisible();
  await expect(el.locator('figcaption')).toHaveText('Measured run');
  await el.locator('[data-gt="next"]').click();
  await expect(el.locator('[data-gt="fields"]')).toContainText('held by main');
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds no WCAG 2.2 AA violation in a working timeline (${theme})`, async ({ page }) => {
    await gotoInTheme(page, '/threading-vs-multiprocessing/', theme);
    const el = page.locator('gil-timeline').first();
    await el.scrollIntoViewIfNeeded();
    await expect(el.locator('[data-gt="play"]')).toBeEnabled();
    await el.locator('[data-gt="next"]').click();
    await el.getByText('Events', { exact: true }).click();
    expect(await axeViolations(page, theme, ['gil-timeline'])).toEqual([]);
  });
}

test('at 375 px the page does not scroll sideways, before or after the timeline loads', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/threading-vs-multiprocessing/');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const el = page.locator('gil-timeline').first();
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-gt="play"]')).toBeEnabled();
  expect(await overflow()).toBeLessThanOrEqual(0);
  // Redrawn to fit: no sideways scrolling inside the figure either.
  const canvas = el.locator('[data-gt="canvas"]');
  expect(await canvas.evaluate((c) => c.scrollWidth - c.clientWidth)).toBeLessThanOrEqual(0);
});

test('byte budget: ≤ 5 KB of JS before a timeline is visible, ≤ 25 KB more once it is', async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto('/gil-and-io/', { waitUntil: 'networkidle' });
  const first = page.locator('gil-timeline').first();
  expect(await first.evaluate((e) => e.matches(':defined')), 'the timeline starts out of view').toBe(false);
  // Its controls already hold their place, disabled until the code arrives.
  await expect(first.locator('[data-gt="play"]')).toBeDisabled();
  const loadedBefore = await scripts.loaded();
  const before = sum(loadedBefore.values()) + (await inlineScriptBytes(page));

  await first.scrollIntoViewIfNeeded();
  await expect(first.locator('[data-gt="play"]')).toBeEnabled();
  await page.waitForLoadState('networkidle');
  const after = sum([...(await scripts.loaded())].filter(([url]) => !loadedBefore.has(url)).map(([, size]) => size));
  test
    .info()
    .annotations.push({ type: 'bytes', description: `before visible ${before} B gzip, once visible +${after} B gzip` });
  console.log(`timeline JS: before visible ${before} B gzip; once visible +${after} B gzip`);
  expect(before).toBeLessThanOrEqual(5 * 1024);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThanOrEqual(25 * 1024);
});
