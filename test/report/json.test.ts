import { describe, expect, it } from 'vitest';
import { originLabel, type FileResult } from '../../src/engine/types.js';
import { formatJson, type JsonReport } from '../../src/report/json.js';
import { compileSchema, describeErrors } from './schema.js';
import { SAMPLE_VERSION, sampleResults, sampleRules } from './sample.js';

const validate = compileSchema('schemas/findings.schema.json', { strict: true });
const options = { color: false, toolVersion: SAMPLE_VERSION };

function format(results: FileResult[]): JsonReport {
  return JSON.parse(formatJson(results, sampleRules, options)) as JsonReport;
}

describe('formatJson', () => {
  it('validates against schemas/findings.schema.json', () => {
    for (const results of [sampleResults(), [], [{ kind: 'file', file: 'values.yaml', findings: [] }] satisfies FileResult[]]) {
      const report = format(results);
      expect(validate(report), describeErrors(validate)).toBe(true);
    }
  });

  it("says why in a field: the guide section each finding cites, else its rule's; never inside the message", () => {
    const findings = format(sampleResults()).results.flatMap((r) => r.findings);
    const listener = findings.find((f) => f.messageId === 'listenerTlsDisabled')!;
    expect(listener.guide).toBe('Configure TLS (the listener)');
    expect(findings.find((f) => f.messageId === 'chartTlsDisabled')!.guide).toBe('Configure TLS');
    for (const finding of findings) expect(finding.message).not.toContain('guide');
    const bare = sampleResults()[0]!;
    bare.findings = bare.findings.map(({ guide: _guide, ...rest }) => rest);
    expect(format([bare]).results[0]!.findings[0]!.guide).toBe(sampleRules.get(bare.findings[0]!.ruleId)!.meta.guide);
  });

  it('the schema is closed: unknown keys and bad values fail', () => {
    const report = format(sampleResults()) as unknown as { results: { findings: Record<string, unknown>[] }[] };
    report.results[0]!.findings[0]!.source = 'global:\n';
    expect(validate(report)).toBe(false);
    const bad = format(sampleResults()) as unknown as { results: { findings: { severity: string }[] }[] };
    bad.results[0]!.findings[0]!.severity = 'fatal';
    expect(validate(bad)).toBe(false);
  });

  it('carries related locations, each a full location and a message; the schema requires both', () => {
    const report = format(sampleResults());
    const related = report.results.flatMap((r) => r.findings).flatMap((f) => f.relatedLocations ?? []);
    expect(related).toEqual([
      {
        location: { kind: 'file', file: 'deploy/vault/values.yaml', line: 10, column: 15, endLine: 10, endColumn: 16 },
        message: 'server.ha.replicas: the pods to list',
      },
      {
        location: { kind: 'file', file: 'deploy/vault/values.yaml', line: 6, column: 10, endLine: 6, endColumn: 16 },
        message: 'the tag this argument overrides',
      },
    ]);
    const bad = format(sampleResults()) as unknown as { results: { findings: { relatedLocations?: Record<string, unknown>[] }[] }[] };
    delete bad.results.flatMap((r) => r.findings).find((f) => f.relatedLocations)!.relatedLocations![0]!.message;
    expect(validate(bad)).toBe(false);
  });

  it('has the documented envelope and counts', () => {
    const report = format(sampleResults());
    expect(report.version).toBe(2);
    expect(report.tool).toEqual({ name: 'vault-lint', version: SAMPLE_VERSION });
    expect(report.summary).toEqual({ errors: 5, warnings: 6, infos: 2, files: 4 });
    expect(report.results.map(originLabel)).toEqual(sampleResults().map(originLabel));
  });

  it('keeps every finding field and nothing else, source least of all', () => {
    const results = sampleResults();
    const withExtras = results.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, internal: 1 })) }));
    const report = format(withExtras);
    expect(report.results.map((r) => r.findings)).toEqual(results.map((r) => r.findings));
    const text = formatJson(results, sampleRules, options);
    expect(text).not.toContain('"source"');
    expect(text).not.toContain('repository: hashicorp/vault');
  });

  it('prints with two-space indentation and a final newline', () => {
    const text = formatJson([], sampleRules, options);
    expect(text).toBe(
      '{\n  "version": 2,\n  "tool": {\n    "name": "vault-lint",\n    "version": "0.1.0"\n  },\n  "results": [],\n' +
        '  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "infos": 0,\n    "files": 0\n  }\n}\n',
    );
  });
});
