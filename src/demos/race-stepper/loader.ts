// Fetches the <race-stepper> element when it nears the viewport, or at once when the URL links a
// step of it (#race=…), so that the linked step shows without scrolling there first.
import { loadWhenNear } from '../kit/load-when-near.ts';
import { HASH_KEY } from './hash-key.ts';

const load = (): Promise<unknown> => import('./race-stepper.ts');
const linked = (): boolean =>
  location.hash.startsWith(`#${HASH_KEY}=`) && document.querySelector('race-stepper') !== null;
if (linked()) void load();
else {
  loadWhenNear('race-stepper', load);
  addEventListener('hashchange', () => linked() && void load());
}
