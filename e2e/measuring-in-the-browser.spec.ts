import { gzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../tools/static-server';
import { axeViolations, collectProblems, gotoInTheme, inlineScriptBytes, sum, watchScripts, type Theme } from './site';

// A reader measures threads, free threads and processes in their own browser with the timing lab,
// and replays the run on the GIL timeline. Timing is never asserted: this machine is shared.

interface TraceLike {
  source: string;
  mode: string;
  events: { t: number; thread: number; kind: string; reason?: string }[];
}
type Lab = HTMLElement & { results: { mode: string; wall: number; trace: TraceLike; unreliable: boolean }[] };

const PAGE = '/threading-vs-multiprocessing/';
const DIST = process.env.E2E_DIST ?? 'dist';

let problems: string[] = [];
test.beforeEach(({ page }) => {
  problems = collectProblems(page);
});

/** Opens a page and waits for its first lab to be upgraded. */
async function openLab(page: Page, url = PAGE, index = 0): Promise<Locator> {
  await page.goto(url);
  const lab = page.locator('timing-lab').nth(index);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('input[name="tasks"]')).toBeEnabled();
  return lab;
}

/** Small settings, so that a run of every mode takes well under a second. */
async function smallRun(lab: Locator, modes?: string[]): Promise<void> {
  await lab.getByLabel('Tasks').fill('2');
  await lab.getByLabel('Work per task (million iterations)').fill('4');
  await lab.getByLabel('Switch interval (ms)').fill('1');
  if (modes !== undefined) {
    for (const box of await lab.locator('input[name="modes"]').all()) {
      await box.setChecked(modes.includes(await box.inputValue()));
    }
  }
}

/** The lab's own status line (the replayed timelines have theirs). */
const status = (lab: Locator): Locator => lab.locator('[data-tl="status"]');

async function runAndWait(lab: Locator): Promise<void> {
  await lab.getByRole('button', { name: 'Run' }).click();
  await expect(status(lab)).toContainText('Done', { timeout: 60_000 });
  await expect(lab.getByRole('button', { name: 'Run' })).toBeEnabled();
}

/** Holders never overlap: each acquire finds the GIL free, and only the holder releases it. */
function overlaps(trace: TraceLike): string[] {
  const found: string[] = [];
  let holder: number | null = null;
  for (const e of trace.events) {
    if (e.kind === 'acquire') {
      if (holder !== null) found.push(`${e.t} µs: thread ${e.thread} took the GIL held by ${holder}`);
      holder = e.thread;
    }
    if (e.kind === 'release') {
      if (holder !== e.thread) found.push(`${e.t} µs: thread ${e.thread} released a GIL held by ${holder}`);
      holder = null;
    }
  }
  return found;
}

/** Counts Web Workers created and terminated, by wrapping the constructor before the page loads. */
async function countWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts = { created: 0, terminated: 0 };
    (window as unknown as { workers: typeof counts }).workers = counts;
    const Native = window.Worker;
    window.Worker = class extends Native {
      #ended = false;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        counts.created += 1;
      }
      override terminate(): void {
        if (!this.#ended) counts.terminated += 1;
        this.#ended = true;
        super.terminate();
      }
    };
  });
}

const workerCounts = (page: Page): Promise<{ created: number; terminated: number }> =>
  page.evaluate(() => (window as unknown as { workers: { created: number; terminated: number } }).workers);

test.describe('with the isolation headers (astro preview)', () => {
  test.afterEach(() => {
    expect(problems, 'console errors and warnings').toEqual([]);
  });

  test('two labs on one page replay from the one template the page carries, with ids of their own', async ({
    page,
  }) => {
    await page.goto('/practice-problems/');
    // The first lab carries the replay template; the second lab's HTML does not repeat it.
    await expect(page.locator('template[data-tl="replay-template"]')).toHaveCount(1);
    for (const index of [1, 0]) {
      const lab = page.locator('timing-lab').nth(index);
      await lab.scrollIntoViewIfNeeded();
      await expect(lab.locator('input[name="tasks"]')).toBeEnabled();
      await smallRun(lab, ['sequential', 'gil']);
      await runAndWait(lab);
      await expect(lab.locator('[data-tl="replay"] gil-timeline')).toHaveCount(2);
      await expect(lab.locator('[data-tl="replay"] gil-timeline [data-gt="play"]').first()).toBeEnabled();
    }
    const duplicates = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates).toEqual([]);
    // Each replay's labels still point at its own controls.
    const speed = page.locator('timing-lab').nth(1).locator('[data-tl="replay"] select[data-gt="speed"]').first();
    await expect(page.locator(`label[for="${await speed.getAttribute('id')}"]`)).toHaveCount(1);
  });

  test('the page is cross-origin isolated, every mode runs, and the GIL run is replayed beside the model', async ({
    page,
  }) => {
    await countWorkers(page);
    const lab = await openLab(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Long tasks on the main thread during the run: reported, not asserted (shared machine).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
        type: 'longtask',
      });
    });
    await smallRun(lab);
    await runAndWait(lab);

    const rows = lab.locator('[data-tl="table"] tbody tr');
    await expect(rows).toHaveCount(4);
    for (const [i, name] of ['Sequential', 'Threads + GIL', 'Free-threaded', 'Processes'].entries()) {
      await expect(rows.nth(i).locator('th')).toHaveText(name);
    }
    await expect(rows.nth(0).locator('td').nth(1)).toHaveText('1.00×');
    await expect(lab.locator('.tl-bar-row')).toHaveCount(4);
    await expect(lab.locator('[data-tl="explain"]')).toContainText('logical core');
    await expect(lab.locator('[data-tl="explain"]')).toHaveAttribute('aria-live', 'polite');

    const results = await lab.evaluate((el) => (el as Lab).results.map((r) => ({ mode: r.mode, trace: r.trace })));
    expect(results.map((r) => r.mode)).toEqual(['sequential', 'gil', 'free-threaded', 'processes']);
    for (const r of results) {
      expect(r.trace.source).toBe('measured');
      expect(overlaps(r.trace), `${r.mode} trace`).toEqual([]);
    }
    const gil = results[1]?.trace as TraceLike;
    expect(gil.events.filter((e) => e.kind === 'acquire').length).toBeGreaterThanOrEqual(2);

    // The Threads + GIL run on a timeline, and the model's prediction for the same work on another.
    const timelines = lab.locator('gil-timeline');
    await expect(timelines).toHaveCount(2);
    const shown = await timelines.evaluateAll((els) => els.map((e) => (e as HTMLElement & { trace: TraceLike }).trace));
    expect(shown[0]?.source).toBe('measured');
    expect(shown[0]?.events).toHaveLength(gil.events.length);
    expect(overlaps(shown[0] as TraceLike)).toEqual([]);
    expect(shown[1]?.source).toBe('model');
    await expect(timelines.first().locator('[data-gt="summary"]')).toContainText('Measured: 2 threads with the GIL');
    await timelines.first().locator('[data-gt="next"]').click();
    await expect(timelines.first().locator('[data-gt="fields"]')).toContainText('locked');

    const counts = await workerCounts(page);
    expect(counts.created).toBe(1 + 2 + 2 + 2);
    expect(counts.terminated).toBe(counts.created);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    test
      .info()
      .annotations.push({ type: 'long tasks during the run', description: JSON.stringify(longTasks.map(Math.round)) });
  });

  test('the I/O-bound variant releases the GIL around every blocking call', async ({ page }) => {
    const lab = await openLab(page);
    await smallRun(lab, ['gil']);
    await lab.getByLabel('Work', { exact: true }).selectOption('io');
    await runAndWait(lab);
    const trace = await lab.evaluate((el) => (el as Lab).results[0]?.trace as TraceLike);
    expect(overlaps(trace)).toEqual([]);
    expect(trace.events.filter((e) => e.kind === 'release' && e.reason === 'io')).toHaveLength(2 * 10);
    await expect(lab.locator('[data-tl="explain"]')).toContainText('Run Sequential too');
  });

  test('Stop terminates every worker mid-run and the lab stays usable', async ({ page }) => {
    await countWorkers(page);
    const lab = await openLab(page);
    await lab.getByLabel('Tasks').fill('8');
    await lab.getByLabel('Work per task (million iterations)').fill('500');
    await lab.getByRole('button', { name: 'Run' }).click();
    const stop = lab.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeEnabled();
    await expect(stop).toBeFocused();
    await expect
      .poll(() => lab.locator('progress').evaluate((p) => (p as HTMLProgressElement).value), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await stop.click();
    await expect(status(lab)).toContainText('Stopped: every worker was terminated');
    const counts = await workerCounts(page);
    expect(counts.created).toBeGreaterThan(0);
    expect(counts.terminated).toBe(counts.created);
    await expect(stop).toBeDisabled();
    await expect(lab.getByRole('button', { name: 'Run' })).toBeFocused();
    // Usable again: a small run completes.
    await smallRun(lab, ['gil']);
    await runAndWait(lab);
    await expect(lab.locator('[data-tl="table"] tbody tr')).toHaveCount(1);
  });

  test('a worker that fails shows a message and leaves the page usable', async ({ page }) => {
    await page.addInitScript(() => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(_url: string | URL, options?: WorkerOptions) {
          super(URL.createObjectURL(new Blob(['throw new Error("boom")'], { type: 'text/javascript' })), options);
        }
      };
    });
    const lab = await openLab(page);
    await smallRun(lab);
    await lab.getByRole('button', { name: 'Run' }).click();
    await expect(status(lab)).toContainText('The run failed: A worker failed');
    await expect(status(lab)).toContainText('Nothing is running now');
    await expect(lab.getByRole('button', { name: 'Run' })).toBeEnabled();
    await expect(lab.getByRole('button', { name: 'Stop' })).toBeDisabled();
    await expect(lab.getByLabel('Tasks')).toBeEditable();
    problems = problems.filter((p) => !p.includes('boom'));
  });

  for (const reinserted of [false, true]) {
    test(`a hidden tab pauses the run between modes and marks the affected figures unreliable${reinserted ? ', also in a lab taken out of the page and put back' : ''}`, async ({
      page,
    }) => {
      const lab = await openLab(page);
      if (reinserted) {
        await lab.evaluate((el) => {
          const parent = el.parentNode as Node;
          const next = el.nextSibling;
          el.remove();
          parent.insertBefore(el, next);
        });
      }
      await smallRun(lab, ['sequential', 'gil']);
      await lab.getByLabel('Work per task (million iterations)').fill('500'); // long enough that the first mode is still running when the tab hides
      const setHidden = (hidden: boolean): Promise<void> =>
        page.evaluate((h) => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
          Object.defineProperty(document, 'visibilityState', {
            configurable: true,
            get: () => (h ? 'hidden' : 'visible'),
          });
          document.dispatchEvent(new Event('visibilitychange'));
        }, hidden);
      await lab.getByRole('button', { name: 'Run' }).click();
      await expect(status(lab)).toContainText('Running 1 of 2');
      await setHidden(true);
      await expect(status(lab)).toContainText('Paused while this tab is hidden', { timeout: 30_000 });
      await page.waitForTimeout(300);
      await expect(status(lab)).toContainText('Paused');
      await setHidden(false);
      await expect(status(lab)).toContainText('Done', { timeout: 60_000 });
      await expect(lab.locator('[data-tl="table"] tbody tr').first().locator('th')).toContainText(
        'tab hidden: unreliable',
      );
      await expect(lab.locator('[data-tl="table"] tbody tr').nth(1).locator('th')).toHaveText('Threads + GIL');
      await expect(lab.locator('[data-tl="explain"]')).toContainText('treat those figures as unreliable');
    });
  }

  test('Stop also ends a run that is paused in a hidden tab', async ({ page }) => {
    const lab = await openLab(page);
    await smallRun(lab, ['sequential', 'gil']);
    await lab.getByLabel('Work per task (million iterations)').fill('100');
    await lab.getByRole('button', { name: 'Run' }).click();
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(status(lab)).toContainText('Paused while this tab is hidden', { timeout: 30_000 });
    await lab.getByRole('button', { name: 'Stop' }).click();
    await expect(status(lab)).toContainText('Stopped');
    await expect(lab.getByRole('button', { name: 'Run' })).toBeEnabled();
  });

  test('out-of-range settings are clamped and the reader is told', async ({ page }) => {
    const lab = await openLab(page);
    const work = lab.getByLabel('Work per task (million iterations)');
    await work.fill('100000');
    await work.press('Tab');
    await expect(work).toHaveValue('500');
    await expect(status(lab)).toHaveText('Work per task (million iterations): 100000 is outside 1–500; using 500.');
    const tasks = lab.getByLabel('Tasks');
    await tasks.fill('0');
    await tasks.press('Tab');
    await expect(tasks).toHaveValue('1');
    const interval = lab.getByLabel('Switch interval (ms)');
    await interval.fill('');
    await interval.press('Tab');
    await expect(interval).toHaveValue('5');
    await expect(status(lab)).toContainText('Switch interval (ms): "" is not a number; using 5.');
    // The prediction follows the settings.
    await expect(lab.locator('[data-tl="model-caption"]')).toContainText('1 task of cpu_bound(500 million)');
    const boxes = await lab.locator('input[name="modes"]').all();
    for (const box of boxes.slice(0, -1)) await box.uncheck();
    // Unchecking the last one leaves none: the lab checks them all again.
    await boxes[boxes.length - 1]?.click();
    await expect(status(lab)).toHaveText('No mode was chosen; running all four.');
    await expect(lab.locator('input[name="modes"]:checked')).toHaveCount(4);
  });

  test('Practice Problems: predict first, then the lab checks the prediction', async ({ page }) => {
    const lab = await openLab(page, '/practice-problems/');
    const predict = lab.getByRole('group', { name: 'Predict first' });
    await predict.getByRole('group', { name: 'Threads + GIL' }).getByLabel('faster than sequential').check();
    await predict.getByRole('group', { name: 'Processes' }).getByLabel('faster than sequential').check();
    await smallRun(lab, ['sequential', 'gil', 'processes']);
    await runAndWait(lab);
    const verdict = lab.locator('[data-tl="verdict"] li');
    await expect(verdict).toHaveCount(2);
    await expect(verdict.first()).toContainText(
      /^Threads \+ GIL: you predicted faster than sequential; measured [\d.]+× the sequential speed/,
    );
    await expect(verdict.first()).toContainText('only one thread runs Python at a time');
    await expect(verdict.nth(1)).toContainText(/^Processes: you predicted faster than sequential/);
    // Problem 5 has a lab of its own, without the prediction.
    const second = page.locator('timing-lab').nth(1);
    await second.scrollIntoViewIfNeeded();
    await expect(second.locator('input[name="tasks"]')).toBeEnabled();
    await expect(second.getByRole('group', { name: 'Predict first' })).toHaveCount(0);
  });

  for (const theme of ['light', 'dark'] as Theme[]) {
    test(`axe finds no WCAG 2.2 AA violation in the lab after a run (${theme})`, async ({ page }) => {
      await gotoInTheme(page, PAGE, theme);
      const lab = page.locator('timing-lab').first();
      await lab.scrollIntoViewIfNeeded();
      await expect(lab.locator('input[name="tasks"]')).toBeEnabled();
      await smallRun(lab);
      await runAndWait(lab);
      await expect(lab.locator('gil-timeline')).toHaveCount(2);
      expect(await axeViolations(page, theme, ['timing-lab'])).toEqual([]);
    });
  }

  test('every control is reached by Tab and shows focus', async ({ page }) => {
    const lab = await openLab(page, '/practice-problems/');
    await lab.locator('input[data-guess]').first().focus();
    const reached: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      const info = await page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement;
        const s = getComputedStyle(a);
        const box = a.getBoundingClientRect();
        return {
          name: a.name || a.dataset.tl || a.tagName,
          outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
          size: Math.min(box.width, box.height),
        };
      });
      expect(info.outline, `${info.name} shows focus`).toBeGreaterThanOrEqual(2);
      expect(info.size, `${info.name} is large enough`).toBeGreaterThanOrEqual(16);
      reached.push(info.name.replace(/^tl-gt\d+-/, ''));
      await page.keyboard.press('Tab');
    }
    // Stop is disabled until a run starts, so Tab skips it.
    expect(reached).toEqual([
      'guess-gil',
      'guess-processes',
      'modes',
      'modes',
      'modes',
      'modes',
      'tasks',
      'work',
      'intervalMs',
      'io',
      'run',
    ]);
  });

  test('at 375 px nothing scrolls sideways, before or after a run', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const lab = await openLab(page);
    const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await smallRun(lab);
    await runAndWait(lab);
    await expect(lab.locator('gil-timeline')).toHaveCount(2);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The results table scrolls sideways here, so it must be reachable by keyboard.
    expect(await axeViolations(page, 'light', ['timing-lab'])).toEqual([]);
  });

  test('byte budget: ≤ 5 KB of JS before the lab is visible, ≤ 25 KB once it is, workers included', async ({
    page,
  }) => {
    // A worker's script has no body there: it is measured below.
    const scripts = watchScripts(page);
    const workerUrls = new Set<string>();
    page.on('worker', (worker) => workerUrls.add(worker.url()));
    await page.goto(PAGE, { waitUntil: 'networkidle' });
    const lab = page.locator('timing-lab').first();
    expect(await lab.evaluate((e) => e.matches(':defined')), 'the lab starts out of view').toBe(false);
    const loadedBefore = await scripts.loaded();
    const before = sum(loadedBefore.values()) + (await inlineScriptBytes(page));
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('input[name="tasks"]')).toBeEnabled();
    await smallRun(lab, ['gil']);
    await runAndWait(lab);
    await page.waitForLoadState('networkidle');
    const after = [...(await scripts.loaded())].filter(([url]) => !loadedBefore.has(url));
    expect(workerUrls.size, 'one worker script').toBe(1);
    for (const url of workerUrls) {
      if (!after.some(([seen]) => seen === url))
        after.push([url, gzipSync(await (await page.request.get(url)).body()).length]);
    }
    const total = sum(after.map(([, size]) => size));
    const detail = after.map(([url, size]) => `${url.split('/').pop()} ${size} B`).join(', ');
    test.info().annotations.push({
      type: 'bytes',
      description: `before visible ${before} B gzip; once visible and run +${total} B gzip (${detail})`,
    });
    console.log(`timing lab JS: before visible ${before} B gzip; once visible and run +${total} B gzip (${detail})`);
    expect(before).toBeLessThanOrEqual(5 * 1024);
    expect(total).toBeLessThanOrEqual(25 * 1024);
  });
});

test('without JavaScript the lab says it needs JavaScript and shows the model’s prediction', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const lab = page.locator('timing-lab').first();
  await expect(lab.getByText('so it needs JavaScript')).toBeVisible();
  await expect(lab.getByRole('img', { name: 'The model’s prediction for each mode' })).toBeVisible();
  for (const heading of ['Sequential', 'Threads + GIL', 'Free-threaded', 'Processes']) {
    await expect(lab.locator('svg text', { hasText: heading })).not.toHaveCount(0);
  }
  await expect(lab.locator('figcaption')).toContainText(
    'What the model predicts: 4 tasks of cpu_bound(50 million) on 4 cores',
  );
  await expect(lab.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(lab.getByLabel('Tasks')).toBeDisabled();
  // The replay's timelines wait in a template until a run: the page's own figures are unchanged.
  await expect(lab.locator('gil-timeline')).toHaveCount(0);
  await context.close();
});

test.describe('on a host that sends no isolation headers', () => {
  let server: StaticServer;
  test.beforeAll(async () => {
    server = await serveStatic(DIST);
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('the lab says why it cannot run, which headers the host needs, and still shows the prediction', async ({
    page,
  }) => {
    await page.goto(`${server.url}${PAGE}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    const alert = lab.locator('[data-tl="isolation"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('The timing lab cannot run here');
    await expect(alert).toContainText('Cross-Origin-Opener-Policy: same-origin');
    await expect(alert).toContainText('Cross-Origin-Embedder-Policy: require-corp');
    await expect(lab.getByRole('button', { name: 'Run' })).toBeDisabled();
    await expect(lab.getByRole('img', { name: 'The model’s prediction for each mode' })).toBeVisible();
    await lab.getByLabel('Tasks').fill('2');
    await lab.getByLabel('Tasks').press('Tab');
    await expect(lab.locator('[data-tl="model-caption"]')).toContainText('2 tasks of cpu_bound(50 million)');
    expect(problems, 'console errors and warnings').toEqual([]);
  });

  test('with the opt-in service worker the site becomes isolated and the lab runs', async ({ page }) => {
    await page.goto(`${server.url}${PAGE}`);
    let lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('button', { name: 'Turn on the helper and reload' }).click();
    await page.waitForFunction(() => crossOriginIsolated, null, { timeout: 30_000 });
    lab = await openLab(page, `${server.url}${PAGE}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(lab.locator('[data-tl="isolation"]')).toContainText('isolated by the site’s helper service worker');
    await smallRun(lab, ['sequential', 'gil']);
    await runAndWait(lab);
    const trace = await lab.evaluate((el) => (el as Lab).results[1]?.trace as TraceLike);
    expect(overlaps(trace)).toEqual([]);
    // Other pages of the site are isolated too, and the helper can be turned off again.
    await page.goto(`${server.url}/practice-problems/`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('button', { name: 'Turn off the helper and reload' }).click();
    await page.waitForFunction(() => !crossOriginIsolated && navigator.serviceWorker.controller === null, null, {
      timeout: 30_000,
    });
    lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('[data-tl="isolation"]')).toContainText('cannot run here');
    expect(problems, 'console errors and warnings').toEqual([]);
  });
});
