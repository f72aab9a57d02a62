/** The GIL model: pure, deterministic, no DOM. Pages, islands, embeds and the timing lab import from here. */
export type * from './types.ts';
export { cpu, cCall, io } from './steps.ts';
export { DEFAULTS, MODES } from './input.ts';
export { simulate } from './simulate.ts';
export { buildTrace, stateAfter } from './trace.ts';
export { gilStateAt, gilTimeline, GIL_INITIAL, type GilSnapshot } from './gilState.ts';
export { summarize, stats } from './summary.ts';
export { getScenario, isScenarioId, SCENARIO_IDS, type Scenario, type ScenarioId } from './scenarios.ts';
export {
  PARAM_DEFAULTS,
  PARAM_LIMITS,
  scenarioFromParams,
  type BuiltScenario,
  type ScenarioParams,
  type Workload,
} from './params.ts';
