/**
 * `npm start`'s server: the built site with the headers a production host sends (cross-origin
 * isolation, and a CSP that lets only /embed/ pages be framed elsewhere). astro preview cannot vary
 * headers by path. Usage: node tools/serve.ts [dist] [port] (defaults dist, 4321; HOST=0.0.0.0
 * to listen beyond this machine; BASE_PATH as given to the build, for a site built under a base path).
 */
import { headersFor } from './security-headers.ts';
import { serveStatic } from './static-server.ts';

const [root = 'dist', port = '4321'] = process.argv.slice(2);
const base = process.env.BASE_PATH ?? '/';
const server = await serveStatic(
  root,
  (path) => headersFor(path, base),
  Number(port),
  process.env.HOST ?? '127.0.0.1',
  base,
);
console.log(`Serving ${root} at ${server.url}${base.replace(/\/?$/, '/')}`);
