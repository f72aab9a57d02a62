import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tools/chromium';

export const PORT = Number(process.env.E2E_PORT ?? 4330);
/** The build under test; parallel runs can each use their own (E2E_DIST, E2E_PORT). */
export const DIST = process.env.E2E_DIST ?? 'dist';
const executablePath = await chromiumPath();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // The built site with the isolation headers, on a port of its own; --ignore-lock lets it run
    // beside a reader's own server. `npm start`'s server (tools/serve.ts, which adds the per-path
    // CSP) is exercised by e2e/securing-the-site.spec.ts.
    command: `npx astro preview --host 127.0.0.1 --port ${PORT} --outDir ${DIST} --ignore-lock`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
