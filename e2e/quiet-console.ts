// `test` for specs in which any console error, warning or uncaught exception fails the test.
import { expect, test as base } from '@playwright/test';
import { collectProblems } from './site';

export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems = collectProblems(page);
      await use(problems);
      expect(problems, 'console errors and warnings').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
