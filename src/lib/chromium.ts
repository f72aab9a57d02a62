/**
 * The browser the tests and benchmarks drive. Playwright cannot download its own browser on this
 * project's machines, so they use Debian's Chromium; CHROMIUM_PATH overrides the path, and where
 * neither exists Playwright's own browser is used (undefined).
 */
import { existsSync } from 'node:fs';

export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Runs as root in containers, and makes no requests of its own (updates, sync, field trials). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
