import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Starts the test file that installs the pre-commit hook (npm install and two builds, the longest
 * file by far) first, so the other workers run the rest meanwhile; without a cache of earlier runs
 * (a fresh CI clone) vitest would start it among the last, as a small file.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (file: TestSpecification) => file.moduleId.endsWith('test/integration/pre-commit.test.ts');
    return [...sorted.filter(first), ...sorted.filter((file) => !first(file))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Worker threads start faster than forked processes, and every core runs test files: vitest's
    // default leaves one core idle, which on a 2-core CI machine halves the suite's speed.
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongestFirst },
  },
});
