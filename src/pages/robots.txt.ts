import type { APIRoute } from 'astro';

// Generated so the sitemap address follows the configured site URL and base path.
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap-index.xml`, site)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
