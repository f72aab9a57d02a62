import { defineConfig } from 'vitest/config';

// Tests that start real CPython interpreters are a project of their own: `vitest --project unit`
// runs the pure tests alone in seconds; `npm run test:unit` runs both.
const CPYTHON = [
  'src/demos/practice/pool-mistakes.test.ts',
  'src/demos/race-stepper/bytecode.test.ts',
  'tools/validate/real-cpython.test.ts',
];
const ALL = ['src/**/*.test.ts', 'tools/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: CPYTHON } },
      { extends: true, test: { name: 'cpython', include: CPYTHON } },
    ],
  },
});
