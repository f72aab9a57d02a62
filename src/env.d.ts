declare namespace App {
  interface Locals {
    /** Set once the first <TimingLab> of a page has rendered the replay template the labs share. */
    timingLabTemplate?: boolean;
  }
}
