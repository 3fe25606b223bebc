import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintTargets, type LintOptions } from '../src/index.js';
import type { Finding } from '../src/engine/types.js';
import { CHART_VERSIONS } from '../src/model/model.js';
import { knownKeysAt, schemaNodesAt } from '../src/schemas/suggest.js';
import { FIXTURES_ROOT as ROOT, fixtureChartVersions, fixtureFiles, fixtureOptions } from './helpers/fixtures.js';

/**
 * Hints are fixes people paste. Two proofs:
 *
 * 1. Round trips. `fixtures/<rule>/after/<name>.values.yaml` is the firing fixture
 *    `fixtures/<rule>/invalid/<name>.values.yaml` with the hint of each of its findings applied by
 *    hand. Linted with the same options (the `# fixture-options:` line of the firing fixture), the
 *    after file must leave the rule quiet and yield no error-level finding of any rule. An error the
 *    firing fixture already has for an unrelated reason may be kept only when the after file says so
 *    on a line `# after-keeps: <rule>/<messageId> …`, and only if the firing fixture has it too.
 *    Every hinted messageId of every rule has at least one such pair.
 *    (The fixture runner reads only `valid/` and `invalid/`, so after files are not fixtures.)
 *
 * 2. Values paths. Every dotted values path a hint names exists in the values schema of the chart
 *    version it is given for. A path is extracted as: a run of identifiers joined by dots
 *    (`[A-Za-z][A-Za-z0-9_-]*`), at least two of them, not preceded by a letter, digit, `.`, `/` or
 *    `-`, whose first identifier is a top-level key of that version's values schema (`global`,
 *    `server`, `injector`, `ui`, `csi`, `serverTelemetry`). A `{{placeholder}}` or any other
 *    character ends it, so `server.resources.requests.{{resource}}` yields `server.resources.requests`
 *    and a sentence's closing period is not part of the path. Checked on the hint templates of every
 *    rule for every supported chart version, and on every hint the firing fixtures produce when
 *    linted as each version they hold for (that covers the hints whose text depends on the model).
 *    Hints that name a key some older chart lacks are listed in OLDER_CHARTS_LACK, exactly.
 */

const KEEPS = /^#\s*after-keeps:\s*(.*)$/m;

async function lint(text: string, label: string, options: LintOptions): Promise<Finding[]> {
  const results = await lintTargets([{ layers: [{ kind: 'file', label, text }] }], options);
  return results.flatMap((result) => result.findings);
}

const id = (finding: Finding): string => `${finding.ruleId}/${finding.messageId}`;

interface Pair {
  rule: string;
  name: string;
  before: string;
  after: string;
}

function pairs(): Pair[] {
  return fixtureFiles()
    .filter((file) => file.kind === 'invalid')
    .map((file) => ({ rule: file.rule, name: file.name, before: file.path, after: join(ROOT, file.rule, 'after', file.name) }))
    .filter((pair) => existsSync(pair.after));
}

const hinted = rules.flatMap((rule) => Object.keys(rule.meta.hints ?? {}).map((messageId) => `${rule.id}/${messageId}`));

describe('hint round trips: the after file of a firing fixture is quiet', () => {
  const covered = new Set<string>();
  for (const pair of pairs()) {
    it(`${pair.rule}/after/${pair.name}`, async () => {
      const beforeText = readFileSync(pair.before, 'utf8');
      const afterText = readFileSync(pair.after, 'utf8');
      const options = fixtureOptions(beforeText);
      const before = await lint(beforeText, pair.name, options);
      const after = await lint(afterText, pair.name, options);
      const fired = before.filter((finding) => finding.ruleId === pair.rule && finding.hint !== undefined);
      expect(fired.length).toBeGreaterThan(0);
      for (const finding of fired) covered.add(id(finding));
      expect(
        after
          .filter((finding) => finding.ruleId === pair.rule)
          .map((finding) => `${finding.location.line}: ${id(finding)} ${finding.message}`),
      ).toEqual([]);
      const keeps = (KEEPS.exec(afterText)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
      const beforeErrors = before.filter((finding) => finding.severity === 'error').map(id);
      for (const kept of keeps) expect(beforeErrors, `kept ${kept} must already fire on the firing fixture`).toContain(kept);
      const errors = after.filter((finding) => finding.severity === 'error' && !keeps.includes(id(finding)));
      expect(errors.map((finding) => `${finding.location.line}: ${id(finding)} ${finding.message}`)).toEqual([]);
    });
  }

  it('covers every hinted messageId with at least one pair', async () => {
    // Recomputed here so that the check does not depend on the order the round trips ran in.
    for (const pair of pairs()) {
      const text = readFileSync(pair.before, 'utf8');
      for (const finding of await lint(text, pair.name, fixtureOptions(text)))
        if (finding.ruleId === pair.rule && finding.hint !== undefined) covered.add(id(finding));
    }
    expect(hinted.filter((message) => !covered.has(message))).toEqual([]);
  });
});

const SCHEMAS = Object.fromEntries(
  CHART_VERSIONS.map((version) => [
    version,
    JSON.parse(readFileSync(new URL(`../schemas/values-${version}.schema.json`, import.meta.url), 'utf8')) as object,
  ]),
);

/** The values paths a hint names (see the extraction rule above), for one chart version's top-level keys. */
export function valuesPathsIn(text: string, topLevel: readonly string[]): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?<![A-Za-z0-9./-])[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)+/g)) {
    if (topLevel.includes(match[0].split('.')[0]!)) out.push(match[0]);
  }
  return out;
}

/** A map that takes any key (`extraEnvironmentVars`, `resources`, `annotations`…): whatever lies below it exists. */
function freeForm(node: Record<string, unknown>): boolean {
  return (
    node.additionalProperties !== false &&
    node.properties === undefined &&
    node.patternProperties === undefined &&
    node.$ref === undefined &&
    (node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')))
  );
}

/** Whether the schema declares the path, or a free-form map on the way to it. */
function pathExists(schema: object, segments: readonly string[]): boolean {
  for (let length = 1; length <= segments.length; length++) {
    const nodes = schemaNodesAt(schema, segments.slice(0, length));
    if (nodes.length === 0) return false;
    if (length < segments.length && nodes.some(freeForm)) return true;
  }
  return true;
}

function missingPaths(text: string, version: string): string[] {
  const schema = SCHEMAS[version]!;
  return valuesPathsIn(text, knownKeysAt(schema, [])).filter((path) => !pathExists(schema, path.split('.')));
}

/**
 * Hint templates that name a key older supported charts lack: [rule/messageId, key, first chart
 * version with the key]. Each is given only where the key exists (discoveryDisabled: the rule reads
 * the switch through the chart profile, and is quiet before 0.23.0, whose template has no switch);
 * the fixture check below proves no such hint is produced on an older chart. The list is exact, so
 * fixing a hint (or adding a gap) fails the template test below until the list follows.
 */
const OLDER_CHARTS_LACK = [
  ['service-registration/discoveryDisabled', 'server.serviceAccount.serviceDiscovery.enabled', '0.23.0'],
  // The rule reads both through the chart profile (serverHostNetwork, httpRoute): no finding, so no hint, before.
  ['no-public-exposure/serverHostNetwork', 'server.hostNetwork', '0.22.1'],
  ['no-public-exposure/publicGateway', 'server.httproute.parentRefs', '0.34.0'],
] as const;

describe('every values path a hint names exists in the chart version it is given for', { timeout: 300_000 }, () => {
  it('extracts dotted paths that start at a top-level values key', () => {
    const top = ['global', 'server', 'ui'];
    expect(valuesPathsIn('Set server.ha.replicas: 5 and global.tlsDisable: false.', top)).toEqual([
      'server.ha.replicas',
      'global.tlsDisable',
    ]);
    expect(valuesPathsIn('Add server.resources.requests.{{resource}} under ui.annotations.', top)).toEqual([
      'server.resources.requests',
      'ui.annotations',
    ]);
    expect(
      valuesPathsIn('app.kubernetes.io/name, service.beta.kubernetes.io/x, /vault/userconfig/server.crt, vault-0.server.ha', top),
    ).toEqual([]);
  });

  it('finds a path a version lacks', () => {
    expect(missingPaths('Set server.httproute.enabled: false.', '0.28.0')).toEqual(['server.httproute.enabled']);
    expect(missingPaths('Set server.httproute.enabled: false.', '0.34.1')).toEqual([]);
    expect(missingPaths('Add server.extraEnvironmentVars.VAULT_CACERT and server.resources.limits.cpu.', '0.28.0')).toEqual([]);
    expect(missingPaths('Add server.extraEnvironmentVar.VAULT_CACERT.', '0.28.0')).toEqual(['server.extraEnvironmentVar.VAULT_CACERT']);
  });

  for (const version of CHART_VERSIONS) {
    const lacking = OLDER_CHARTS_LACK.filter(([, , since]) => CHART_VERSIONS.indexOf(version) < CHART_VERSIONS.indexOf(since));
    const known = new Set(lacking.map(([message, key]) => `${message}: ${key}`));

    it(`hint templates, chart ${version}`, () => {
      const missing = rules.flatMap((rule) =>
        Object.entries(rule.meta.hints ?? {}).flatMap(([messageId, hint]) =>
          missingPaths(String(hint), version).map((path) => `${rule.id}/${messageId}: ${path}`),
        ),
      );
      expect(missing.sort()).toEqual([...known].sort());
    });

    it(`hints the firing fixtures produce, linted as chart ${version}`, async () => {
      const missing: string[] = [];
      for (const file of fixtureFiles().filter((candidate) => candidate.kind === 'invalid')) {
        const text = readFileSync(file.path, 'utf8');
        // Each fixture on the versions it holds for (its # chart-versions range or its pinned version).
        if (!fixtureChartVersions(text).includes(version)) continue;
        for (const finding of await lint(text, file.name, { ...fixtureOptions(text), chartVersion: version })) {
          for (const path of missingPaths(finding.hint ?? '', version)) {
            missing.push(`${file.rule}/${file.name} ${id(finding)}: ${path}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
