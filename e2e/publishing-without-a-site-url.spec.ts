import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm start` and a careless deploy build without SITE_URL. Such a build must not publish
// absolute URLs pointing at a machine that is not the site (localhost, 127.0.0.1).
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('a build without SITE_URL has no canonical or og:url tags, no sitemap and no localhost URL', async () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'gil-no-site-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    delete env.SITE_URL;
    execFileSync('npx', ['astro', 'build', '--outDir', out], { env, stdio: 'pipe' });
    const built = files(out).filter((f) => /\.(html|xml|txt|js|json)$/.test(f));
    const pages = built.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(8);
    for (const file of built) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)/);
      if (file.endsWith('.html')) expect(text, file).not.toMatch(/rel="canonical"|property="og:url"|rel="sitemap"/);
    }
    // The rest of the head is still there.
    expect(readFileSync(join(out, 'gil-basics/index.html'), 'utf8')).toMatch(/property="og:title"/);
    expect(existsSync(join(out, 'sitemap-index.xml'))).toBe(false);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
