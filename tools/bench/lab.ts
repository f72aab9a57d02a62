/**
 * The timing lab's own numbers, measured in headless Chromium on the built site: run from the
 * project root with `npm run bench:lab` (it builds first), or `node tools/bench/lab.ts` to reuse
 * a build (LAB_DIST picks the folder, default dist/). Prints figures against their targets; timing
 * on a shared machine varies, so a figure outside its target is reported, not fatal.
 *
 *   LAB_WORK   million iterations per task (default 150)   LAB_TASKS  tasks (default 4)
 *   LAB_RUNS   repetitions (default 3)                      LAB_INTERVAL  switch interval, ms (default 5)
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ISOLATION_HEADERS } from '../security-headers.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.ts';
import { serveStatic } from '../static-server.ts';

const dist = process.env.LAB_DIST ?? 'dist';
const work = Number(process.env.LAB_WORK ?? 150);
const tasks = Number(process.env.LAB_TASKS ?? 4);
const runs = Number(process.env.LAB_RUNS ?? 3);
const interval = Number(process.env.LAB_INTERVAL ?? 5);
const page = '/threading-vs-multiprocessing/';

if (!existsSync(join(dist, page, 'index.html'))) {
  console.error(`No built site in ${dist}/: run \`npm run build\` first (or set LAB_DIST).`);
  process.exit(1);
}

interface Figures {
  mode: string;
  wall: number;
  handOffs: number;
  medianHold: number;
  medianHandOff: number;
  lockOverhead: number;
  unreliable: boolean;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1] as number;
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

const server = await serveStatic(dist, ISOLATION_HEADERS);
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: CHROMIUM_ARGS,
});
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await tab.goto(`${server.url}${page}`);
  const lab = tab.locator('timing-lab').first();
  await lab.scrollIntoViewIfNeeded();
  await tab.waitForFunction(() => customElements.get('timing-lab') !== undefined);
  const browserCores = await tab.evaluate(() => navigator.hardwareConcurrency);
  if (!(await tab.evaluate(() => crossOriginIsolated))) throw new Error('the page is not cross-origin isolated');
  await lab.getByLabel('Tasks').fill(String(tasks));
  await lab.getByLabel('Work per task (million iterations)').fill(String(work));
  await lab.getByLabel('Switch interval (ms)').fill(String(interval));
  await lab.getByLabel('Work', { exact: true }).selectOption('cpu');
  // Long tasks on the page's main thread while the lab runs (the lab's budget: none over 50 ms).
  await tab.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
    });
  });

  const cores = availableParallelism();
  console.log(
    `Timing lab benchmark: ${cores} cores (os.availableParallelism), navigator.hardwareConcurrency ${browserCores}; ` +
      `${tasks} tasks × cpu_bound(${work} million), switch interval ${interval} ms, ${runs} runs of all four modes`,
  );
  const all: Figures[][] = [];
  for (let run = 1; run <= runs; run += 1) {
    // The element replaces `results` when a run completes: remember the old array, in the page.
    await lab.evaluate((el) => {
      (window as unknown as { before: unknown }).before = (el as HTMLElement & { results: unknown }).results;
    });
    await lab.getByRole('button', { name: 'Run' }).click();
    await tab.waitForFunction(
      () =>
        (document.querySelector('timing-lab') as HTMLElement & { results: unknown }).results !==
        (window as unknown as { before: unknown }).before,
      null,
      { timeout: 300_000, polling: 250 },
    );
    const figures = await lab.evaluate((el) =>
      (el as HTMLElement & { results: Figures[] }).results.map((r) => ({
        mode: r.mode,
        wall: r.wall,
        handOffs: r.handOffs,
        medianHold: r.medianHold,
        medianHandOff: r.medianHandOff,
        lockOverhead: r.lockOverhead,
        unreliable: r.unreliable,
      })),
    );
    all.push(figures);
    console.log(
      `  run ${run}: ` +
        figures
          .map((f) => `${f.mode} ${(f.wall / 1000).toFixed(0)} ms${f.unreliable ? ' (tab hidden)' : ''}`)
          .join(', '),
    );
    // Let the replayed timelines settle before the next run.
    await tab.waitForTimeout(500);
  }

  const of = (mode: string): Figures[] => all.map((r) => r.find((f) => f.mode === mode) as Figures);
  const seq = of('sequential');
  const gil = of('gil');
  const free = of('free-threaded');
  const proc = of('processes');
  const ratio = median(gil.map((g, i) => g.wall / (seq[i] as Figures).wall));
  const ftSpeed = median(free.map((f, i) => (seq[i] as Figures).wall / f.wall));
  const procSpeed = median(proc.map((p, i) => (seq[i] as Figures).wall / p.wall));
  const ceiling = Math.min(tasks, cores);
  const overhead = median(gil.map((g) => g.lockOverhead));
  const hold = median(gil.map((g) => g.medianHold)) / (interval * 1000);
  const longTasks = await tab.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const mark = (ok: boolean): string => (ok ? 'within target' : 'OUTSIDE target');

  console.log(`\nMedians over ${runs} runs, ${cores} cores:`);
  console.log(
    `  threads + GIL ÷ sequential wall time: ${ratio.toFixed(3)} (target 0.95–1.2) — ${mark(ratio >= 0.95 && ratio <= 1.2)}`,
  );
  console.log(
    `  free-threaded speed-up: ${ftSpeed.toFixed(2)}× vs 0.85 × min(${tasks}, ${cores}) = ${(0.85 * ceiling).toFixed(2)}× — ${mark(ftSpeed >= 0.85 * ceiling)}`,
  );
  console.log(
    `  lock overhead (hand-offs × median hand-off latency ÷ wall): ${pct(overhead)} ` +
      `(${median(gil.map((g) => g.handOffs))} hand-offs × ${median(gil.map((g) => g.medianHandOff))} µs; target < 2%) — ${mark(overhead < 0.02)}`,
  );
  console.log(
    `  median GIL hold: ${(median(gil.map((g) => g.medianHold)) / 1000).toFixed(2)} ms = ${hold.toFixed(3)} × the ${interval} ms interval (target within 20%) — ${mark(Math.abs(hold - 1) <= 0.2)}`,
  );
  console.log(`  processes speed-up (for reference): ${procSpeed.toFixed(2)}×`);
  console.log(
    `  main-thread long tasks during the runs: ${longTasks.length}${longTasks.length > 0 ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''} (budget: none over 50 ms)`,
  );
} finally {
  await browser.close();
  await server.close();
}
