// The vocabulary MDX pages can use without importing anything, plus the overrides for headings
// (anchor links) and links (rel="noopener" to other sites).
import Callout from './Callout.astro';
import CodeFile from './CodeFile.astro';
import Misconception from './Misconception.astro';
import Figure from './Figure.astro';
import GilTimeline from './GilTimeline.astro';
import H2 from './H2.astro';
import H3 from './H3.astro';
import ModelVsCPython from './ModelVsCPython.astro';
import ProseLink from './ProseLink.astro';
import Hints from './Hints.astro';
import PracticeProgress from './PracticeProgress.astro';
import Quiz from './Quiz.astro';
import RaceStepper from './RaceStepper.astro';
import TimingLab from './TimingLab.astro';

export const mdxComponents = { a: ProseLink, h2: H2, h3: H3, Callout, CodeFile, Misconception, Figure, GilTimeline, ModelVsCPython, RaceStepper, Hints, Quiz, PracticeProgress, TimingLab };
