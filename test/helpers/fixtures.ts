import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { lintTargets, type LintOptions } from '../../src/index.js';
import { CHART_VERSIONS, type ChartVersion } from '../../src/model/chart/versions.js';

/** The fixtures directory. */
export const FIXTURES_ROOT = new URL('../../fixtures/', import.meta.url).pathname;
const ROOT = FIXTURES_ROOT;

/** Rule fixtures: `fixtures/<rule-id>/{valid,invalid}/<description>.values.yaml` (never `after/`). */
export function fixtureFiles(): { rule: string; kind: 'valid' | 'invalid'; name: string; path: string }[] {
  const out = [];
  for (const rule of readdirSync(ROOT).filter((name) => !name.startsWith('_') && name !== 'guide')) {
    for (const kind of ['valid', 'invalid'] as const) {
      let names: string[];
      try {
        names = readdirSync(join(ROOT, rule, kind)).filter((name) => /\.ya?ml$/.test(name));
      } catch {
        names = [];
      }
      for (const name of names) out.push({ rule, kind, name, path: join(ROOT, rule, kind, name) });
    }
  }
  return out;
}

/** An expected finding of the fixture's rule, on its line: `# expect: <rule-id>/<messageId>` (several separated by spaces). */
const MARKER = /#\s*expect:\s*([^\n#]*)/;
/** A related location of a finding of the fixture's rule: `# related: <rule-id>/<messageId>` on its line. */
const RELATED = /#\s*related:\s*([^\n#]*)/;
const OPTIONS = /^#\s*fixture-options:\s*(\{.*\})\s*$/m;
/** The chart versions a fixture holds for, as a semver range: `# chart-versions: >=0.25.0`. */
const VERSIONS = /^#\s*chart-versions:\s*(.+?)\s*$/m;

function markers(text: string, pattern: RegExp): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, index) => {
    const match = pattern.exec(line);
    if (!match) return;
    for (const token of match[1]!.trim().split(/\s+/)) out.push(`${index + 1}:${token}`);
  });
  return out.sort();
}

/** The lint options a fixture's `# fixture-options: {...}` line passes (chartVersion, releaseName, namespace). */
export function fixtureOptions(text: string): LintOptions {
  const options = OPTIONS.exec(text);
  return options ? (JSON.parse(options[1]!) as LintOptions) : {};
}

/**
 * The supported chart versions a fixture holds for: the one its options pin, else those inside its
 * `# chart-versions:` range (for keys older charts lack, or a behaviour that changed), else all.
 */
export function fixtureChartVersions(text: string): ChartVersion[] {
  const pinned = fixtureOptions(text).chartVersion;
  if (pinned !== undefined) return CHART_VERSIONS.filter((version) => version === pinned.replace(/^v/, ''));
  const range = VERSIONS.exec(text)?.[1];
  if (range === undefined) return [...CHART_VERSIONS];
  if (semver.validRange(range) === null) throw new Error(`Invalid "# chart-versions: ${range}" (expected a semver range)`);
  return CHART_VERSIONS.filter((version) => semver.satisfies(version, range));
}

/**
 * Lint a fixture and compare its findings of its own rule with its markers: an invalid fixture
 * yields exactly its `# expect:` markers (and its `# related:` ones); a valid one yields nothing.
 */
export async function checkFixture(
  file: { rule: string; kind: 'valid' | 'invalid'; name: string },
  text: string,
  options: LintOptions,
): Promise<{ found: string[]; expected: string[]; foundRelated: string[]; expectedRelated: string[] }> {
  const results = await lintTargets([{ layers: [{ kind: 'file', label: file.name, text }] }], options);
  const mine = results.flatMap((result) => result.findings).filter((finding) => finding.ruleId === file.rule);
  const found = mine.map((finding) => `${finding.location.line}:${finding.ruleId}/${finding.messageId}`).sort();
  const foundRelated = mine
    .flatMap((finding) =>
      (finding.relatedLocations ?? [])
        .filter((related) => related.location.kind === 'file' && related.location.file === file.name)
        .map((related) => `${related.location.line}:${finding.ruleId}/${finding.messageId}`),
    )
    .sort();
  const own = (marker: string): boolean => marker.split(':')[1]!.startsWith(`${file.rule}/`);
  if (file.kind === 'valid') return { found, expected: [], foundRelated: [], expectedRelated: [] };
  return { found, expected: markers(text, MARKER).filter(own), foundRelated, expectedRelated: markers(text, RELATED).filter(own) };
}
