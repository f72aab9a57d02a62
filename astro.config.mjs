// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import { codeThemes, codeTransformers } from './src/demos/kit/highlight.ts';
import { ISOLATION_HEADERS } from './tools/security-headers.ts';

// Where the site is published. Course sites often live under a sub-path (a project page),
// so both are configurable; every internal link goes through import.meta.env.BASE_URL.
// Without SITE_URL the build has no absolute URLs at all (no canonical or og:url tags, no
// sitemap), so a build made for a local look is never published pointing at localhost.
const site = process.env.SITE_URL || undefined;
const base = process.env.BASE_PATH ?? '/';

// Old addresses that must keep working (course pages link them): old path → new path. Renamed
// headings keep their old ids through src/anchor-aliases.json instead.
export const redirects = {
  '/free-threading/': '/free-threaded-python/',
};

/**
 * Pages that are not for search engines: demo embeds and the redirects' stubs.
 * @param {string} pathname
 */
const unlisted = (pathname) =>
  pathname.startsWith(`${base.replace(/\/$/, '')}/embed/`) ||
  Object.keys(redirects).some((from) => pathname.endsWith(from));

/**
 * Writes the Pagefind search index into the build's own output directory (tests build elsewhere
 * with --outDir). Only DocLayout's main is indexed (data-pagefind-body); demos, navigation and the
 * copy-link buttons are left out here because their components are shared with embeds.
 */
/** @type {import('astro').AstroIntegration} */
const pagefind = {
  name: 'pagefind',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const { createIndex, close } = await import('pagefind');
      const { index, errors } = await createIndex({
        excludeSelectors: [
          'gil-timeline',
          'timing-lab',
          'race-stepper',
          'nav',
          '.anchor-link',
          '.copy-link-group',
          '.kicker',
        ],
      });
      if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
      const added = await index.addDirectory({ path: fileURLToPath(dir) });
      if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
      await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
      await close();
      logger.info(`Pagefind indexed ${added.page_count} pages`);
    },
  },
};

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Stylesheets as files: the site-wide CSS is fetched once and cached, not repeated in every page.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The timing demos need cross-origin isolation (SharedArrayBuffer). Only the top-level
  // server.headers reach pages in both dev and preview; vite.server.headers does not.
  server: { port: 4321, headers: ISOLATION_HEADERS },
  // Astro prefixes the base to the old path but not to the new one.
  redirects: Object.fromEntries(
    Object.entries(redirects).map(([from, to]) => [from, `${base.replace(/\/$/, '')}${to}`]),
  ),
  integrations: [mdx(), ...(site ? [sitemap({ filter: (page) => !unlisted(new URL(page).pathname) })] : []), pagefind],
  markdown: {
    // Fenced code is highlighted exactly like CodeFile: same themes, colours as classes.
    shikiConfig: { themes: codeThemes, defaultColor: false, transformers: codeTransformers },
  },
});
