// The only timeline code a page loads up front: the <gil-timeline> element is fetched when the
// first timeline nears the viewport.
import { loadWhenNear } from '../kit/load-when-near.ts';

loadWhenNear('gil-timeline', () => import('./gil-timeline.ts'));
