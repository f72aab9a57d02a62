import { describe, expect, it } from 'vitest';
import { hintButtonText, scoreText, verdict } from './feedback.ts';

const labels = { io: 'I/O-bound', 'cpu-gil': 'CPU-bound, holds the GIL' };

describe('verdict', () => {
  it('names the right answer either way', () => {
    expect(verdict('io', 'io', labels)).toBe('Right: I/O-bound.');
    expect(verdict('io', 'cpu-gil', labels)).toBe(
      'Not quite. You chose “I/O-bound”; the answer is “CPU-bound, holds the GIL”.',
    );
  });
});

describe('scoreText', () => {
  it('counts right answers among those given', () => {
    expect(scoreText(0, 0, 12)).toBe('12 questions, none answered yet.');
    expect(scoreText(2, 3, 12)).toBe('2 of 3 answered right. 9 to go.');
    expect(scoreText(6, 6, 6)).toBe('6 of 6 answered right. All 6 answered.');
  });
});

describe('hintButtonText', () => {
  it('says which hint comes next, and when there are none left', () => {
    expect(hintButtonText(0, 3)).toBe('Show a hint (1 of 3)');
    expect(hintButtonText(1, 3)).toBe('Show the next hint (2 of 3)');
    expect(hintButtonText(3, 3)).toBe('All 3 hints shown');
    expect(hintButtonText(1, 1)).toBe('The hint is shown');
  });
});
