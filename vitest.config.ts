import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never depend on a stale build.
const resolve = { conditions: ['source'] };

export default defineConfig({
  resolve,
  test: {
    passWithNoTests: true,
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: [
            '*/src/**/*.test.ts',
            'cli/test/**/*.test.ts',
            'conformance/**/*.test.ts',
            'charts/**/*.test.ts',
          ],
          globalSetup: ['cli/test/build.global-setup.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          globalSetup: ['stack/src/global-setup.ts'],
          include: ['*/test/integration/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
