import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium';

describe('chromiumPath', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('takes the browser CHROMIUM_PATH names first', async () => {
    process.env.CHROMIUM_PATH = process.execPath;
    await expect(chromiumPath()).resolves.toBe(process.execPath);
  });

  it('says so when CHROMIUM_PATH names a file that does not exist', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    await expect(chromiumPath()).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium: no such file');
  });
});
