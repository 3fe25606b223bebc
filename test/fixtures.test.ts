import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LintOptions } from '../src/engine/lint.js';
import { lintTargets } from '../src/lint.js';
import { rules } from '../rules/index.js';
import { fixtureFiles } from './helpers/fixtures.js';

/**
 * Fixture files: `fixtures/<rule-id>/{valid,invalid}/<description>.values.yaml`. Each expected
 * finding of the fixture's rule is written on its line as `# expect: <rule-id>/<messageId>` (several
 * separated by spaces; the comment works in YAML and inside embedded HCL). An invalid fixture yields
 * exactly its markers for its rule, and each related location of those findings is marked on its
 * line as `# related: <rule-id>/<messageId>`; a valid one yields nothing for its rule. A first-line comment
 * `# fixture-options: {...}` passes lint options (chartVersion, releaseName, namespace). Files under
 * `after/` are not fixtures: they are hint round trips (test/hints.test.ts).
 */
const MARKER = /#\s*expect:\s*([^\n#]*)/;
/** A related location of a finding of the fixture's rule: `# related: <rule-id>/<messageId>` on its line. */
const RELATED = /#\s*related:\s*([^\n#]*)/;
const OPTIONS = /^#\s*fixture-options:\s*(\{.*\})\s*$/m;

function markers(text: string, pattern = MARKER): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, index) => {
    const match = pattern.exec(line);
    if (!match) return;
    for (const token of match[1]!.trim().split(/\s+/)) out.push(`${index + 1}:${token}`);
  });
  return out.sort();
}

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
      const options = OPTIONS.exec(text);
      const lintOptions: LintOptions = options ? (JSON.parse(options[1]!) as LintOptions) : {};
      const results = await lintTargets([{ layers: [{ kind: 'file', label: file.name, text }] }], lintOptions);
      const mine = results.flatMap((result) => result.findings).filter((finding) => finding.ruleId === file.rule);
      const found = mine.map((finding) => `${finding.location.line}:${finding.ruleId}/${finding.messageId}`).sort();
      const foundRelated = mine
        .flatMap((finding) =>
          (finding.relatedLocations ?? [])
            .filter((related) => related.location.file === file.name)
            .map((related) => `${related.location.line}:${finding.ruleId}/${finding.messageId}`),
        )
        .sort();
      const own = (marker: string): boolean => marker.split(':')[1]!.startsWith(`${file.rule}/`);
      const expected = markers(text).filter(own);
      if (file.kind === 'valid') expect(found).toEqual([]);
      else {
        expect(expected.length).toBeGreaterThan(0);
        expect(found).toEqual(expected);
        expect(foundRelated).toEqual(markers(text, RELATED).filter(own));
      }
    });
  }
});
