import type { Locator, Page } from '@playwright/test';
import { expect, test } from './quiet-console';
import { axeViolations, gotoInTheme, type Theme } from './site';

// A reader works through the practice problems: opens hints one at a time, answers the quizzes
// and gets feedback, comes back later to find their progress, and resets it.

const PATH = '/practice-problems/';
const KEY = 'gil-deep-dive:practice:v1';

async function open(page: Page): Promise<void> {
  await page.goto(PATH);
}

/** A hint list, scrolled to and upgraded. */
async function hints(page: Page, problem: number): Promise<Locator> {
  const el = page.locator(`practice-hints[data-key="problem-${problem}"]`);
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-hints="ui"]')).toBeVisible();
  return el;
}

/** A quiz, scrolled to and upgraded. */
async function quiz(page: Page, name: 'task-classes' | 'pool-mistakes'): Promise<Locator> {
  const el = page.locator(`practice-quiz[data-key="${name}"]`);
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-quiz="live"]')).toBeVisible();
  return el;
}

const question = (q: Locator, id: string): Locator => q.locator(`[data-q="${id}"]`);

test('hints open one at a time, and each new one is announced', async ({ page }) => {
  await open(page);
  const el = await hints(page, 2);
  const items = el.locator('li');
  await expect(items).toHaveCount(3);
  await expect(el.locator('li:visible')).toHaveCount(0);
  const button = el.getByRole('button');
  await expect(button).toHaveText('Show a hint (1 of 3)');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(el.locator('li:visible')).toHaveCount(1);
  await expect(items.first()).toContainText('Time the task in one thread');
  await expect(el.locator('[data-hints="status"]')).toHaveText(/^Hint 1 of 3: Time the task in one thread/);
  await expect(button).toHaveText('Show the next hint (2 of 3)');
  await expect(button).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(el.locator('li:visible')).toHaveCount(3);
  await expect(button).toHaveText('All 3 hints shown');
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(el.locator('li:visible')).toHaveCount(3);
  await expect(button).toBeFocused();
  // Other problems' hints are untouched.
  await expect((await hints(page, 3)).locator('li:visible')).toHaveCount(0);
});

test('the classification quiz explains right and wrong answers, the tricky ones included', async ({ page }) => {
  await open(page);
  const q = await quiz(page, 'task-classes');
  await expect(q.locator('.quiz-q')).toHaveCount(12);
  await expect(q.locator('[data-quiz="static"]')).toBeHidden();

  // Keyboard: Tab into the first group, Space picks the focused choice.
  const webApi = question(q, 'web-api');
  await webApi.getByRole('radio', { name: 'I/O-bound' }).focus();
  await page.keyboard.press('Space');
  await expect(webApi.locator('[data-q="verdict"]')).toHaveText('Right: I/O-bound.');
  await expect(webApi.locator('[data-q="feedback"]')).toContainText(
    'The thread waits on the network with the GIL released; threads or asyncio help.',
  );

  const json = question(q, 'json');
  await json.getByRole('radio', { name: 'CPU-bound in C, releases the GIL' }).check();
  await expect(json.locator('[data-q="verdict"]')).toHaveText(
    'Not quite. You chose “CPU-bound in C, releases the GIL”; the answer is “CPU-bound, holds the GIL”.',
  );
  await expect(json.locator('[data-q="trap"]')).toBeVisible();
  await expect(json.locator('[data-q="trap"]')).toContainText('Being written in C is not enough');
  const status = q.locator('[data-quiz="status"]');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('Not quite.');
  await expect(status).toContainText('The C parser builds Python objects and keeps the GIL.');

  // Changing to the right answer hides the trap; the score follows.
  await json.getByRole('radio', { name: 'CPU-bound, holds the GIL' }).check();
  await expect(json.locator('[data-q="verdict"]')).toHaveText('Right: CPU-bound, holds the GIL.');
  await expect(json.locator('[data-q="trap"]')).toBeHidden();
  const concat = question(q, 'np-concatenate');
  // np.concatenate copies numbers in C with the GIL released: "holds the GIL" is the trap.
  await concat.getByRole('radio', { name: 'CPU-bound, holds the GIL' }).check();
  await expect(concat.locator('[data-q="trap"]')).toContainText(
    'NumPy lets go of the GIL for it. Not every NumPy call does',
  );
  await expect(q.locator('[data-quiz="score"]')).toHaveText('2 of 3 answered right. 9 to go.');
});

test('spot the mistake: each ProcessPoolExecutor snippet gets an explained verdict', async ({ page }) => {
  await open(page);
  const q = await quiz(page, 'pool-mistakes');
  await expect(q.locator('.quiz-q')).toHaveCount(6);
  await expect(q.locator('.quiz-q').first().locator('pre')).toContainText('lambda n: cpu_intensive(n)');
  const lambda = question(q, 'lambda');
  await lambda.getByRole('radio', { name: 'A lambda cannot be pickled' }).check();
  await expect(lambda.locator('[data-q="verdict"]')).toHaveText('Right: A lambda cannot be pickled.');
  await expect(lambda.locator('[data-q="why"]')).toContainText("PicklingError: Can't pickle <function <lambda> …>");
  const correct = question(q, 'correct');
  await correct.getByRole('radio', { name: 'No if __name__ == "__main__": guard' }).check();
  await expect(correct.locator('[data-q="verdict"]')).toContainText('the answer is “Nothing: it is correct”');
  await expect(correct.locator('[data-q="trap"]')).toContainText('the pool is under the guard');
  for (const [id, choice, words] of [
    ['no-guard', 'No if __name__ == "__main__": guard', 'bootstrapping phase'],
    ['closure', 'A nested function cannot be pickled', 'main.<locals>.task'],
    ['unread', 'Results never read, so errors vanish', 'FileNotFoundError'],
    ['huge-argument', 'Every task copies a huge argument', 'copied four times'],
  ] as const) {
    await question(q, id).getByRole('radio', { name: choice }).check();
    await expect(question(q, id).locator('[data-q="verdict"]')).toHaveText(`Right: ${choice}.`);
    await expect(question(q, id).locator('[data-q="why"]')).toContainText(words);
  }
  await expect(q.locator('[data-quiz="score"]')).toHaveText('5 of 6 answered right. All 6 answered.');
});

test('progress survives a reload, and Reset clears it', async ({ page }) => {
  await open(page);
  const progress = page.locator('practice-progress');
  await expect(progress).toBeVisible();
  await expect(progress.locator('[data-progress="summary"]')).toHaveText('Nothing saved yet.');
  const h = await hints(page, 4);
  await h.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
  const q = await quiz(page, 'task-classes');
  await question(q, 'zlib').getByRole('radio', { name: 'CPU-bound in C, releases the GIL' }).check();
  await question(q, 'regex').getByRole('radio', { name: 'I/O-bound' }).check();
  await expect(progress.locator('[data-progress="summary"]')).toHaveText(
    'Saved in this browser: 2 answers and 1 hint shown.',
  );

  await page.reload();
  const q2 = await quiz(page, 'task-classes');
  await expect(question(q2, 'zlib').getByRole('radio', { name: 'CPU-bound in C, releases the GIL' })).toBeChecked();
  await expect(question(q2, 'regex').locator('[data-q="verdict"]')).toContainText('Not quite.');
  await expect(q2.locator('[data-quiz="score"]')).toHaveText('1 of 2 answered right. 10 to go.');
  const h2 = await hints(page, 4);
  await expect(h2.locator('li:visible')).toHaveCount(1);
  await expect(h2.getByRole('button')).toHaveText('Show the next hint (2 of 3)');
  await expect(page.locator('practice-progress [data-progress="summary"]')).toHaveText(
    'Saved in this browser: 2 answers and 1 hint shown.',
  );

  await page.locator('practice-progress').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await expect(page.locator('practice-progress [data-progress="status"]')).toHaveText(
    'Progress reset: all hints hidden and all answers cleared.',
  );
  await expect(page.locator('practice-progress [data-progress="summary"]')).toHaveText('Nothing saved yet.');
  await expect(q2.locator('input:checked')).toHaveCount(0);
  await expect(q2.locator('[data-q="feedback"]:visible')).toHaveCount(0);
  await expect(h2.locator('li:visible')).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
  await page.reload();
  await expect((await quiz(page, 'task-classes')).locator('input:checked')).toHaveCount(0);
});

test('blocked or damaged storage: everything still works, and the page says it cannot remember', async ({ page }) => {
  // As in some private modes: storage is there, but every read and write throws.
  await page.addInitScript(() => {
    const refuse = (): never => {
      throw new DOMException('blocked', 'SecurityError');
    };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
    Storage.prototype.removeItem = refuse;
  });
  await open(page);
  await expect(page.locator('practice-progress [data-progress="summary"]')).toContainText('storage is blocked');
  const q = await quiz(page, 'task-classes');
  await question(q, 'sort').getByRole('radio', { name: 'CPU-bound, holds the GIL' }).check();
  await expect(question(q, 'sort').locator('[data-q="verdict"]')).toHaveText('Right: CPU-bound, holds the GIL.');
  await (await hints(page, 5)).getByRole('button').click();
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await expect(q.locator('input:checked')).toHaveCount(0);
});

test('a damaged saved value is ignored instead of breaking the page', async ({ page }) => {
  await page.addInitScript((k) => {
    localStorage.setItem(
      k,
      JSON.stringify({ hints: { 'problem-2': 99, '<x>': 1 }, answers: { 'task-classes/json': '<b>' } }),
    );
  }, KEY);
  await open(page);
  const h = await hints(page, 2);
  await expect(h.locator('li:visible')).toHaveCount(0);
  const q = await quiz(page, 'task-classes');
  await expect(q.locator('input:checked')).toHaveCount(0);
  await expect(page.locator('practice-progress [data-progress="summary"]')).toHaveText('Nothing saved yet.');
});

test('without JavaScript the page is complete static content', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  // Problem 2: the answers as a table, from the same data as the quiz.
  const table = page.locator('practice-quiz[data-key="task-classes"] table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(12);
  await expect(table.locator('tbody tr').nth(3)).toContainText(
    'Hashing a 2 GB file with hashlib.sha256 in 1 MiB chunks',
  );
  await expect(table.locator('tbody tr').nth(3)).toContainText('CPU-bound in C, releases the GIL');
  await expect(page.locator('.quiz-live')).toHaveCount(2);
  await expect(page.locator('.quiz-live').first()).toBeHidden();
  // Problem 3: every snippet, its answer one click away.
  const mistakes = page.locator('practice-quiz[data-key="pool-mistakes"] .quiz-static-item');
  await expect(mistakes).toHaveCount(6);
  await mistakes.first().getByText('Answer').click();
  await expect(mistakes.first()).toContainText('A lambda cannot be pickled.');
  // Hints: all of them, in a disclosure.
  const h = page.locator('practice-hints[data-key="problem-3"]');
  await h.getByText('Show all 3 hints').click();
  await expect(h.locator('li')).toHaveCount(3);
  await expect(h.locator('li:visible')).toHaveCount(3);
  await expect(page.locator('practice-hints [data-hints="ui"]').first()).toBeHidden();
  // Nothing can be saved, so the progress box stays out of the way.
  await expect(page.locator('practice-progress')).toBeHidden();
  // Problem 4's stepper and problem 5's table of expected figures.
  await expect(page.locator('race-stepper .rs-stage')).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'One thread, against the GIL build' })).toContainText(
    'roughly 5-10%',
  );
  await context.close();
});

test('the reference solutions are on the page and download', async ({ page, request }) => {
  await open(page);
  for (const file of [
    'practice_classify_tasks.py',
    'process_pool.py',
    'practice_thread_safe_counter.py',
    'practice_measure_gil.py',
  ]) {
    const link = page.getByRole('link', { name: `Download ${file}` });
    await expect(link).toHaveAttribute('href', `/examples/${file}`);
    const response = await request.get(`/examples/${file}`);
    expect(response.status()).toBe(200);
  }
  expect(await (await request.get('/examples/practice_measure_gil.py')).text()).toContain('sys._is_gil_enabled()');
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe finds no WCAG 2.2 AA violation on the working practice page (${theme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await gotoInTheme(page, PATH, theme);
    const q = await quiz(page, 'task-classes');
    await question(q, 'json').getByRole('radio', { name: 'I/O-bound' }).check();
    await question(q, 'zlib').getByRole('radio', { name: 'CPU-bound in C, releases the GIL' }).check();
    const m = await quiz(page, 'pool-mistakes');
    await question(m, 'lambda').getByRole('radio', { name: 'Nothing: it is correct' }).check();
    await (await hints(page, 2)).getByRole('button').click();
    expect(await axeViolations(page, theme, ['practice-quiz', 'practice-hints', 'practice-progress'])).toEqual([]);
  });
}

test('at 375 px the practice page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  const q = await quiz(page, 'pool-mistakes');
  await question(q, 'closure').getByRole('radio', { name: 'A lambda cannot be pickled' }).check();
  await quiz(page, 'task-classes');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
});
