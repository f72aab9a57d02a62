/**
 * Untrusted values (URL queries, attributes, form fields) made into settings: one rule per knob,
 * one wording for every notice, each worded with the knob's reader-facing label and cut short
 * where it quotes the bad value. Notices are plain text; callers set them as textContent.
 */

/** Longest piece of a bad value quoted back in a notice. */
const QUOTE_MAX = 24;
export const quote = (s: string): string => JSON.stringify(s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);

export interface NumberRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Decimal places kept: 0 for a whole number. */
  readonly decimals: number;
  /** The control's step, when coarser than the decimals kept. */
  readonly step?: number;
}

/** A number within the rule: rounded to its decimals, clamped to its range, or the fallback when not a number. */
export function coerceNumber(rule: NumberRule, raw: unknown, fallback: number, notices: string[]): number {
  if (raw === undefined) return fallback;
  // Number('') would be 0, so blank counts as not a number.
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    notices.push(`${rule.label}: ${quote(String(raw))} is not a number; using ${fallback}.`);
    return fallback;
  }
  const scale = 10 ** rule.decimals;
  let used = Math.round(value * scale) / scale;
  if (used !== value) {
    const why =
      rule.decimals === 0
        ? 'is not a whole number'
        : `has more than ${rule.decimals} decimal${rule.decimals === 1 ? '' : 's'}`;
    notices.push(`${rule.label}: ${value} ${why}; using ${used}.`);
  }
  if (used < rule.min || used > rule.max) {
    const clamped = Math.min(rule.max, Math.max(rule.min, used));
    notices.push(`${rule.label}: ${used} is outside ${rule.min}–${rule.max}; using ${clamped}.`);
    used = clamped;
  }
  return used;
}

/** One of the options, or the fallback with a notice. */
export function coerceChoice<T extends string>(
  label: string,
  raw: unknown,
  options: readonly T[],
  fallback: T,
  notices: string[],
): T {
  if (raw === undefined) return fallback;
  const found = options.find((option) => option === raw);
  if (found === undefined) {
    notices.push(`${label}: ${quote(String(raw))} is not one of ${options.join(', ')}; using ${fallback}.`);
    return fallback;
  }
  return found;
}
