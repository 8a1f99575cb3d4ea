import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Pasting on X11 against real windows under Xvfb: `npm run test:x11` (needs the Debian
        // packages in tests/x11/x-session.ts; fails, naming them, when they are missing).
        test: {
          name: 'x11',
          environment: 'node',
          include: ['tests/x11/**/*.x11-test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The server suite on PostgreSQL: `npm run test:pg` (needs CUECARD_TEST_DATABASE_URL).
        test: {
          name: 'pg',
          environment: 'node',
          include: ['tests/integration/server/**/*.pg-test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
