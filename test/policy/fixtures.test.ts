import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fixtureOptions } from '../helpers/fixtures.js';

/**
 * Policy fixtures: `fixtures/_policies/{valid,invalid}/*.values.yaml`, governed by the
 * `.vault-lint.yaml` beside them. Each is linted by the CLI as a user would (`vault-lint <file>`,
 * which finds that config), and its policy findings must be exactly its `# expect: <id>/<messageId>`
 * markers (a policy id has a `/`: `acme/registry/violation`); a valid one yields none.
 */
const DIR = join(ROOT, 'fixtures/_policies');
const MARKER = /#\s*expect:\s*([^\n#]*)/;

function expected(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) => {
      const match = MARKER.exec(line);
      return match
        ? match[1]!
            .trim()
            .split(/\s+/)
            .map((token) => `${index + 1}:${token}`)
        : [];
    })
    .sort();
}

describe('policy fixtures', () => {
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(join(DIR, kind))) {
      it(`${kind}/${name}`, async () => {
        const path = join(DIR, kind, name);
        const text = readFileSync(path, 'utf8');
        const { releaseName } = fixtureOptions(text);
        const run = await runCli([relative(ROOT, path), '-o', 'json', ...(releaseName ? ['--release-name', releaseName] : [])]);
        expect(run.stderr).toBe('');
        const found = (
          JSON.parse(run.stdout) as { results: { findings: { ruleId: string; messageId: string; location: { line: number } }[] }[] }
        ).results
          .flatMap((result) => result.findings)
          .filter((finding) => finding.ruleId.includes('/'))
          .map((finding) => `${finding.location.line}:${finding.ruleId}/${finding.messageId}`)
          .sort();
        if (kind === 'invalid') expect(expected(text).length).toBeGreaterThan(0);
        expect(found).toEqual(kind === 'valid' ? [] : expected(text));
      });
    }
  }
});
