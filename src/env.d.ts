declare namespace App {
  interface Locals {
    /** Set once the first <TimingLab> of a page has rendered the replay template the labs share. */
    timingLabTemplate?: boolean;
    /** Per-page id counters (src/demos/kit/page-ids.ts). */
    idCounts?: Record<string, number>;
  }
}
