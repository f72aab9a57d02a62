/**
 * What CPython compiles `global counter; counter += 1` to, per version. bytecode.test.ts checks
 * every group against `dis` on each interpreter the machine has, so this table is the claim.
 * 3.14 is not run here: LOAD_SMALL_INT is new in 3.14 (Doc/library/dis.rst), and its entry is
 * from the 3.14 source. There is no 3.15 group: its bytecode has not been checked.
 */

export const VERSION_GROUPS = ['3.6-3.9', '3.10', '3.11-3.12', '3.13', '3.14'] as const;
export type VersionGroup = (typeof VERSION_GROUPS)[number];

/** Free-threaded builds exist from 3.13 (3.13t experimental, 3.14t supported). */
export const FREE_THREADED_GROUPS: readonly VersionGroup[] = ['3.13', '3.14'];

export function versionLabel(group: VersionGroup, freeThreaded = false): string {
  const label = group.replace('-', '–');
  return freeThreaded ? `${label}t` : label;
}

/** The group a "major.minor" version belongs to, or undefined if the stepper makes no claim for it. */
export function versionGroup(version: string): VersionGroup | undefined {
  const m = /^3\.(\d{1,2})$/.exec(version);
  if (m === null) return undefined;
  const minor = Number(m[1]);
  if (minor >= 6 && minor <= 9) return '3.6-3.9';
  if (minor === 10) return '3.10';
  if (minor === 11 || minor === 12) return '3.11-3.12';
  if (minor === 13) return '3.13';
  if (minor === 14) return '3.14';
  return undefined;
}

/**
 * Up to 3.9 the eval-breaker check ran before almost every instruction; from 3.10 only at function
 * entry, calls and back edges. Even up to 3.9, LOAD_CONST ends with FAST_DISPATCH(), which goes
 * straight to the next instruction without the check (Python/ceval.c at v3.9.0), so no switch
 * falls between LOAD_CONST and the add. basics_bytecode.py's "signals" mode measures this.
 */
export function switchesAnywhere(group: VersionGroup): boolean {
  return group === '3.6-3.9';
}

/** Groups whose bytecode comes from source and documentation only: no interpreter of it was run here. */
export const FROM_SOURCE_GROUPS: readonly VersionGroup[] = ['3.14'];

export type Role = 'acquire' | 'load' | 'const' | 'add' | 'store' | 'release';

export interface Instruction {
  readonly role: Role;
  /** 'lock' lines stand for the calls `with lock:` makes; they are not single instructions. */
  readonly kind: 'bytecode' | 'lock';
  readonly opname: string;
  /** What `dis` reports as argval (the name, or the constant); null when the opcode takes none. */
  readonly argval: string | number | null;
  /** The line as the stepper shows it, close to the `dis` listing. */
  readonly text: string;
}

const loadGlobal: Instruction = {
  role: 'load',
  kind: 'bytecode',
  opname: 'LOAD_GLOBAL',
  argval: 'counter',
  text: 'LOAD_GLOBAL counter',
};
const loadConst: Instruction = {
  role: 'const',
  kind: 'bytecode',
  opname: 'LOAD_CONST',
  argval: 1,
  text: 'LOAD_CONST 1',
};
const loadSmallInt: Instruction = {
  role: 'const',
  kind: 'bytecode',
  opname: 'LOAD_SMALL_INT',
  argval: 1,
  text: 'LOAD_SMALL_INT 1',
};
const inplaceAdd: Instruction = {
  role: 'add',
  kind: 'bytecode',
  opname: 'INPLACE_ADD',
  argval: null,
  text: 'INPLACE_ADD',
};
const binaryOp: Instruction = {
  role: 'add',
  kind: 'bytecode',
  opname: 'BINARY_OP',
  argval: 13,
  text: 'BINARY_OP 13 (+=)',
};
const storeGlobal: Instruction = {
  role: 'store',
  kind: 'bytecode',
  opname: 'STORE_GLOBAL',
  argval: 'counter',
  text: 'STORE_GLOBAL counter',
};

const acquire: Instruction = {
  role: 'acquire',
  kind: 'lock',
  opname: 'with lock:',
  argval: null,
  text: 'with lock: (acquire)',
};
const release: Instruction = {
  role: 'release',
  kind: 'lock',
  opname: 'end of with',
  argval: null,
  text: 'end of with (release)',
};

/** The four instructions of `counter += 1` (global counter) on this version group. */
export function incrementBytecode(group: VersionGroup): readonly Instruction[] {
  switch (group) {
    case '3.6-3.9':
    case '3.10':
      return [loadGlobal, loadConst, inplaceAdd, storeGlobal];
    case '3.11-3.12':
    case '3.13':
      return [loadGlobal, loadConst, binaryOp, storeGlobal];
    case '3.14':
      return [loadGlobal, loadSmallInt, binaryOp, storeGlobal];
  }
}

/** What each thread runs: the increment, inside `with lock:` when the lock is on. */
export function threadProgram(group: VersionGroup, lock: boolean): readonly Instruction[] {
  const body = incrementBytecode(group);
  return lock ? [acquire, ...body, release] : body;
}
