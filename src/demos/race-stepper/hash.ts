/**
 * The stepper's state in the URL, e.g. #race=step-5,switch-after-load,lock-off,ft-off,py-3.13, so
 * that a course can link one moment of the race; on the stepper's embed page the same settings come
 * as a query (?step=5&lock=on). Parsed and validated here only: anything invalid
 * falls back to the default and produces a notice (plain text, never HTML).
 */
import { versionGroup, VERSION_GROUPS, type VersionGroup } from './bytecode.ts';
import { HASH_KEY } from './hash-key.ts';
import { DEFAULT_STATE, normalizeConfig, SWITCH_POINTS, type RaceState, type SwitchPoint } from './machine.ts';
import { quote } from '../../sim/coerce.ts';

export { HASH_KEY };

export interface ParsedHash {
  readonly state: RaceState;
  readonly notices: readonly string[];
}

/** The state for `#race=…`, or null when the hash is about something else (a heading, say). */
export function parseRaceHash(hash: string, defaults: RaceState = DEFAULT_STATE, key = HASH_KEY): ParsedHash | null {
  const prefix = `#${key}=`;
  if (!hash.startsWith(prefix)) return null;
  let body: string;
  try {
    body = decodeURIComponent(hash.slice(prefix.length));
  } catch {
    return { state: defaults, notices: ['The link to this stepper is not valid; showing the start instead.'] };
  }
  const notices: string[] = [];
  let state: RaceState = defaults;
  const seen = new Set<string>();
  for (const token of body
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const [name = '', ...rest] = token.split('-');
    const value = rest.join('-');
    if (seen.has(name)) {
      notices.push(`${quote(token)} repeats "${name}"; the first one counts.`);
      continue;
    }
    seen.add(name);
    switch (name) {
      case 'step':
        if (/^\d{1,4}$/.test(value)) state = { ...state, step: Number(value) };
        else notices.push(`${quote(token)} is not a step number; starting at step 0.`);
        break;
      case 'switch':
        if ((SWITCH_POINTS as readonly string[]).includes(value)) state = { ...state, switchAt: value as SwitchPoint };
        else
          notices.push(
            `${quote(token)} is not a switch point (${SWITCH_POINTS.map((s) => `switch-${s}`).join(', ')}); using switch-${defaults.switchAt}.`,
          );
        break;
      case 'lock':
      case 'ft':
        if (value === 'on' || value === 'off')
          state = { ...state, [name === 'lock' ? 'lock' : 'freeThreaded']: value === 'on' };
        else
          notices.push(
            `${quote(token)} should be ${name}-on or ${name}-off; using ${name}-${(name === 'lock' ? defaults.lock : defaults.freeThreaded) ? 'on' : 'off'}.`,
          );
        break;
      case 'py': {
        const group = (VERSION_GROUPS as readonly string[]).includes(value)
          ? (value as VersionGroup)
          : versionGroup(value);
        if (group !== undefined) state = { ...state, version: group };
        else
          notices.push(
            `${quote(token)} is not a version the stepper shows (3.6 to 3.14; 3.15's bytecode has not been checked); using py-${defaults.version}.`,
          );
        break;
      }
      default:
        notices.push(`${quote(token)} is not a stepper setting and was ignored.`);
    }
  }
  const normalized = normalizeConfig(state);
  return { state: normalized.config, notices: [...notices, ...normalized.notices] };
}

/** The hash for a state, without the leading '#'. */
export function formatRaceHash(state: RaceState, key = HASH_KEY): string {
  const onOff = (b: boolean): string => (b ? 'on' : 'off');
  return `${key}=step-${state.step},switch-${state.switchAt},lock-${onOff(state.lock)},ft-${onOff(state.freeThreaded)},py-${state.version}`;
}

/** Keeps a step inside the race; says so when it had to move it. */
export function clampStep(step: number, frameCount: number): { step: number; notice: string | null } {
  const last = Math.max(0, frameCount - 1);
  if (step <= last) return { step: Math.max(0, step), notice: null };
  return {
    step: last,
    notice: `Step ${step} is past the end of this race (it has steps 0 to ${last}); showing step ${last}.`,
  };
}

const RACE_KEYS = ['step', 'switch', 'lock', 'ft', 'py'] as const;

/** Keys: step, switch, lock (on|off), ft (on|off), py; checked by the stepper's own hash parser. */
export function raceFromQuery(query: URLSearchParams): ParsedHash {
  const notices: string[] = [];
  const tokens: string[] = [];
  for (const key of RACE_KEYS) {
    const value = query.get(key);
    if (value === null) continue;
    // A comma would smuggle in another setting.
    if (value.includes(',')) notices.push(`${key}: ${quote(value)} is not a valid value and was ignored.`);
    else tokens.push(`${key}-${value}`);
  }
  const parsed = parseRaceHash(`#${HASH_KEY}=${encodeURIComponent(tokens.join(','))}`);
  return { state: parsed?.state ?? DEFAULT_STATE, notices: [...notices, ...(parsed?.notices ?? [])] };
}

export function raceToQuery(state: RaceState): URLSearchParams {
  const query = new URLSearchParams();
  for (const token of formatRaceHash(state)
    .slice(HASH_KEY.length + 1)
    .split(',')) {
    const [key = '', ...rest] = token.split('-');
    query.set(key, rest.join('-'));
  }
  return query;
}
