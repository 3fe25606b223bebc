import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Starts the longest test files first, so that no worker is left with a long file at the end while
 * the others idle: the one that installs the pre-commit hook (npm install and two builds), then the
 * shards of the fixtures-on-every-chart-version test. Without a cache of earlier runs (a fresh CI
 * clone) vitest would order them by size, and these are small files.
 */
const LONGEST = [/test\/integration\/pre-commit\.test\.ts$/, /test\/fixtures-versions-\d+\.test\.ts$/, /test\/hints\.test\.ts$/];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST.findIndex((pattern) => pattern.test(file.moduleId));
      return index === -1 ? LONGEST.length : index;
    };
    // Array sort is stable: within a rank, vitest's own order stays.
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

/**
 * Test files share one module graph per worker (`isolate: false`): importing the sources once per
 * worker instead of once per file saves about a third of the suite's time on 2 cores. A file that
 * replaces modules (`vi.mock`, `vi.spyOn`, stubs) or asserts which modules a run has loaded needs
 * a fresh graph: it runs isolated, found by its `vi.` calls or by a `// vitest: isolate` line (with
 * the reason) near its top.
 */
const NEEDS_ISOLATION = /\bvi\.(?:mock|doMock|spyOn|stubEnv|stubGlobal|resetModules)\b|^\/\/ vitest: isolate\b/m;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const root = dirname(fileURLToPath(import.meta.url));
const isolated = testFiles(join(root, 'test'))
  .filter((file) => NEEDS_ISOLATION.test(readFileSync(file, 'utf8')))
  .map((file) => relative(root, file));

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Worker threads start faster than forked processes, and every core runs test files: vitest's
    // default leaves one core idle, which on a 2-core CI machine halves the suite's speed.
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
