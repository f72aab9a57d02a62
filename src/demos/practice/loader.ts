// Fetches the practice elements (hints, quizzes, the progress box) when the first of them nears
// the viewport.
import { loadWhenNear } from '../kit/load-when-near.ts';

loadWhenNear('practice-hints, practice-quiz, practice-progress', () => import('./practice.ts'));
