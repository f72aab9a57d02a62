import { describe, expect, it } from 'vitest';
import { LAB_DEFAULTS } from '../../lab/config.ts';
import { labFromQuery, labToQuery } from './url.ts';

const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('labFromQuery', () => {
  it('defaults with no query and clamps bad numbers', () => {
    expect(labFromQuery(q(''))).toEqual({ settings: LAB_DEFAULTS, notices: [] });
    const s = labFromQuery(q('tasks=-1&interval=NaN&io=<b>'));
    expect(s.notices.length).toBe(3);
    expect(s.settings.io).toBe(false);
  });

  it('round-trips what it writes', () => {
    const settings = { ...LAB_DEFAULTS, modes: ['gil', 'processes'] as const, io: true };
    expect(labFromQuery(labToQuery({ ...settings, modes: [...settings.modes] })).settings).toEqual(settings);
  });
});
