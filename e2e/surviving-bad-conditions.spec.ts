// The site under bad conditions: no JavaScript, no SharedArrayBuffer, one core, only a keyboard, a
// narrow or zoomed screen, and hostile links and input (a slow CPU: using-a-slow-cpu.spec.ts).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { builtPages, isListedPage } from './support/built-site';
import { sections } from './site';

const pages = builtPages()
  .filter(isListedPage)
  .map((p) => p.path);
const embeds = builtPages()
  .filter((p) => p.path.startsWith('/embed/'))
  .map((p) => p.path);
const DEMOS = 'gil-timeline, race-stepper, timing-lab';

/** Collects uncaught errors; markup from a payload would set window.__pwned or add an <img src=x>. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}
const PAYLOAD = '<img src=x onerror=window.__pwned=1>';
async function expectNoInjection(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), `${where}: payload ran`).toBeUndefined();
  expect(await page.locator('img[src="x"]').count(), `${where}: payload markup`).toBe(0);
}

/** A small seeded PRNG (mulberry32), so every run fuzzes the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const HOSTILE = [
  PAYLOAD,
  '"><svg onload=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '-0.0001',
  '99999999999',
  '0x',
  '%E0%A4%A',
  '\u202e\u0000',
  '💥'.repeat(40),
  'a'.repeat(3000),
  '__proto__',
  'constructor',
];
function garbage(random: () => number): string {
  if (random() < 0.6) return HOSTILE[Math.floor(random() * HOSTILE.length)]!;
  // Always starts with a character no valid setting starts with.
  const first = 'xyz<>"\'&;=,#%?/\\';
  const chars = `${first} 0123456789.eE+-`;
  const pick = (from: string) => from[Math.floor(random() * from.length)];
  return pick(first) + Array.from({ length: Math.floor(random() * 20) }, () => pick(chars)).join('');
}

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  for (const path of [...pages, ...embeds]) {
    test(`${path} keeps its text, code and figures, and its demos say they need JavaScript`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      const main = page.locator('main');
      expect((await main.innerText()).length, `${path}: text`).toBeGreaterThan(path.startsWith('/embed/') ? 100 : 400);
      const section = sections.find((s) => path === `/${s.slug}/`);
      if (section !== undefined) {
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
        const words = (await main.locator('.prose').innerText()).split(/\s+/).length;
        expect(words, `${path} prose`).toBeGreaterThan(600);
        await expect(main.locator('pre.shiki').first()).toBeVisible();
      }
      // Controls that need JavaScript are not offered without it.
      await expect(page.getByLabel('Theme')).toBeHidden();
      await expect(page.locator('[data-copy]').first()).toBeHidden();
      for (const pre of await main.locator('pre').all())
        expect((await pre.innerText()).trim().length).toBeGreaterThan(0);
      for (const figure of await main.locator('figure').all()) {
        const content = await figure.evaluate(
          (f) => f.querySelector('svg, img, table, pre, ol, ul') !== null && (f.textContent ?? '').trim().length > 0,
        );
        expect(content, `${path}: a figure with no static content`).toBe(true);
      }
      for (const demo of await page.locator(DEMOS).all()) {
        await expect(demo, `${path}: ${await demo.evaluate((e) => e.localName)}`).toContainText(/needs JavaScript/);
      }
    });
  }
});

test.describe('without SharedArrayBuffer and with a single core', () => {
  test('the timeline and stepper work and the lab explains itself', async ({ page }) => {
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      delete (window as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 });
    });
    await page.goto('/gil-basics/');
    const timeline = page.locator('gil-timeline').first();
    await timeline.scrollIntoViewIfNeeded();
    await timeline.locator('[data-gt="next"]').click();
    await expect(timeline.locator('[data-gt="time"]')).not.toHaveText(/^0 ms/);
    const stepper = page.locator('race-stepper').first();
    await stepper.scrollIntoViewIfNeeded();
    const text = await stepper.locator('[data-rs="text"]').innerText();
    await stepper.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(stepper.locator('[data-rs="text"]')).not.toHaveText(text);

    await page.goto('/threading-vs-multiprocessing/');
    const lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('[data-tl="isolation"]')).toBeVisible();
    await expect(lab.getByRole('img', { name: 'The model’s prediction for each mode' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('with one core the lab still runs to the end', async ({ page }) => {
    const errors = watchErrors(page);
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
    await page.goto('/threading-vs-multiprocessing/');
    const lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Tasks').fill('2');
    await lab.getByLabel('Work per task (million iterations)').fill('2');
    await lab.getByRole('button', { name: 'Run' }).click();
    await expect(lab.locator('[data-tl="status"]')).toContainText('Done', { timeout: 60_000 });
    expect(errors).toEqual([]);
  });
});

/**
 * Tabs through the whole page from the top: every enabled control of its interactive elements is
 * reached (a radio group once, as Tab enters it) and shows a visible focus ring on the way.
 */
async function tabThrough(page: Page, path: string, within: string): Promise<void> {
  await page.goto(path);
  // Load every demo first, as scrolling by Tab would.
  for (const demo of await page.locator(within).all()) {
    await demo.scrollIntoViewIfNeeded();
    await expect.poll(() => demo.evaluate((e) => e.matches(':defined'))).toBe(true);
    // Upgraded demos enable the controls they server-rendered disabled.
    await expect(demo.locator('fieldset[disabled]')).toHaveCount(0);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  const controls = await page
    .locator(`:is(${within}) :is(button, input, select, summary):visible`)
    .evaluateAll((els) => [
      ...new Set(
        els
          .filter((e) => !(e as HTMLButtonElement).disabled)
          .map((e, i) => {
            const key = e instanceof HTMLInputElement && e.type === 'radio' ? `radio:${e.name}` : String(i);
            e.setAttribute('data-kb', key);
            return key;
          }),
      ),
    ]);
  expect(controls.length).toBeGreaterThan(8);
  const reached = new Set<string>();
  for (let i = 0; i < 600 && reached.size < controls.length; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        kb: el.dataset.kb ?? null,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        tag: el.outerHTML.slice(0, 80),
      };
    });
    if (info === null) break;
    expect(info.outline, `focus is visible on ${info.tag}`).toBe(true);
    if (info.kb !== null) reached.add(info.kb);
  }
  expect(
    controls.filter((c) => !reached.has(c)),
    `${path}: controls Tab never reached`,
  ).toEqual([]);
}

test('keyboard only: Tab reaches every control of gil-basics, each shows focus and works', async ({ page }) => {
  const errors = watchErrors(page);
  await tabThrough(page, '/gil-basics/', DEMOS);

  // Operate each demo by keyboard.
  const timeline = page.locator('gil-timeline').first();
  await timeline.locator('[data-gt="next"]').focus();
  await page.keyboard.press('Enter');
  await expect(timeline.locator('[data-gt="time"]')).not.toHaveText(/^0 ms/);
  await timeline.locator('[data-gt="canvas"]').focus();
  await page.keyboard.press('ArrowRight');
  await timeline.locator('[data-gt="speed"]').focus();
  await page.keyboard.press('ArrowDown');
  await timeline.locator('[data-param="threads"]').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  const stepper = page.locator('race-stepper').first();
  const before = await stepper.locator('[data-rs="text"]').innerText();
  await stepper.getByRole('button', { name: 'Step', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(stepper.locator('[data-rs="text"]')).not.toHaveText(before);
  expect(errors).toEqual([]);
});

test('keyboard only: the practice page, with every kind of demo, quizzes and hints, is reachable and works', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await tabThrough(page, '/practice-problems/', `${DEMOS}, practice-quiz, practice-hints, practice-progress`);

  // Answer a quiz question, open a hint and run a small lab, all from the keyboard.
  const quiz = page.locator('practice-quiz').first();
  await quiz.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('Space');
  await expect(quiz.locator('[data-q="feedback"]').first()).toBeVisible();
  const hints = page.locator('practice-hints').first();
  await hints.locator('[data-hints="next"]').focus();
  await page.keyboard.press('Enter');
  await expect(hints.locator('li:visible')).not.toHaveCount(0);
  const lab = page.locator('timing-lab').first();
  for (const [label, value] of [
    ['Tasks', '2'],
    ['Work per task (million iterations)', '2'],
  ] as const) {
    await lab.getByLabel(label).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(value);
  }
  await lab.getByRole('button', { name: 'Run' }).focus();
  await page.keyboard.press('Enter');
  await expect(lab.locator('[data-tl="status"]')).toContainText('Done', { timeout: 60_000 });
  expect(errors).toEqual([]);
});

/** How far the page's prose (paragraphs, lists, headings) reaches past the viewport, in CSS px. */
const proseOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const prose = [...document.querySelectorAll('main :is(p, li, h1, h2, h3, dt, dd, figcaption, blockquote)')];
    return Math.max(0, ...prose.map((e) => e.getBoundingClientRect().right - width));
  });
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('narrow and zoomed screens', () => {
  for (const path of pages) {
    test(`${path}: nothing scrolls sideways at 320 px, nor prose at 200% zoom`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 700 });
      await page.goto(path);
      expect(await proseOverflow(page), `${path} at 320 px`).toBeLessThanOrEqual(0);
      expect(await pageOverflow(page), `${path} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 640, height: 700 });
      await page.evaluate(() => (document.documentElement.style.zoom = '2'));
      expect(await proseOverflow(page), `${path} at 640 px and 200%`).toBeLessThanOrEqual(0);
    });
  }
});

test.describe('fuzzing links and controls with hostile values (seeded)', () => {
  test('the race stepper’s #race= link: 80 cases', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    const random = mulberry32(7);
    await page.goto('/why-the-gil-exists/');
    const stepper = page.locator('race-stepper').first();
    await stepper.scrollIntoViewIfNeeded();
    await expect(stepper.locator('[data-rs="step"]')).toBeEnabled();
    const keys = ['step', 'switch', 'lock', 'ft', 'py', garbage(random).slice(0, 6)];
    for (let i = 0; i < 80; i++) {
      const token = `${keys[Math.floor(random() * keys.length)]}-${garbage(random)}`;
      await page.evaluate((hash) => (location.hash = hash), `#race=step-1,${encodeURIComponent(token)}`);
      await expect(stepper.locator('[data-rs="status"]'), `#race=…${token}`).not.toBeEmpty();
      // Leave the stepper's hash so the next case is a change.
      await page.evaluate(() => (location.hash = '#x'));
    }
    await expectNoInjection(page, '#race=');
    expect(errors).toEqual([]);
  });

  const EMBED_KEYS: Record<string, string[]> = {
    timeline: ['scenario', 'threads', 'interval', 'workload', 'mode', 'cores', 't'],
    'timing-lab': ['modes', 'tasks', 'work', 'interval', 'io'],
    'race-stepper': ['step', 'switch', 'lock', 'ft', 'py'],
  };
  for (const [demo, keys] of Object.entries(EMBED_KEYS)) {
    test(`the ${demo} embed’s query: 30 cases`, async ({ page }) => {
      test.setTimeout(120_000);
      const errors = watchErrors(page);
      const random = mulberry32(11 + demo.length);
      for (let i = 0; i < 30; i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        const value = garbage(random);
        const url = `/embed/${demo}/?${new URLSearchParams({ [key]: value })}`;
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await expect(page.locator('[data-embed-notices] li'), url).not.toHaveCount(0);
        await expectNoInjection(page, url);
      }
      expect(errors).toEqual([]);
    });
  }

  test('the timeline’s and the lab’s inputs: 60 cases', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    const random = mulberry32(23);
    await page.goto('/threading-vs-multiprocessing/');
    const set = async (input: Locator, value: string) =>
      input.evaluate((el, v) => {
        (el as HTMLInputElement).value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    const timeline = page.locator('gil-timeline').first();
    await timeline.scrollIntoViewIfNeeded();
    await expect(timeline.locator('[data-gt="play"]')).toBeEnabled();
    const lab = page.locator('timing-lab').first();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.getByLabel('Tasks')).toBeEnabled();
    const targets: [Locator, Locator][] = [
      ...['threads', 'switchIntervalMs', 'cores'].map((p): [Locator, Locator] => [
        timeline.locator(`[data-param="${p}"]`),
        timeline.locator('[data-gt="status"]'),
      ]),
      ...['tasks', 'work', 'intervalMs'].map((n): [Locator, Locator] => [
        lab.locator(`input[name="${n}"]`),
        lab.locator('[data-tl="status"]'),
      ]),
    ];
    for (let i = 0; i < 60; i++) {
      const [input, status] = targets[i % targets.length]!;
      const value = garbage(random);
      await set(input, value);
      await expect(
        status,
        `${(await input.getAttribute('data-param')) ?? (await input.getAttribute('name'))} = ${JSON.stringify(value).slice(0, 60)}`,
      ).not.toBeEmpty();
    }
    await expectNoInjection(page, 'controls');
    expect(errors).toEqual([]);
  });
});
