import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/index.js';
import { CHART_VERSIONS, type ChartVersion } from '../../src/model/chart/versions.js';
import { checkFixture, fixtureChartVersions, fixtureFiles, fixtureOptions } from './fixtures.js';

/**
 * The guide example and every rule fixture on every supported chart version: no crash, and each
 * fixture's markers hold on every version it holds for. A fixture that writes keys older charts
 * lack, or pins a behaviour that changed, says which versions it holds for with a
 * `# chart-versions: <semver range>` line (test/helpers/fixtures.ts).
 *
 * The work is split into shards, one test file each, so that the test workers share it: shard `n`
 * of `count` takes every `count`-th chart version, starting at the `n`-th (0-based).
 */
const GUIDE = readFileSync(new URL('../../fixtures/guide/override-values.yml', import.meta.url), 'utf8');
const files = fixtureFiles().map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }));

export function describeFixtureVersions(shard: number, count: number): void {
  const versions = CHART_VERSIONS.filter((_, index) => index % count === shard);
  describe.each(versions.map((version) => [version] as const))('chart %s', { timeout: 120_000 }, (version: ChartVersion) => {
    it('lints the guide example', async () => {
      const findings = await lintText(GUIDE, { chartVersion: version, file: 'override-values.yml' });
      // The example has no seal stanza, whatever the version.
      expect(findings.map((finding) => finding.ruleId)).toContain('auto-unseal');
      expect(findings.every((finding) => finding.location.kind === 'file' && finding.location.file === 'override-values.yml')).toBe(true);
    });

    const mine = files.filter((file) => fixtureChartVersions(file.text).includes(version));
    it.each(mine.map((file) => [`${file.rule}/${file.kind}/${file.name}`, file] as const))('%s', async (_, file) => {
      const { found, expected, foundRelated, expectedRelated } = await checkFixture(file, file.text, {
        ...fixtureOptions(file.text),
        chartVersion: version,
      });
      expect(found).toEqual(expected);
      expect(foundRelated).toEqual(expectedRelated);
    });
  });
}
