import { describe, expect, it } from 'vitest';
import { compareVersions, pyenvBuilds, pyenvPython } from './pyenv.ts';

describe('pyenv builds', () => {
  it('orders versions as numbers, not strings', () => {
    expect(pyenvBuilds(['3.13.0', '3.9.18', '3.9.2', '3.10.13', '3.13.0t', 'system'])).toEqual([
      '3.9.2',
      '3.9.18',
      '3.10.13',
      '3.13.0',
    ]);
    expect(compareVersions('3.9.2', '3.9.18')).toBeLessThan(0);
    expect(pyenvBuilds(['3.13.0t', '3.9.18', '3.13.0'], { freeThreaded: true })).toEqual([
      '3.9.18',
      '3.13.0t',
      '3.13.0',
    ]);
  });

  it('picks the newest patch release of a minor version, and nothing for a missing one', () => {
    const builds = pyenvBuilds(['3.9.2', '3.9.18', '3.13.0']);
    expect(pyenvPython('3.9', builds)).toMatch(/\/3\.9\.18\/bin\/python$/);
    expect(pyenvPython('3.1', builds)).toBeUndefined();
    expect(pyenvPython('3.14', builds)).toBeUndefined();
  });
});
