import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { checkFixture, fixtureChartVersions, fixtureFiles, fixtureOptions } from './helpers/fixtures.js';

/**
 * Fixture files: `fixtures/<rule-id>/{valid,invalid}/<description>.values.yaml`. Each expected
 * finding of the fixture's rule is written on its line as `# expect: <rule-id>/<messageId>` (several
 * separated by spaces; the comment works in YAML and inside embedded HCL). An invalid fixture yields
 * exactly its markers for its rule, and each related location of those findings is marked on its
 * line as `# related: <rule-id>/<messageId>`; a valid one yields nothing for its rule. A first-line comment
 * `# fixture-options: {...}` passes lint options (chartVersion, releaseName, namespace). Files under
 * `after/` are not fixtures: they are hint round trips (test/hints.test.ts). Here each fixture runs
 * on the default chart version (or the one its options name); test/fixtures-versions-*.test.ts run
 * it on every supported version it holds for (`# chart-versions: <range>`).
 */
describe('rule fixtures', () => {
  const files = fixtureFiles();
  it('every rule has at least two firing and two quiet fixtures', () => {
    for (const rule of rules) {
      const mine = files.filter((file) => file.rule === rule.id);
      expect({
        rule: rule.id,
        valid: mine.filter((file) => file.kind === 'valid').length >= 2,
        invalid: mine.filter((file) => file.kind === 'invalid').length >= 2,
      }).toEqual({ rule: rule.id, valid: true, invalid: true });
    }
  });

  for (const file of files) {
    it(`${file.rule}/${file.kind}/${file.name}`, async () => {
      const text = readFileSync(file.path, 'utf8');
      // The newest supported version the fixture holds for (the default one, unless it says otherwise).
      const chartVersion = fixtureChartVersions(text).at(-1);
      expect(chartVersion, 'no supported chart version is inside its # chart-versions range').toBeDefined();
      const { found, expected, foundRelated, expectedRelated } = await checkFixture(file, text, { ...fixtureOptions(text), chartVersion });
      if (file.kind === 'invalid') expect(expected.length).toBeGreaterThan(0);
      expect(found).toEqual(expected);
      expect(foundRelated).toEqual(expectedRelated);
    });
  }
});
