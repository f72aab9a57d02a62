/**
 * What a <gil-timeline> shows, from its configuration: a named scenario or reader-supplied
 * parameters, optionally run under every mode for comparison. Used at build time and in the browser.
 */
import { MODES } from '../../sim/input.ts';
import {
  presetParams,
  scenarioFromParams,
  type BuiltScenario,
  type ScenarioParams,
  type Workload,
} from '../../sim/params.ts';
import { getScenario, isScenarioId, type ScenarioId } from '../../sim/scenarios.ts';
import { simulate } from '../../sim/simulate.ts';
import type { Mode, SimInput } from '../../sim/types.ts';
import { COMPARE_HEADINGS } from './format.ts';
import type { TimelinePanel } from './render.ts';

/** Serialised into the element's data-config attribute. */
export interface TimelineConfig {
  readonly scenario?: ScenarioId;
  /** Untrusted until scenarioFromParams has checked them (they may come from a URL). */
  readonly params?: { readonly [K in keyof ScenarioParams]?: unknown };
  /** Run the same work under the GIL, free-threaded and as processes, on one time scale. */
  readonly compare?: boolean;
}

export interface BuiltTimeline {
  readonly panels: TimelinePanel[];
  readonly title: string;
  /** One sentence about the scenario, when it has one. */
  readonly description: string | null;
  /** The values the parameter controls should show. */
  readonly params: ScenarioParams;
  readonly notices: string[];
}

/** Options of the work control. */
export const WORKLOAD_LABELS: Record<Workload, string> = {
  cpu: 'CPU-bound',
  io: 'I/O-bound',
  mixed: 'Mixed: CPU and I/O',
};

/** Titles of parameter-built runs: "4 threads with the GIL, CPU-bound work". */
const TITLES: Record<Mode, readonly [string, string]> = {
  gil: ['thread with the GIL', 'threads with the GIL'],
  'free-threaded': ['thread on a free-threaded build', 'threads on a free-threaded build'],
  processes: ['process', 'processes'],
};

function panelsOf(input: SimInput, compare: boolean): TimelinePanel[] {
  if (!compare) return [{ trace: simulate(input) }];
  return MODES.map((mode) => ({ trace: simulate({ ...input, mode }), heading: COMPARE_HEADINGS[mode] }));
}

/**
 * A preset as is, or with reader-chosen parameters. While the threads, the work and the mode stay
 * the preset's, a new switch interval or core count is applied to the preset itself, so the reader
 * sees the same program under a different setting; otherwise the generic workloads of
 * scenarioFromParams take over, with the preset's values for any parameter not given (a link
 * names only those the reader changed).
 */
export function buildTimeline(config: TimelineConfig): BuiltTimeline {
  const compare = config.compare === true;
  // The configuration may come from a URL or an attribute: anything but an object means no parameters.
  const raw = typeof config.params === 'object' && config.params !== null ? config.params : undefined;
  if (config.scenario !== undefined && isScenarioId(config.scenario)) {
    const scenario = getScenario(config.scenario);
    const preset = presetParams(config.scenario);
    const text = { title: scenario.title, description: scenario.description };
    if (raw === undefined) {
      return { panels: panelsOf(scenario.input, compare), ...text, params: preset, notices: [] };
    }
    const built = scenarioFromParams(raw, preset);
    const p = built.params;
    if (p.threads === preset.threads && p.workload === preset.workload && (compare || p.mode === preset.mode)) {
      const input: SimInput = {
        ...scenario.input,
        mode: compare ? scenario.input.mode : p.mode,
        cores: p.cores,
        switchInterval: built.input.switchInterval,
      };
      return { panels: panelsOf(input, compare), ...text, params: p, notices: built.notices };
    }
    return generic(built, compare, []);
  }
  const notices =
    config.scenario === undefined
      ? []
      : [`There is no scenario called ${JSON.stringify(String(config.scenario))}; showing the defaults.`];
  return generic(scenarioFromParams(raw ?? {}), compare, notices);
}

function generic(built: BuiltScenario, compare: boolean, notices: readonly string[]): BuiltTimeline {
  const { threads: n, workload, mode } = built.params;
  const work = `${WORKLOAD_LABELS[workload].replace('Mixed:', 'mixed')} work`;
  const title = compare
    ? `${n} ${n === 1 ? 'task' : 'tasks'}, ${work}: threads with the GIL, free-threaded threads and processes`
    : `${n} ${TITLES[mode][n === 1 ? 0 : 1]}, ${work}`;
  return {
    panels: panelsOf(built.input, compare),
    title,
    description: null,
    params: built.params,
    notices: [...notices, ...built.notices],
  };
}
