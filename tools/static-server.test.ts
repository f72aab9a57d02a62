import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor } from './security-headers';
import { serveStatic, type StaticServer } from './static-server';

const root = mkdtempSync(join(tmpdir(), 'static-server-'));
mkdirSync(join(root, 'embed', 'timeline'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<p>home</p>');
writeFileSync(join(root, '404.html'), '<p>lost</p>');
writeFileSync(join(root, 'embed', 'timeline', 'index.html'), '<p>embed</p>');

describe('a site built under a base path', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(root, (path) => headersFor(path, '/gil/'), 0, '127.0.0.1', '/gil/');
  });
  afterAll(() => server.close());
  const get = (path: string) => fetch(server.url + path, { redirect: 'manual' });

  it('serves its files under the base path, and redirects the bare base to it', async () => {
    expect(await (await get('/gil/')).text()).toBe('<p>home</p>');
    expect(await (await get('/gil/embed/timeline/')).text()).toBe('<p>embed</p>');
    const bare = await get('/gil');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/gil/');
  });

  it('sends the embed policy only to embeds under the base path', async () => {
    expect((await get('/gil/embed/timeline/')).headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await get('/gil/')).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('answers 404 outside the base path, and the site’s 404 page inside it', async () => {
    expect((await get('/index.html')).status).toBe(404);
    const missing = await get('/gil/nope/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<p>lost</p>');
  });
});
