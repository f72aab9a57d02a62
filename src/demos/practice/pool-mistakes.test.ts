/**
 * Problem 3's "spot the mistake" snippets, run as the page shows them on real CPython: python3 and
 * the pyenv builds of the oldest and newest versions the explanations quote (3.9, 3.13), so each
 * explanation describes what really happens. Missing builds are named, not silently passed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUIZZES, type Question } from './quizzes.ts';
import { PYENV_VERSIONS, pyenvPython } from '../../../tools/pyenv.ts';

const quiz = QUIZZES['pool-mistakes'];
const snippet = (id: string): Question => quiz.questions.find((q) => q.id === id)!;

const pythons: [string, string][] = [['python3', 'python3']];
for (const v of ['3.9', '3.13']) {
  const p = pyenvPython(v);
  if (p) pythons.push([`CPython ${v}`, p]);
  else console.warn(`pool-mistakes.test.ts: no CPython ${v} under ${PYENV_VERSIONS}; snippets not run on it`);
}

const work = mkdtempSync(join(tmpdir(), 'pool-mistakes-'));
writeFileSync(join(work, 'a.txt'), 'alpha\n');
writeFileSync(join(work, 'b.txt'), 'beta beta\n');
const log = Array.from(
  { length: 4000 },
  (_, i) => `${['GET', 'POST', 'GET', 'PUT', 'DELETE'][i % 5]} /item/${i} 200`,
).join('\n');
writeFileSync(join(work, 'access.log'), log);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(python: string, code: string) {
  const file = join(work, `snippet_${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, code);
  const r = spawnSync(python, [file], { cwd: work, encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const n = 10n ** 6n;
const squares = String(((n - 1n) * n * (2n * n - 1n)) / 6n);

describe.each(pythons)('the ProcessPoolExecutor snippets on %s', (_name, python) => {
  it('every snippet has a test here, and every answer is one of the choices', () => {
    expect(quiz.questions.map((q) => q.id).sort()).toEqual([
      'closure',
      'correct',
      'huge-argument',
      'lambda',
      'no-guard',
      'unread',
    ]);
    for (const q of quiz.questions) expect(quiz.choices.map((c) => c.value)).toContain(q.answer);
  });

  it('lambda: a PicklingError when the results are read', () => {
    const r = run(python, snippet('lambda').code!);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('PicklingError');
    expect(r.stderr).toContain('lambda');
  }, 60_000);

  it('no __main__ guard with spawn: every worker hits the bootstrapping error, the pool breaks', () => {
    const r = run(python, snippet('no-guard').code!);
    expect(r.status).not.toBe(0);
    // The message is wrapped over two lines in the traceback.
    expect(r.stderr.replace(/\s+/g, ' ')).toContain(
      'RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase',
    );
    expect(r.stderr).toContain('BrokenProcessPool');
  }, 90_000);

  it('the correct one prints four results', () => {
    const r = run(python, snippet('correct').code!);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`[${Array(4).fill(squares).join(', ')}]`);
  }, 60_000);

  it('closure: an AttributeError naming main.<locals>.task', () => {
    const r = run(python, snippet('closure').code!);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/AttributeError: Can't (pickle|get) local object 'main\.<locals>\.task'/);
  }, 60_000);

  it('unread results: the missing file goes unnoticed; with list() it is raised', () => {
    const code = snippet('unread').code!;
    const silent = run(python, code);
    expect(silent).toEqual({ status: 0, stdout: 'all files read\n', stderr: '' });
    const loud = run(python, code.replace('executor.map(size, paths)', 'list(executor.map(size, paths))'));
    expect(loud.status).not.toBe(0);
    expect(loud.stderr).toContain('FileNotFoundError');
  }, 60_000);

  it('huge argument: correct counts, with the whole list sent to every task', () => {
    const r = run(python, snippet('huge-argument').code!);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe("{'GET': 1600, 'POST': 800, 'PUT': 800, 'DELETE': 800}");
  }, 60_000);
});
