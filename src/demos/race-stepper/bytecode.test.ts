/**
 * The stepper's bytecode against `dis` on real interpreters: python3 on PATH and every CPython
 * 3.x under $PYENV_ROOT/versions (~/.pyenv). The versions the site is about are expected; when
 * one is missing the test says so by name instead of passing silently.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { incrementBytecode, versionGroup, VERSION_GROUPS } from './bytecode.ts';
import { PYENV_VERSIONS, pyenvBuilds } from '../../../tools/pyenv.ts';

const SCRIPT = fileURLToPath(new URL('./dis_counter.py', import.meta.url));
/** The versions the pages make bytecode claims about; 3.14 too, since the stepper claims LOAD_SMALL_INT there. */
const EXPECTED = ['3.9', '3.10', '3.12', '3.13', '3.14'];

interface Ins {
  opname: string;
  argval: string | number | null;
}
interface Listing {
  version: string;
  full: string;
  freeThreaded: boolean;
  plain: Ins[];
  locked: Ins[];
}

function dis(python: string): Listing | undefined {
  const run = spawnSync(python, [SCRIPT], { encoding: 'utf8', timeout: 30_000 });
  return run.status === 0 ? (JSON.parse(run.stdout) as Listing) : undefined;
}

// Free-threaded builds too: the stepper shows their bytecode as well.
const pyenvDirs = pyenvBuilds(undefined, { freeThreaded: true });
const interpreters = [
  { name: 'python3 (PATH)', path: 'python3' },
  ...pyenvDirs.map((d) => ({ name: `pyenv ${d}`, path: join(PYENV_VERSIONS, d, 'bin', 'python') })),
];
const listings = interpreters
  .map((i) => ({ ...i, listing: dis(i.path) }))
  .filter(
    (i): i is typeof i & { listing: Listing } =>
      i.listing !== undefined && versionGroup(i.listing.version) !== undefined,
  );
const missing = EXPECTED.filter((v) => !listings.some((l) => l.listing.version === v));
if (missing.length > 0)
  console.warn(
    `bytecode.test.ts: no CPython ${missing.join(', ')} found (python3 or ${PYENV_VERSIONS}); not checked with dis`,
  );

/** The instructions strictly between function entry and the implicit `return None`. */
function body(listing: Ins[]): Ins[] {
  const start = listing.findIndex((i) => i.opname === 'LOAD_GLOBAL');
  const end = listing.map((i) => i.opname).lastIndexOf('STORE_GLOBAL');
  return listing.slice(start, end + 1);
}

const strip = (instructions: readonly { opname: string; argval: string | number | null }[]): Ins[] =>
  instructions.map(({ opname, argval }) => ({ opname, argval }));

describe('the bytecode the stepper shows is what CPython compiles', () => {
  it('has a python3 to check against', () => {
    expect(
      listings.some((l) => l.name === 'python3 (PATH)'),
      'python3 on PATH runs dis_counter.py',
    ).toBe(true);
  });

  it.each(
    listings.map(
      (l) =>
        [`${l.name}: CPython ${l.listing.full}${l.listing.freeThreaded ? ' (free-threaded)' : ''}`, l.listing] as const,
    ),
  )('%s', (_name, listing) => {
    const group = versionGroup(listing.version)!;
    const expected = strip(incrementBytecode(group));
    // global counter; counter += 1: exactly the four instructions, around them only the
    // function's entry (RESUME, 3.11+) and its implicit return None.
    expect(body(listing.plain)).toEqual(expected);
    const start = listing.plain.findIndex((i) => i.opname === 'LOAD_GLOBAL');
    expect(
      listing.plain
        .slice(0, start)
        .map((i) => i.opname)
        .filter((op) => op !== 'RESUME'),
    ).toEqual([]);
    for (const i of listing.plain.slice(start + expected.length)) {
      expect(['LOAD_CONST', 'RETURN_VALUE', 'RETURN_CONST']).toContain(i.opname);
      expect(i.argval).toBeNull();
    }
    // Inside `with lock:` the increment is the same four instructions, in one piece.
    const lockedOps = listing.locked.map((i) => JSON.stringify(i));
    const needle = expected.map((i) => JSON.stringify(i));
    const at = lockedOps.findIndex((_, k) => needle.every((n, j) => lockedOps[k + j] === n));
    expect(at, 'the increment appears unbroken inside the with block').toBeGreaterThan(0);
    expect(listing.locked.slice(0, at).some((i) => i.argval === 'lock')).toBe(true);
  });

  for (const v of missing) {
    it.skip(`SKIPPED: no CPython ${v} on this machine (the ${VERSION_GROUPS.find((g) => g === versionGroup(v))} listing is not checked by dis)`, () => {});
  }
});
