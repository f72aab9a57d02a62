// The only lab code a page loads up front: <timing-lab> (and, through it, the workers) is fetched
// when a lab nears the viewport.
import { loadWhenNear } from '../kit/load-when-near.ts';

loadWhenNear('timing-lab', () => import('./timing-lab.ts'));
