/**
 * Golden tests: each reporter's output for the sample run, compared byte for byte with
 * `fixtures/_report/<name>.golden.txt`.
 *
 * After an intended change in output, regenerate the goldens and review the diff by eye:
 *
 *     UPDATE_GOLDENS=1 npx vitest run test/report/golden.test.ts
 *
 * A regenerated golden still fails the run it was written in, so an update is never silent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFormatter, formatterNames } from '../../src/report/index.js';
import { SAMPLE_CWD, SAMPLE_VERSION, sampleResults, sampleRules } from './sample.js';

const goldenDir = new URL('../../fixtures/_report/', import.meta.url);
const update = process.env.UPDATE_GOLDENS === '1';

describe('reporter goldens', () => {
  for (const name of formatterNames) {
    it(`${name} matches fixtures/_report/${name}.golden.txt`, async () => {
      const format = await loadFormatter(name);
      const actual = format(sampleResults(), sampleRules, { color: false, toolVersion: SAMPLE_VERSION, cwd: SAMPLE_CWD });
      const file = new URL(`${name}.golden.txt`, goldenDir);
      if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, actual);
        expect.fail(`UPDATE_GOLDENS=1: wrote ${name}.golden.txt; review it and run again without the variable`);
      }
      expect(existsSync(file), `missing golden ${name}.golden.txt (run with UPDATE_GOLDENS=1)`).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
