// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

// Where the site is published. Course sites often live under a sub-path (a project page),
// so both are configurable; every internal link goes through import.meta.env.BASE_URL.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const base = process.env.BASE_PATH ?? '/';

// The timing demos need cross-origin isolation (SharedArrayBuffer). These must be the
// top-level server.headers: vite.server.headers does not reach pages in dev or preview.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  server: { port: 4321, headers: isolationHeaders },
  integrations: [mdx(), sitemap()],
  markdown: {
    shikiConfig: {
      // The plain GitHub themes fail WCAG contrast for comments; the high-contrast pair passes.
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
    },
  },
});
