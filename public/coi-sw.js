// Cross-origin isolation for hosts that cannot send headers (GitHub Pages, for one). The timing lab
// registers this service worker only when a reader asks it to; from then on it adds the two
// isolation headers to this site's own responses, which lets the lab share memory between its
// workers. Requests to other origins are left alone (the site makes none). See README.md,
// "Timing lab on hosts without headers". Remove it with the lab's "Turn off the helper" button.

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Take over the open pages now, so that one reload is enough.
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // A request the browser may answer only from its cache cannot be fetched again from here.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      // Redirects and opaque responses pass through untouched: they cannot be rebuilt.
      if (response.status === 0 || response.type === 'opaqueredirect') return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
