// The vocabulary MDX pages can use without importing anything, plus the overrides for headings
// (anchor links) and links (rel="noopener" to other sites).
import Callout from './Callout.astro';
import CodeFile from './CodeFile.astro';
import Misconception from './Misconception.astro';
import Figure from './Figure.astro';
import GilTimeline from '../../demos/timeline/GilTimeline.astro';
import H2 from './H2.astro';
import H3 from './H3.astro';
import ModelVsCPython from '../../demos/timeline/ModelVsCPython.astro';
import ProseLink from './ProseLink.astro';
import Hints from '../../demos/practice/Hints.astro';
import PracticeProgress from '../../demos/practice/PracticeProgress.astro';
import Quiz from '../../demos/practice/Quiz.astro';
import RaceStepper from '../../demos/race-stepper/RaceStepper.astro';
import TimingLab from '../../demos/timing-lab/TimingLab.astro';

export const mdxComponents = {
  a: ProseLink,
  h2: H2,
  h3: H3,
  Callout,
  CodeFile,
  Misconception,
  Figure,
  GilTimeline,
  ModelVsCPython,
  RaceStepper,
  Hints,
  Quiz,
  PracticeProgress,
  TimingLab,
};
