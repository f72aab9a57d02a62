import type { APIRoute } from 'astro';

// Generated so the sitemap address follows the configured site URL and base path; a build
// without SITE_URL has no sitemap, so it names none.
export const GET: APIRoute = ({ site }) => {
  const sitemap = site
    ? `\nSitemap: ${new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap-index.xml`, site)}\n`
    : '';
  return new Response(`User-agent: *\nAllow: /\n${sitemap}`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
