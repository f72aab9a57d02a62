import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBED_CSP, headersFor, PAGE_CSP } from './security-headers.ts';

describe('security headers', () => {
  it('allow no inline script but the hashed one, no eval, no inline style, and only this origin', () => {
    for (const csp of [PAGE_CSP, EMBED_CSP]) {
      const script = /script-src ([^;]+)/.exec(csp)![1]!;
      expect(script).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("object-src 'none'");
    }
  });

  it('let only /embed/ pages be framed by other sites', () => {
    expect(headersFor('/gil-basics/')['Content-Security-Policy']).toContain("frame-ancestors 'self'");
    expect(headersFor('/embed/timeline/')['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(headersFor('/gil/embed/timeline/', '/gil/')['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(headersFor('/embedded/')['Content-Security-Policy']).toContain("frame-ancestors 'self'");
  });

  it('are the ones public/_headers documents for static hosts', () => {
    const file = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    const rule = (path: string) => file.split(/\n(?=\S)/).find((block) => block.startsWith(`${path}\n`)) ?? '';
    const headers = (block: string) =>
      Object.fromEntries([...block.matchAll(/^ {2}([\w-]+): (.+)$/gm)].map((m) => [m[1], m[2]]));
    expect(headers(rule('/*'))).toEqual(headersFor('/'));
    expect(headers(rule('/embed/*'))['Content-Security-Policy']).toBe(EMBED_CSP);
  });

  it('are the ones the README tells hosts to send', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`Content-Security-Policy: ${PAGE_CSP}\n`);
  });
});
