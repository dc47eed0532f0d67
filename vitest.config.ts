import { defineConfig } from 'vitest/config';

// One PostgreSQL server and one migrated template for the whole run (global setups); each test
// file clones its own database. Two projects: `unit` (API and packages, through app.inject) and
// `e2e` (the real server and Chromium). `npm test` runs both; `npm run test:e2e` only the second.
const globalSetup = ['packages/db/src/testing/global-setup.ts', 'apps/api/test/global-setup.ts'];

export default defineConfig({
  test: {
    // Two cores: two files at a time.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
