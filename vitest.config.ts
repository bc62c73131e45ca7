import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bot/**/*.test.ts', 'jobs/**/*.test.ts', 'test/**/*.test.ts'],
    // Suites share one Redis server; each uses its own key prefix, but running files one at a time keeps
    // timing-sensitive tests (order pacing) honest on a 2-core machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
