/**
 * How smoothly does the timeline play its largest trace? Build first (`npx astro build`), then run
 * from the project root: `node tools/bench/timeline-playback.ts` (Node 24 strips the types).
 * It serves dist/ itself (or uses BENCH_URL), sets a timeline to 8 threads of mixed
 * work at the smallest switch interval, plays it for 5 s in Chromium, and prints the longest frame's
 * scripting time and whether any long task (> 50 ms) happened.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.ts';

const PLAY_MS = 5_000;
const FRAME_BUDGET_MS = 16.7;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ on a free port. A plain file server rather than `astro preview`, which allows one
 * preview per project and may already be running for the e2e suite.
 */
async function serve(): Promise<{ base: string; server: Server | null }> {
  if (process.env.BENCH_URL) return { base: process.env.BENCH_URL.replace(/\/$/, ''), server: null };
  if (!existsSync('dist/gil-basics/index.html')) throw new Error('No dist/: run `npx astro build` first.');
  const server = createServer((req, res) => {
    let path = join('dist', normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith('dist') || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { base: `http://127.0.0.1:${address.port}`, server };
}

const { base, server } = await serve();
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/gil-basics/`);
  const el = page.locator('gil-timeline').first();
  await el.scrollIntoViewIfNeeded();
  await el.locator('[data-gt="ui"]').waitFor();

  // The largest trace the controls can make. Each change re-runs the model; time the last one.
  for (const [param, value] of [
    ['threads', '8'],
    ['workload', 'mixed'],
    ['cores', '8'],
  ] as const) {
    const control = el.locator(`[data-param="${param}"]`);
    if (param === 'workload') await control.selectOption(value);
    else await control.fill(value);
    await control.dispatchEvent('change');
  }
  const rerun = await el.evaluate(
    (e) =>
      new Promise<{ script: number; frame: number }>((resolve) => {
        const input = e.querySelector<HTMLInputElement>('[data-param="switchIntervalMs"]')!;
        input.value = '0.5';
        const start = performance.now();
        input.dispatchEvent(new Event('change')); // handled synchronously: model, summary, SVG string
        const script = performance.now() - start;
        // The second frame callback runs after the first frame with the new SVG was drawn.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ script, frame: performance.now() - start })));
      }),
  );
  await page.waitForTimeout(500); // let the redraw settle, so that only playback is measured below
  const size = await el.evaluate((e) => {
    const trace = (e as HTMLElement & { trace: { events: unknown[]; segments: unknown[]; end: number } }).trace;
    return { events: trace.events.length, segments: trace.segments.length, end: trace.end };
  });

  // Time every animation-frame callback (the element looks requestAnimationFrame up on each call),
  // and watch for long tasks.
  await page.evaluate(() => {
    const w = window as unknown as { frameScript: number[]; frameGaps: number[]; longTasks: number[] };
    w.frameScript = [];
    w.frameGaps = [];
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    const raf = window.requestAnimationFrame.bind(window);
    let last: number | null = null;
    window.requestAnimationFrame = (callback) =>
      raf((now) => {
        if (last !== null) w.frameGaps.push(now - last);
        last = now;
        const start = performance.now();
        callback(now);
        w.frameScript.push(performance.now() - start);
      });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  await el.locator('[data-gt="play"]').click();
  await page.waitForTimeout(PLAY_MS);
  await el.locator('[data-gt="play"]').click();
  const after = await metric();
  const { frameScript, frameGaps, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { frameScript: number[]; frameGaps: number[]; longTasks: number[] };
    return { frameScript: w.frameScript, frameGaps: w.frameGaps, longTasks: w.longTasks };
  });
  const sorted = [...frameScript].sort((a, b) => a - b);
  const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const delta = (name: string): number => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  const cursor = await el.evaluate((e) => (e as HTMLElement & { cursor: number }).cursor);

  console.log(
    `trace: 8 threads, mixed work, 8 cores, 0.5 ms switch interval: ${size.events} events, ${size.segments} segments, ${(size.end / 1000).toFixed(0)} ms of model time`,
  );
  console.log(
    `a parameter change (re-run the model, redraw): ${rerun.script.toFixed(1)} ms of script, ` +
      `${rerun.frame.toFixed(1)} ms until the new figure is on screen`,
  );
  console.log(
    `played ${PLAY_MS / 1000} s at 1× (cursor reached ${(cursor / 1000).toFixed(0)} ms): ${frameScript.length} frames`,
  );
  console.log(
    `frame scripting: longest ${pct(1).toFixed(2)} ms, p95 ${pct(0.95).toFixed(2)} ms, median ${pct(0.5).toFixed(2)} ms ` +
      `(budget ${FRAME_BUDGET_MS} ms)`,
  );
  console.log(`longest gap between frames: ${Math.max(0, ...frameGaps).toFixed(1)} ms`);
  console.log(
    `main thread over the 5 s (CDP): script ${delta('ScriptDuration').toFixed(0)} ms, style ${delta('RecalcStyleDuration').toFixed(0)} ms, ` +
      `layout ${delta('LayoutDuration').toFixed(0)} ms, task ${delta('TaskDuration').toFixed(0)} ms`,
  );
  console.log(
    longTasks.length === 0
      ? 'long tasks (> 50 ms): none'
      : `long tasks (> 50 ms): ${longTasks.length}, longest ${Math.max(...longTasks).toFixed(0)} ms`,
  );
  process.exitCode = longTasks.length === 0 && pct(1) < FRAME_BUDGET_MS ? 0 : 1;
} finally {
  await browser.close();
  server?.close();
}
