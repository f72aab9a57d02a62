import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from './src/lib/chromium.ts';
import { headersFor } from './src/lib/security-headers.ts';
import { serveStatic } from './src/lib/static-server.ts';
const ours = await serveStatic('dist', (p) => headersFor(p));
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
for (const p of process.argv.slice(2)) {
  const r = await lighthouse(`${ours.url}${p}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = r!.lhr.audits;
  console.log(p, Math.round(r!.lhr.categories.performance.score! * 100), ['first-contentful-paint','largest-contentful-paint','total-blocking-time','cumulative-layout-shift','speed-index'].map((k) => `${k}=${a[k]?.displayValue} (${a[k]?.score})`).join(' '));
  const cls = a['layout-shifts']?.details as any;
  console.log('  shifts:', JSON.stringify(cls?.items?.map((i: any) => [i.node?.snippet?.slice(0,120), i.score]) ?? null));
}
chrome.kill(); await ours.close();
