/**
 * Lighthouse on every page of the built site (mobile settings, system Chromium), and, side by side,
 * the same text-only page rendered by a default Starlight site built in a temporary folder.
 * Run with `npm run bench:lighthouse` (builds first); LH_DIST reuses a build (default dist/),
 * LH_SKIP_STARLIGHT=1 skips the comparison. A benchmark: it prints figures and never fails on them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { builtPages, isRedirectStub } from '../../e2e/support/built-site.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.ts';
import { headersFor } from '../security-headers.ts';
import { serveStatic } from '../static-server.ts';

const dist = process.env.LH_DIST ?? 'dist';
const COMPARED = 'introduction';
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

interface Row {
  page: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  totalBytes: number;
  jsBytes: number;
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function row(page: string, lhr: Lhr): Row {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const items =
    (
      lhr.audits['resource-summary']?.details as
        { items?: { resourceType: string; transferSize: number }[] } | undefined
    )?.items ?? [];
  return {
    page,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    totalBytes: Math.round(lhr.audits['total-byte-weight']?.numericValue ?? 0),
    jsBytes: items.find((i) => i.resourceType === 'script')?.transferSize ?? 0,
  };
}

async function audit(urls: [string, string][]): Promise<Row[]> {
  const chrome = await chromeLauncher.launch({ chromePath: await chromiumPath(), chromeFlags: CHROME_FLAGS });
  try {
    const rows: Row[] = [];
    for (const [name, url] of urls) {
      // Lighthouse's default config is the mobile one (Moto G Power, slow 4G, CPU ×4).
      let result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
      // A trace that failed to record (NO_NAVSTART, say) is Lighthouse's flake: one more try.
      if (result?.lhr.runtimeError)
        result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError)
        console.log(`\n${name}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      for (const [id, category] of Object.entries(result.lhr.categories)) {
        if (category.score === null) console.log(`\n${name}: ${id} has no score (an audit errored)`);
      }
      rows.push(row(name, result.lhr));
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    return rows;
  } finally {
    chrome.kill();
  }
}

/** The compared page's MDX with our components replaced by plain Markdown. */
function plainMarkdown(mdx: string): string {
  return mdx
    .replace(/^import .*$/gm, '')
    .replace(
      /<CodeFile path="([^"]+)"\s*\/>/g,
      (_, file: string) => `\`\`\`python\n${readFileSync(join('content/examples', file), 'utf8').trimEnd()}\n\`\`\``,
    )
    .replace(/<(Callout|Misconception)[^>]*(?:title|claim)="([^"]*)"[^>]*>/g, ':::note[$2]')
    .replace(/<\/(Callout|Misconception)>/g, ':::');
}

/** Builds a default Starlight site holding the compared page; returns its dist folder. */
function buildStarlight(): string {
  const dir = mkdtempSync(join(tmpdir(), 'starlight-bench-'));
  mkdirSync(join(dir, 'src/content/docs'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'starlight-bench', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ integrations: [starlight({ title: 'GIL Deep Dive' })] });\n",
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
  );
  writeFileSync(
    join(dir, `src/content/docs/${COMPARED}.mdx`),
    plainMarkdown(readFileSync(`content/docs/${COMPARED}.mdx`, 'utf8')),
  );
  writeFileSync(join(dir, 'src/content/docs/index.mdx'), '---\ntitle: Home\n---\n\nHome.\n');
  console.log(`Installing Starlight in ${dir} …`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'astro', '@astrojs/starlight'], {
    cwd: dir,
    stdio: 'inherit',
  });
  execFileSync('npx', ['astro', 'build'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return join(dir, 'dist');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (!existsSync(join(dist, 'index.html'))) throw new Error(`No build in ${dist}: run npm run build first`);
// With the headers a production host sends (isolation and the CSP), as `npm start` serves it.
const ours = await serveStatic(dist, (path) => headersFor(path));
try {
  const paths = builtPages(dist)
    .filter((p) => !isRedirectStub(p) && p.path !== '/404.html')
    .map((p) => p.path);
  console.log(`Lighthouse (mobile) on ${paths.length} pages of ${dist}`);
  const rows = await audit(paths.map((p) => [p, `${ours.url}${p}`]));
  console.table(rows.map((r) => ({ ...r, totalBytes: kb(r.totalBytes), jsBytes: kb(r.jsBytes) })));

  if (process.env.LH_SKIP_STARLIGHT !== '1') {
    const starlight = await serveStatic(buildStarlight());
    try {
      const [theirs] = await audit([[`Starlight /${COMPARED}/`, `${starlight.url}/${COMPARED}/`]]);
      const mine = rows.find((r) => r.page === `/${COMPARED}/`)!;
      console.log(`\nThe same text-only page (/${COMPARED}/), this site vs a default Starlight site:`);
      console.table([
        {
          site: 'GIL Deep Dive',
          totalBytes: kb(mine.totalBytes),
          jsBytes: kb(mine.jsBytes),
          performance: mine.performance,
        },
        {
          site: 'Starlight',
          totalBytes: kb(theirs!.totalBytes),
          jsBytes: kb(theirs!.jsBytes),
          performance: theirs!.performance,
        },
      ]);
      const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
      console.log(
        `ratio (ours / Starlight): total bytes ${ratio(mine.totalBytes, theirs!.totalBytes)}, JS bytes ${ratio(mine.jsBytes, theirs!.jsBytes)}`,
      );
    } finally {
      await starlight.close();
    }
  }
} finally {
  await ours.close();
}
