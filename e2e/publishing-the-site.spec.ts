import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesUnder } from '../tools/files.ts';

// Both tests build the site again; two Astro builds in one project folder share its .astro/
// working files, so they run one after the other.
test.describe.configure({ mode: 'serial' });

// Course sites are often project pages served under a sub-path. Build the site that way and
// check that every internal reference in every page lands on a file of that build.
const base = '/gil-deep-dive/';
const site = 'https://courses.example.org';

test('built under a base path, every internal link, asset and canonical URL honours it', async () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'gil-base-'));
  try {
    execFileSync('npx', ['astro', 'build', '--outDir', out], {
      env: { ...process.env, BASE_PATH: base, SITE_URL: site, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
    const pages = filesUnder(out, (f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(8);
    let checked = 0;
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const pagePath = base + file.slice(out.length + 1).replace(/index\.html$/, '');
      const pageUrl = new URL(pagePath, site);
      for (const [, attr, ref] of html.matchAll(/\s(href|src)="([^"]+)"/g)) {
        const url = new URL(ref!, pageUrl);
        if (url.origin !== pageUrl.origin) continue;
        expect(url.pathname.startsWith(base), `${pagePath}: ${attr}="${ref}" escapes ${base}`).toBe(true);
        const rel = decodeURIComponent(url.pathname.slice(base.length));
        const target = join(out, rel);
        const exists = existsSync(target) && (statSync(target).isFile() || existsSync(join(target, 'index.html')));
        expect(exists, `${pagePath}: ${attr}="${ref}" → ${url.pathname} does not exist in the build`).toBe(true);
        checked++;
      }
      const canonical = html.match(/<link rel="canonical" href="([^"]+)"/)?.[1];
      if (canonical) expect(canonical.startsWith(`${site}${base}`), `${pagePath} canonical ${canonical}`).toBe(true);
    }
    expect(checked).toBeGreaterThan(100);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toContain(`${site}${base}sitemap-index.xml`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// `npm start` and a careless deploy build without SITE_URL. Such a build must not publish
// absolute URLs pointing at a machine that is not the site (localhost, 127.0.0.1).

test('a build without SITE_URL has no absolute canonical or og:url, no sitemap and no localhost URL', async () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'gil-no-site-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    delete env.SITE_URL;
    execFileSync('npx', ['astro', 'build', '--outDir', out], { env, stdio: 'pipe' });
    const built = filesUnder(out).filter((f) => /\.(html|xml|txt|js|json)$/.test(f));
    const pages = built.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(8);
    for (const file of built) {
      const text = readFileSync(file, 'utf8');
      // As a URL the site publishes (an attribute, or a sitemap or robots line); code samples may
      // talk to 127.0.0.1 in their text.
      expect(text, file).not.toMatch(/(="|<loc>|Sitemap: )https?:\/\/(localhost|127\.0\.0\.1)/);
      if (file.endsWith('.html'))
        expect(text, file).not.toMatch(/rel="canonical" href="https?:|property="og:url"|rel="sitemap"/);
    }
    // The rest of the head is still there.
    expect(readFileSync(join(out, 'gil-basics/index.html'), 'utf8')).toMatch(/property="og:title"/);
    expect(existsSync(join(out, 'sitemap-index.xml'))).toBe(false);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
