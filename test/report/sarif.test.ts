import { describe, expect, it } from 'vitest';
import type { FileResult, Finding, Location } from '../../src/engine/types.js';
import { FINGERPRINT_KEY, formatSarif, SRCROOT } from '../../src/report/sarif.js';
import type { ReportOptions } from '../../src/report/types.js';
import { compileSchema, describeErrors } from './schema.js';
import { DEPLOY_FILE, SAMPLE_CWD, SAMPLE_VERSION, SET_LABEL, SET_ORIGIN, sampleResults, sampleRules } from './sample.js';

// The OASIS schema is not ours: it uses `required` inside `anyOf` without `properties`, which
// Ajv's strict mode rejects, so it is compiled leniently. Our own schemas are compiled strictly.
const validateSarif = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });

const options: ReportOptions = { color: false, toolVersion: SAMPLE_VERSION, cwd: SAMPLE_CWD };

// Just enough typing to read our own output in assertions.
interface Log {
  runs: [
    {
      tool: { driver: { name: string; version: string; semanticVersion?: string; rules: Rule[] } };
      results: Result[];
      artifacts: { location: { uri: string; uriBaseId?: string } }[];
      originalUriBaseIds: Record<string, { uri?: string }>;
      invocations: { executionSuccessful: boolean }[];
      columnKind: string;
    },
  ];
}
interface Rule {
  id: string;
  name: string;
  helpUri?: string;
  help?: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation?: {
      artifactLocation: { uri: string; uriBaseId?: string; index?: number };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
    logicalLocations?: { name?: string; fullyQualifiedName?: string; kind?: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
  relatedLocations?: (Result['locations'][0] & { id: number; message: { text: string } })[];
}

function run(results: FileResult[], opts: ReportOptions = options): Log['runs'][0] {
  const text = formatSarif(results, sampleRules, opts);
  const log = JSON.parse(text) as unknown;
  expect(validateSarif(log), describeErrors(validateSarif)).toBe(true);
  return (log as Log).runs[0];
}

function oneFinding(file: string, overrides: Partial<Finding> = {}): FileResult[] {
  const base = sampleResults()[0]!.findings[3]!; // update-strategy-on-delete, line 7
  return [
    {
      kind: 'file',
      file,
      findings: [{ ...base, ...overrides, location: { ...base.location, kind: 'file', file, ...overrides.location } as Location }],
    },
  ];
}

describe('formatSarif', () => {
  it('validates against the SARIF 2.1.0 schema, with and without cwd', () => {
    run(sampleResults());
    run(sampleResults(), { color: false, toolVersion: SAMPLE_VERSION });
    run([]);
  });

  it('the validator rejects a broken log, so passing it means something', () => {
    const log = JSON.parse(formatSarif(sampleResults(), sampleRules, options)) as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validateSarif(log)).toBe(false);
  });

  it('describes the tool and every rule, sorted by id', () => {
    const { tool, invocations, columnKind } = run(sampleResults());
    expect(tool.driver).toMatchObject({ name: 'vault-lint', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(tool.driver.rules.map((rule) => rule.id)).toEqual([...sampleRules.keys()].sort());
    const rule = tool.driver.rules.find((r) => r.id === 'update-strategy-on-delete')!;
    expect(rule.name).toBe('UpdateStrategyOnDelete');
    expect(rule.helpUri).toBe(sampleRules.get('update-strategy-on-delete')!.docsUrl);
    expect(rule.help!.text).toContain('Upgrading Vault on Kubernetes');
    expect(rule.help!.markdown).toContain(`(${rule.helpUri})`);
    expect(rule.properties).toMatchObject({ tags: ['upgrade'], precision: 'very-high', 'problem.severity': 'error' });
    expect(invocations).toEqual([{ executionSuccessful: true }]);
    expect(columnKind).toBe('utf16CodeUnits');
  });

  it('says why in every result: the guide section after the message, before the hint', () => {
    const results = run(sampleResults()).results;
    const listener = results.find((r) => r.message.text.startsWith('Disabled TLS on listener "tcp"'))!;
    expect(listener.message.text).toBe(
      'Disabled TLS on listener "tcp" (guide: "Configure TLS (the listener)"). Remove tls_disable from the listener and set tls_cert_file and tls_key_file.',
    );
    for (const result of results) expect(result.message.text.match(/\(guide: "/g), result.ruleId).toHaveLength(1);
  });

  it('links each rule to its page when there is one, and carries the page itself when there is none', () => {
    const withLink = run(sampleResults()).tool.driver.rules.find((r) => r.id === 'tls-enabled')!;
    expect(withLink.helpUri).toBe(sampleRules.get('tls-enabled')!.docsUrl);
    const page = '# tls-enabled\n\n**Default severity:** error · **Guide:** Configure TLS\n';
    const unlinked = new Map(
      [...sampleRules].map(([id, info]) => {
        const { docsUrl: _docsUrl, ...rest } = info;
        return [id, id === 'tls-enabled' ? { ...rest, documentation: page } : rest];
      }),
    );
    const log = JSON.parse(formatSarif(sampleResults(), unlinked, options)) as Log;
    expect(validateSarif(log), describeErrors(validateSarif)).toBe(true);
    const rules = log.runs[0].tool.driver.rules;
    for (const rule of rules) expect(rule.helpUri).toBeUndefined();
    expect(rules.find((r) => r.id === 'tls-enabled')!.help).toEqual({ text: page, markdown: page });
    // Without its page either, the help still says what the rule checks and which section it enforces.
    expect(rules.find((r) => r.id === 'ha-enabled')!.help!.text).toContain('Enforces: ');
    expect(JSON.stringify(log)).not.toMatch(/https?:\/\/(?!docs\.oasis-open\.org)/);
  });

  it('links the tool to the project home only when the package names one', () => {
    expect(run(sampleResults()).tool.driver).not.toHaveProperty('informationUri');
    const home = 'https://github.com/example/vault-lint';
    expect(run(sampleResults(), { ...options, homepage: home }).tool.driver).toMatchObject({ informationUri: home });
  });

  it('omits semanticVersion when the version is not semver', () => {
    const { tool } = run(sampleResults(), { ...options, toolVersion: 'dev' });
    expect(tool.driver.version).toBe('dev');
    expect(tool.driver.semanticVersion).toBeUndefined();
  });

  it('gives a security severity only to rules tagged security', () => {
    const rules = run([]).tool.driver.rules;
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(byId.get('tls-enabled')!.properties['security-severity']).toBe('7.5');
    expect(byId.get('no-inline-secrets')!.properties['security-severity']).toBe('7.5');
    expect(byId.get('image-tag-pinned')!.properties['security-severity']).toBeUndefined();
  });

  it('points every ruleIndex at its own rule', () => {
    const { tool, results } = run(sampleResults());
    expect(results).toHaveLength(13);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('adds a rules entry for a rule id missing from the metadata instead of dropping the finding', () => {
    const { tool, results } = run(oneFinding(DEPLOY_FILE, { ruleId: 'internal-parse-error', severity: 'error' }));
    expect(tool.driver.rules.at(-1)).toMatchObject({ id: 'internal-parse-error', defaultConfiguration: { level: 'error' } });
    expect(tool.driver.rules[results[0]!.ruleIndex]!.id).toBe('internal-parse-error');
  });

  it('maps severities to levels, info to note', () => {
    const { tool, results } = run(sampleResults());
    const levels = new Map(results.map((r) => [r.ruleId, r.level]));
    expect(levels.get('tls-enabled')).toBe('error');
    expect(levels.get('image-tag-pinned')).toBe('warning');
    expect(levels.get('data-storage-size-min')).toBe('note');
    const info = tool.driver.rules.find((rule) => rule.id === 'audit-storage-enabled')!;
    expect(info.defaultConfiguration.level).toBe('note');
    expect(info.properties['problem.severity']).toBe('recommendation');
  });

  it('puts the hint after the message and copies the region unchanged', () => {
    const result = run(sampleResults()).results.find((r) => r.ruleId === 'ha-raft-retry-join')!;
    expect(result.message.text).toBe(
      'Missing retry_join in storage "raft" (guide: "High availability with integrated storage"). Add a retry_join block per peer (leader_api_addr) inside storage "raft".',
    );
    expect(result.locations[0]!.physicalLocation!.region).toEqual({ startLine: 17, startColumn: 7, endLine: 20, endColumn: 8 });
  });

  describe('fingerprints', () => {
    const fingerprintOf = (results: FileResult[], index = 0): string => run(results).results[index]!.partialFingerprints[FINGERPRINT_KEY]!;

    it('do not change when a finding moves to another line or column', () => {
      const moved = sampleResults();
      const finding = moved[0]!.findings[3]!;
      finding.location = { ...finding.location, line: 40, endLine: 40, column: 3, endColumn: 9 };
      const before = run(sampleResults()).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
      const after = run(moved).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
      expect(after).toEqual(before);
    });

    it('differ between distinct problems and are unique within a run', () => {
      const all = run(sampleResults()).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
      expect(new Set(all).size).toBe(all.length);
      const base = fingerprintOf(oneFinding(DEPLOY_FILE));
      expect(fingerprintOf(oneFinding('other/values.yaml'))).not.toBe(base);
      expect(fingerprintOf(oneFinding(DEPLOY_FILE, { messageId: 'other' }))).not.toBe(base);
      const elsewhere = oneFinding(DEPLOY_FILE);
      elsewhere[0]!.findings[0]!.location.yamlPath = ['server', 'other'];
      expect(fingerprintOf(elsewhere)).not.toBe(base);
    });

    it('agree for two spellings of the same file', () => {
      expect(fingerprintOf(oneFinding(`./${DEPLOY_FILE}`))).toBe(fingerprintOf(oneFinding(DEPLOY_FILE)));
      expect(fingerprintOf(oneFinding(`${SAMPLE_CWD}/${DEPLOY_FILE}`))).toBe(fingerprintOf(oneFinding(DEPLOY_FILE)));
    });

    it('count repeats of the same problem in one file', () => {
      const twice = oneFinding(DEPLOY_FILE);
      twice[0]!.findings.push({ ...twice[0]!.findings[0]!, location: { ...twice[0]!.findings[0]!.location, line: 9, endLine: 9 } });
      const [first, second] = run(twice).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
      expect(first!.replace(/:1$/, ':2')).toBe(second);
    });
  });

  describe('artifact URIs', () => {
    const locationOf = (file: string, cwd?: string) =>
      run(oneFinding(file), { color: false, toolVersion: '1.0.0', ...(cwd === undefined ? {} : { cwd }) }).results[0]!.locations[0]!
        .physicalLocation!.artifactLocation;

    it('are relative to %SRCROOT%, which is the cwd', () => {
      const runLog = run(sampleResults());
      expect(runLog.originalUriBaseIds[SRCROOT]!.uri).toBe(`file://${SAMPLE_CWD}/`);
      expect(runLog.artifacts.map((a) => a.location)).toEqual([
        { uri: 'deploy/vault/values.yaml', uriBaseId: SRCROOT },
        { uri: 'environments/prod%20values.yaml', uriBaseId: SRCROOT },
        { uri: 'environments/dev.yaml', uriBaseId: SRCROOT },
      ]);
      expect(locationOf(`${SAMPLE_CWD}/deploy/values.yaml`, SAMPLE_CWD)).toEqual({
        uri: 'deploy/values.yaml',
        uriBaseId: SRCROOT,
        index: 0,
      });
    });

    it('use forward slashes and percent-encoding for Windows paths', () => {
      expect(locationOf('C:\\work\\repo\\deploy\\my values#1.yaml', 'C:\\work\\repo')).toEqual({
        uri: 'deploy/my%20values%231.yaml',
        uriBaseId: SRCROOT,
        index: 0,
      });
      expect(locationOf('.\\deploy\\values.yaml', 'C:\\work\\repo').uri).toBe('deploy/values.yaml');
      expect(locationOf('deploy\\values.yaml').uri).toBe('deploy/values.yaml');
    });

    it('become absolute file URIs outside the cwd', () => {
      expect(locationOf('/etc/vault/values.yaml', SAMPLE_CWD)).toEqual({ uri: 'file:///etc/vault/values.yaml', index: 0 });
      expect(locationOf('../shared/values.yaml', '/srv/repo')).toEqual({ uri: 'file:///srv/shared/values.yaml', index: 0 });
      expect(locationOf('D:\\other\\values.yaml', 'C:\\work\\repo')).toEqual({ uri: 'file:///D:/other/values.yaml', index: 0 });
    });

    it('never contain a backslash or an unencoded space', () => {
      for (const result of run(sampleResults()).results) {
        const uri = result.locations[0]!.physicalLocation?.artifactLocation.uri;
        if (uri !== undefined) expect(uri).not.toMatch(/[\\ ]/);
      }
    });
  });

  it('places a --set finding at the start of the file it is layered onto, with a logical location, and names the argument', () => {
    const { results, artifacts } = run(sampleResults());
    const result = results.at(-1)!;
    // Code scanning takes only results with a file and a line: the argument has neither.
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/vault/values.yaml', uriBaseId: SRCROOT, index: 0 },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    });
    expect(result.locations[0]!.logicalLocations).toEqual([{ name: 'tag', fullyQualifiedName: 'server.image.tag', kind: 'property' }]);
    expect(result.message.text.startsWith(`${SET_LABEL}: `)).toBe(true);
    expect(result.properties).toMatchObject({ setArgument: SET_LABEL, setIndex: 1 });
    expect(artifacts.some((a) => a.location.uri.includes('--set'))).toBe(false);
  });

  it('gives a --set finding of a release without a file a logical location alone', () => {
    const [result] = sampleResults().slice(-1);
    const { onto: _onto, ...origin } = SET_ORIGIN;
    const findings = result!.findings.map((finding) => ({ ...finding, location: { ...finding.location, ...origin } }));
    const { results, artifacts } = run([{ ...origin, findings }]);
    expect(results[0]!.locations[0]!.physicalLocation).toBeUndefined();
    expect(results[0]!.locations[0]!.logicalLocations).toEqual([{ name: 'tag', fullyQualifiedName: 'server.image.tag', kind: 'property' }]);
    expect(artifacts.map((a) => a.location.uri)).toEqual(['deploy/vault/values.yaml']);
  });

  describe('related locations', () => {
    it('carry 1-based ids, their message and the artifact of their own file, which may be another target', () => {
      const { results, artifacts } = run(sampleResults());
      const setResult = results.at(-1)!;
      expect(setResult.relatedLocations).toEqual([
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'deploy/vault/values.yaml', uriBaseId: SRCROOT, index: 0 },
            region: { startLine: 6, startColumn: 10, endLine: 6, endColumn: 16 },
          },
          message: { text: 'the tag this argument overrides' },
        },
      ]);
      expect(artifacts.map((artifact) => artifact.location.uri)).toEqual([
        'deploy/vault/values.yaml',
        'environments/prod%20values.yaml',
        'environments/dev.yaml',
      ]);
      expect(results.filter((result) => result.relatedLocations !== undefined).map((result) => result.ruleId)).toEqual([
        'ha-raft-retry-join',
        'image-tag-pinned',
      ]);
    });

    it('point into a file no target names by adding its artifact, and into a --set argument by a logical location', () => {
      const [target] = oneFinding(DEPLOY_FILE, {
        relatedLocations: [
          { location: { kind: 'file', file: 'base/values.yaml', line: 2, column: 3, endLine: 2, endColumn: 9 }, message: 'the base layer' },
          {
            location: {
              kind: 'set',
              index: 1,
              argument: SET_LABEL,
              line: 1,
              column: 18,
              endLine: 1,
              endColumn: 24,
              yamlPath: ['server', 'image', 'tag'],
            },
            message: 'the argument',
          },
        ],
      });
      const { results, artifacts } = run([target!]);
      expect(artifacts.map((artifact) => artifact.location.uri)).toEqual(['deploy/vault/values.yaml', 'base/values.yaml']);
      expect(results[0]!.relatedLocations).toEqual([
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'base/values.yaml', uriBaseId: SRCROOT, index: 1 },
            region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 },
          },
          message: { text: 'the base layer' },
        },
        {
          id: 2,
          logicalLocations: [{ name: 'tag', fullyQualifiedName: 'server.image.tag', kind: 'property' }],
          message: { text: `${SET_LABEL}: the argument` },
        },
      ]);
    });

    it('the official schema rejects a related location without an id of the right type, so passing it means something', () => {
      const log = JSON.parse(formatSarif(sampleResults(), sampleRules, options)) as {
        runs: { results: { relatedLocations?: { id: unknown }[] }[] }[];
      };
      log.runs[0]!.results.find((result) => result.relatedLocations)!.relatedLocations![0]!.id = 'one';
      expect(validateSarif(log)).toBe(false);
    });
  });

  it('never includes the source text', () => {
    const text = formatSarif(sampleResults(), sampleRules, options);
    expect(text).not.toContain('hashicorp/vault');
    expect(text).not.toContain('********');
  });
});
