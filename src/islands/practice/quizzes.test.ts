import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { codeSpans, QUIZZES } from './quizzes.ts';

// Problem 2's np.concatenate answer, checked on real CPython and NumPy: while the main thread
// concatenates float64 arrays, a pure-Python background thread keeps running (the copy releases
// the GIL); with dtype=object it mostly waits (the copy keeps the GIL).
const NUMPY_GIL_PROBE = `
import sys, threading, time
import numpy as np

# A short switch interval: after a call that held the GIL, the background thread gets only a
# sliver of time before this thread takes the GIL back, so what it did counts for little.
sys.setswitchinterval(0.0005)

def progress_during(fn):
    count = [0]
    stop = threading.Event()
    def spin():
        while not stop.is_set():
            count[0] += 1
    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    before = count[0]
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    after = count[0]
    stop.set()
    t.join()
    return (after - before) / elapsed

# Preallocated outputs, so that only the copy is timed (NumPy may release the GIL while it
# allocates a large result, whatever the dtype).
n = 2_000_000
floats = [np.ones(n) for _ in range(4)]
objects = [np.ones(n, dtype=object) for _ in range(4)]
float_out = np.zeros(4 * n)
object_out = np.zeros(4 * n, dtype=object)
print(progress_during(lambda: np.concatenate(floats, out=float_out)),
      progress_during(lambda: np.concatenate(objects, out=object_out)))
`;
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
if (!hasNumpy) console.warn('quizzes.test.ts: python3 has no NumPy; the np.concatenate check is skipped');

describe('the quizzes', () => {
  it.each(Object.values(QUIZZES))('$id: unique ids, answers among the choices, text to explain each', (quiz) => {
    const ids = quiz.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    const values = quiz.choices.map((c) => c.value);
    for (const q of quiz.questions) {
      expect(values).toContain(q.answer);
      expect(q.why.length).toBeGreaterThan(20);
      expect(q.id).toMatch(/^[a-z0-9-]+$/); // they become storage keys
    }
    expect(quiz.ask).toContain('{prompt}');
  });

  it('problem 2 has at least 10 realistic tasks across all three classes', () => {
    const tasks = QUIZZES['task-classes'].questions;
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    expect(new Set(tasks.map((t) => t.answer))).toEqual(new Set(['io', 'cpu-gil', 'cpu-c']));
    // The tricky ones (C code that keeps the GIL, or releases it) explain the trap.
    for (const id of ['json', 'regex', 'np-concatenate', 'hash-file', 'numpy-matmul']) expect(tasks.find((t) => t.id === id)?.trap).toBeTruthy();
  });

  it('problem 3 covers the lambda, closure, missing guard and huge-argument mistakes', () => {
    const answers = QUIZZES['pool-mistakes'].questions.map((q) => q.answer);
    for (const mistake of ['lambda', 'closure', 'guard', 'huge', 'unread', 'ok']) expect(answers).toContain(mistake);
  });
});

describe('problem 2 on real NumPy', () => {
  it.skipIf(!hasNumpy)('np.concatenate of float64 arrays releases the GIL; with dtype=object it keeps it', () => {
    const q = QUIZZES['task-classes'].questions.find((t) => t.id === 'np-concatenate')!;
    expect(q.answer).toBe('cpu-c');
    expect(q.trap).toContain('dtype=object');
    const runs: number[][] = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('python3', ['-c', NUMPY_GIL_PROBE], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const [floatRate, objectRate] = r.stdout.trim().split(/\s+/).map(Number);
      runs.push([floatRate, objectRate]);
      // Released: the background thread runs alongside. Held: it gets only the odd switch interval.
      if (floatRate > 4 * objectRate) return;
    }
    throw new Error(`np.concatenate did not release the GIL for float64 only; background-thread increments per second (float64, object): ${JSON.stringify(runs)}`);
  }, 300_000);
});

describe('codeSpans', () => {
  it('splits out backticked code and leaves the rest as text', () => {
    expect(codeSpans('Use `list(x)` now')).toEqual([
      { code: false, text: 'Use ' },
      { code: true, text: 'list(x)' },
      { code: false, text: ' now' },
    ]);
    expect(codeSpans('a lone ` tick')).toEqual([{ code: false, text: 'a lone ` tick' }]);
    expect(codeSpans('<b>`<i>`')).toEqual([{ code: false, text: '<b>' }, { code: true, text: '<i>' }]);
  });
});
