import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Worker threads start faster than forked processes, and every core runs test files: vitest's
    // default leaves one core idle, which on a 2-core CI machine halves the suite's speed.
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
