/**
 * The timeline's state in URL queries (embeds and share links), parsed and validated here only.
 * Unknown keys are ignored; out-of-range numbers are clamped and garbage is replaced by what the
 * scenario shows, each with a plain-text notice (callers set it as textContent, never as HTML).
 */
import type { TimelineConfig } from './panels.ts';
import { presetParams, scenarioFromParams, type ScenarioParams } from '../../sim/params.ts';
import { isScenarioId } from '../../sim/scenarios.ts';
import { coerceNumber, quote } from '../../sim/coerce.ts';

/** URL key → the model's parameter. */
const TIMELINE_KEYS = {
  threads: 'threads',
  interval: 'switchIntervalMs',
  workload: 'workload',
  mode: 'mode',
  cores: 'cores',
} as const satisfies Record<string, keyof ScenarioParams>;

/** The cursor time a link may ask for, in ms (the element clamps to the run's end anyway). */
const TIME_RULE = { label: 'Time (ms)', min: 0, max: 100_000, decimals: 3 } as const;

export interface TimelineUrlState {
  readonly config: TimelineConfig;
  /** Cursor time in ms. */
  readonly timeMs: number;
  readonly notices: string[];
}

export function timelineFromQuery(query: URLSearchParams): TimelineUrlState {
  const notices: string[] = [];
  const rawScenario = query.get('scenario');
  let scenario: TimelineConfig['scenario'];
  if (rawScenario !== null) {
    if (isScenarioId(rawScenario)) scenario = rawScenario;
    else notices.push(`scenario: ${quote(rawScenario)} is not a scenario on this site; showing a model run instead.`);
  }
  const raw: Partial<Record<keyof ScenarioParams, string>> = {};
  for (const [key, name] of Object.entries(TIMELINE_KEYS)) {
    const value = query.get(key);
    if (value !== null) raw[name] = value;
  }
  // A bad value falls back to what the scenario shows by itself, as a missing one does.
  const built = scenarioFromParams(raw, scenario === undefined ? undefined : presetParams(scenario));
  notices.push(...built.notices);
  // Only the values the link gave: a scenario keeps its own for the rest.
  const given = Object.keys(raw) as (keyof ScenarioParams)[];
  const params = given.length === 0 ? undefined : Object.fromEntries(given.map((k) => [k, built.params[k]]));
  const compare = query.get('compare') === '1';
  return {
    config: { scenario, params, compare },
    timeMs: coerceNumber(TIME_RULE, query.get('t') ?? undefined, 0, notices),
    notices,
  };
}

/** `params`: only those that differ from what the scenario shows by itself. */
export function timelineToQuery(
  config: TimelineConfig,
  params: Partial<ScenarioParams>,
  timeMs: number,
): URLSearchParams {
  const query = new URLSearchParams();
  if (config.scenario !== undefined) query.set('scenario', config.scenario);
  for (const [key, name] of Object.entries(TIMELINE_KEYS)) {
    if (params[name] !== undefined) query.set(key, String(params[name]));
  }
  if (config.compare === true) query.set('compare', '1');
  if (timeMs > 0) query.set('t', String(Math.round(timeMs * 1000) / 1000));
  return query;
}
