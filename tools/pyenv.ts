/** The CPython builds under $PYENV_ROOT/versions (default ~/.pyenv), for tests and tools that run real interpreters. */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PYENV_VERSIONS = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');

/** Compares "3.9.18" and "3.13.0" part by part as numbers ("3.9.2" comes before "3.9.18"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10));
  const pb = b.split('.').map((n) => parseInt(n, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The installed builds, oldest first: GIL builds ("3.13.0"), and free-threaded ones ("3.13.0t") when asked. */
export function pyenvBuilds(
  dirs: readonly string[] = existsSync(PYENV_VERSIONS) ? readdirSync(PYENV_VERSIONS) : [],
  { freeThreaded = false } = {},
): string[] {
  const name = freeThreaded ? /^\d+\.\d+\.\d+t?$/ : /^\d+\.\d+\.\d+$/;
  return dirs.filter((d) => name.test(d)).sort((a, b) => compareVersions(a.replace(/t$/, ''), b.replace(/t$/, '')));
}

/** The newest patch release of a minor version ("3.9" → .../3.9.18/bin/python), or undefined. */
export function pyenvPython(minor: string, builds: readonly string[] = pyenvBuilds()): string | undefined {
  const newest = builds.filter((b) => b.startsWith(`${minor}.`)).at(-1);
  return newest === undefined ? undefined : join(PYENV_VERSIONS, newest, 'bin', 'python');
}
