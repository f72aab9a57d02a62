/** The demos that have an embed page (/embed/<demo>/), apart from their code so that every island can ask cheaply. */

export type Demo = 'timeline' | 'timing-lab' | 'race-stepper';

/** What each embed shows, for titles and the link back to its section. */
export const DEMOS: Record<Demo, { readonly title: string; readonly section: string }> = {
  timeline: { title: 'GIL timeline', section: '/gil-basics/' },
  'timing-lab': { title: 'Timing lab', section: '/threading-vs-multiprocessing/#timing-lab' },
  'race-stepper': { title: 'Race stepper', section: '/gil-basics/#race-stepper' },
};

/** The demo whose state this page takes from its URL: set by EmbedLayout on <html data-embed>. */
export function embeddedDemo(): Demo | undefined {
  const demo = document.documentElement.dataset.embed;
  return demo !== undefined && demo in DEMOS ? (demo as Demo) : undefined;
}
