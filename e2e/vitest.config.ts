import { defineConfig } from 'vitest/config';

// Browser tests: one file at a time in one fork (each starts a server and a Chromium), generous timeouts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globals: false,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
