/** The URL hash prefix the stepper owns (#race=…); apart from hash.ts so the loader stays tiny. */
export const HASH_KEY = 'race';
