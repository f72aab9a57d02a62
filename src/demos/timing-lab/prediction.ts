/**
 * The model's prediction for the lab's settings as timeline panels: drawn at build time (the
 * figure readers see without JavaScript or without cross-origin isolation) and redrawn in the
 * browser when the settings change or a run has measured this machine's speed.
 */
import { MODE_NAMES, type LabSettings } from '../../lab/config.ts';
import { predict, type PredictionInput } from '../../lab/measure.ts';
import { formatMs, panelSummary } from '../timeline/format.ts';
import { renderPanelsSvg, type TimelinePanel } from '../timeline/render.ts';

/**
 * Until a run has measured them: a JIT-compiled `i * i` loop does about a million iterations per
 * ms, a fresh Web Worker starts in some tens of ms, and the build assumes 4 cores.
 */
export const NOMINAL = { usPerMillion: 1000, startup: 30_000, cores: 4 } as const;

export function predictionPanels(p: PredictionInput): TimelinePanel[] {
  return p.settings.modes.map((mode) => ({ trace: predict(mode, p), heading: MODE_NAMES[mode] }));
}

/** The settings with nominal speeds, for the build-time figure. */
export function nominalInput(settings: LabSettings): PredictionInput {
  return { settings, taskCpu: settings.work * NOMINAL.usPerMillion, cores: NOMINAL.cores, startup: NOMINAL.startup };
}

export function predictionCaption(p: PredictionInput, measured: boolean): string {
  const { settings } = p;
  const work = `${settings.tasks} ${settings.tasks === 1 ? 'task' : 'tasks'} of cpu_bound(${settings.work} million)${settings.io ? ' with blocking calls' : ''}`;
  const speed = measured
    ? `at the speed measured in your last run (${formatMs(p.taskCpu)} of CPU per task, ${formatMs(p.startup)} to start a worker)`
    : `assuming about ${formatMs(p.taskCpu)} of CPU per task and ${formatMs(p.startup)} to start a worker`;
  return `What the model predicts: ${work} on ${p.cores} ${p.cores === 1 ? 'core' : 'cores'}, switch interval ${settings.intervalMs} ms, ${speed}.`;
}

/** The figure's SVG; `width` in CSS pixels. */
export function predictionSvg(p: PredictionInput, width: number, idPrefix: string): string {
  const panels = predictionPanels(p);
  return renderPanelsSvg(panels, {
    title: 'The model’s prediction for each mode',
    desc: panels.map(panelSummary).join(' '),
    width,
    idPrefix,
  });
}
