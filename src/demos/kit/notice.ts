/** Notices quote a bad value back to the reader, cut short: a link can carry anything. */
const QUOTE_MAX = 24;
export const quote = (s: string): string => JSON.stringify(s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);
