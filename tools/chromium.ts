/**
 * The browser the tests and benchmarks drive. Playwright cannot download its own browser on this
 * project's machines, so, in this order: the one CHROMIUM_PATH names, a system Chromium (Debian's
 * `apt-get install chromium`), or the headless Chromium shipped inside the @sparticuz/chromium npm
 * package, which `npm install` brings (unpacked to the temp directory on first use).
 */
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function chromiumPath(): Promise<string> {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH=${named}: no such file`);
    return named;
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return system;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** Runs as root in containers, and makes no requests of its own (updates, sync, field trials). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
