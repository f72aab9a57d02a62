import { describe, expect, it } from 'vitest';
import { codeSpans, QUIZZES } from './quizzes.ts';

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
    for (const id of ['json', 'regex', 'np-concatenate', 'hash-file', 'numpy-matmul'])
      expect(tasks.find((t) => t.id === id)?.trap).toBeTruthy();
  });

  it('problem 3 covers the lambda, closure, missing guard and huge-argument mistakes', () => {
    const answers = QUIZZES['pool-mistakes'].questions.map((q) => q.answer);
    for (const mistake of ['lambda', 'closure', 'guard', 'huge', 'unread', 'ok']) expect(answers).toContain(mistake);
  });
});

describe('codeSpans', () => {
  it('splits out backticked code and leaves the rest as text', () => {
    expect(codeSpans('Use `list(x)` now')).toEqual([
      { code: false, text: 'Use ' },
      { code: true, text: 'list(x)' },
      { code: false, text: ' now' },
    ]);
    expect(codeSpans('a lone ` tick')).toEqual([{ code: false, text: 'a lone ` tick' }]);
    expect(codeSpans('<b>`<i>`')).toEqual([
      { code: false, text: '<b>' },
      { code: true, text: '<i>' },
    ]);
  });
});
