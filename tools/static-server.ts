/**
 * A minimal static file server for a built site, like a plain web host: `npm start` and the lab's
 * benchmark serve dist/ with the site's headers, and the e2e tests serve it without them (a host
 * such as GitHub Pages). Node only; not part of the site.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  close(): Promise<void>;
}

/** Headers for every response, or per request path (a CSP that differs for embeds, say). */
export type Headers = Record<string, string> | ((path: string) => Record<string, string>);

/**
 * Serves `root` on `host` (127.0.0.1) at `port` (a free one by default), adding `headers` to every
 * response. A site built under a base path (BASE_PATH=/gil/) is served under it, as its host would.
 */
export async function serveStatic(
  root: string,
  headersFor: Headers = {},
  port = 0,
  host = '127.0.0.1',
  basePath = '/',
): Promise<StaticServer> {
  const base = resolve(root);
  const prefix = basePath.replace(/\/?$/, '/');
  const server = createServer((req, res) => {
    void (async () => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const headers = typeof headersFor === 'function' ? headersFor(path) : headersFor;
      if (`${path}/` === prefix) {
        res.writeHead(301, { ...headers, Location: prefix }).end();
        return;
      }
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { ...headers, 'Content-Type': TYPES['.txt'] as string }).end('Not found');
        return;
      }
      let file = resolve(join(base, path.slice(prefix.length - 1)));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403, headers).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) {
          if (!path.endsWith('/')) {
            res.writeHead(301, { ...headers, Location: `${path}/` }).end();
            return;
          }
          file = join(file, 'index.html');
        }
        const body = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        // Compressed text, as hosts send it (and as Lighthouse should weigh it).
        if (/text|javascript|json|xml|svg/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
          res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
          res.end(gzipSync(body));
          return;
        }
        res.writeHead(200, { ...headers, 'Content-Type': type });
        res.end(body);
      } catch {
        // The site's own 404 page when it has one, as hosts serve it.
        const notFound = await readFile(join(base, '404.html')).catch(() => null);
        if (notFound === null)
          res.writeHead(404, { ...headers, 'Content-Type': TYPES['.txt'] as string }).end('Not found');
        else res.writeHead(404, { ...headers, 'Content-Type': TYPES['.html'] as string }).end(notFound);
      }
    })();
  });
  await new Promise<void>((ready) => server.listen(port, host, ready));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
