/**
 * Reporters on hostile input: names that try to forge lines, one-line files with thousands of
 * findings, more findings than a call can take as arguments, and runs streamed file by file.
 */
import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/engine/types.js';
import { limitFindings, DEFAULT_MAX_FINDINGS_PER_FILE } from '../../src/engine/limits.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { formatJson, streamJson } from '../../src/report/json.js';
import { formatSarif, streamSarif } from '../../src/report/sarif.js';
import { escapeName, formatStylish, MAX_FRAME_WIDTH } from '../../src/report/stylish.js';
import { collect, type ReportOptions } from '../../src/report/types.js';
import { sampleRules, SAMPLE_VERSION } from './sample.js';
import { compileSchema } from './schema.js';

const OPTIONS: ReportOptions = { color: false, toolVersion: SAMPLE_VERSION, cwd: '/repo' };

function finding(file: string, line: number, column: number, endColumn = column + 1, ruleId = 'tls-enabled'): Finding {
  return {
    ruleId,
    messageId: 'm',
    severity: 'error',
    message: 'Disabled TLS',
    location: { kind: 'file', file, line, column, endLine: line, endColumn },
  };
}

const FORGED = 'values\n::error file=x,line=1::forged\r%0A.yaml';

describe('file names are escaped in every format', () => {
  const results: FileResult[] = [{ kind: 'file', file: FORGED, findings: [finding(FORGED, 1, 1)], source: 'a: 1\n' }];

  it('stylish writes control characters as escapes, so a name cannot start a line', () => {
    const out = formatStylish(results, sampleRules, OPTIONS);
    expect(out.split('\n')[0]).toBe('values\\n::error file=x,line=1::forged\\r%0A.yaml');
    expect(out.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
    expect(escapeName('a\u001b[31mb\u0007\t')).toBe('a\\x1b[31mb\\x07\\t');
  });

  it('stylish keeps a name or message line that starts with :: from being read as a workflow command', () => {
    const name = '::error file=a.yaml::forged';
    const out = formatStylish(
      [
        {
          kind: 'file',
          file: name,
          findings: [{ ...finding(name, 1, 1), message: 'Unknown key "x\n  ::warning::forged"', hint: '::notice::forged' }],
        },
      ],
      sampleRules,
      OPTIONS,
    );
    expect(out.split('\n').filter((line) => /^[ \t]*::/.test(line))).toEqual([]);
    expect(out).toContain('\u200b::error file=a.yaml::forged');
  });

  it('github escapes properties (%, CR, LF, colon, comma) and data (%, CR, LF) per the workflow command rules', () => {
    const out = formatGithub(results, sampleRules, { ...OPTIONS, cwd: undefined });
    expect(out.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(out).toContain('file=values%0A%3A%3Aerror file=x%2Cline=1%3A%3Aforged%0D%250A.yaml,line=1');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    const origin = { kind: 'set', index: 1, argument: `--set a=${FORGED}` } as const;
    const forged = { ...finding('', 1, 1), location: { ...origin, line: 1, column: 1, endLine: 1, endColumn: 2 } };
    const set = formatGithub([{ ...origin, findings: [forged] }], sampleRules, OPTIONS);
    expect(set.split('\n').filter((line) => line !== '')).toHaveLength(1);
  });

  it('json and sarif keep the name intact and escaped as JSON', () => {
    expect(JSON.parse(formatJson(results, sampleRules, OPTIONS)).results[0].file).toBe(FORGED);
    const sarif = formatSarif(results, sampleRules, OPTIONS);
    expect(sarif).not.toMatch(/\n::/);
    expect(JSON.parse(sarif).runs[0].artifacts[0].location.uri).toBe(encodeURIComponent(FORGED));
  });
});

describe('stylish code frames are cut to MAX_FRAME_WIDTH around the column', () => {
  // A 75 KB one-line flow map, a finding on every key.
  const keys = Array.from({ length: 7000 }, (_, i) => `k${String(i).padStart(5, '0')}: 1`);
  const source = `{${keys.join(', ')}}`;
  const columns = keys.map((_, i) => 2 + i * (keys[0]!.length + 2));
  const result: FileResult = {
    kind: 'file',
    file: 'flow.yaml',
    findings: columns.map((column) => finding('flow.yaml', 1, column, column + 6)),
    source,
  };

  it('prints a bounded frame per finding, with an ellipsis on each cut side and the caret under the column', () => {
    expect(source.length).toBeGreaterThan(75_000);
    const lines = formatStylish([result], sampleRules, OPTIONS).split('\n');
    const frames = lines.filter((line) => line.startsWith('    1 | '));
    expect(frames).toHaveLength(7000);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_FRAME_WIDTH + 80);
    const middle = lines.indexOf(frames[2500]!);
    const text = frames[2500]!.slice('    1 | '.length);
    expect(text.startsWith('\u2026')).toBe(true);
    expect(text.endsWith('\u2026')).toBe(true);
    const caret = lines[middle + 1]!.slice('      | '.length);
    expect(text.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('k02500');
    // The first key: no cut on the left.
    expect(frames[0]!.slice('    1 | '.length).startsWith('{k00000')).toBe(true);
  });

  it('keeps a short line whole', () => {
    const out = formatStylish(
      [{ kind: 'file', file: 'a.yaml', findings: [finding('a.yaml', 1, 4, 5)], source: 'a: b\n' }],
      sampleRules,
      OPTIONS,
    );
    expect(out).toContain('    1 | a: b\n      |    ^\n');
  });
});

describe('no spread of unbounded arrays', () => {
  it('formats 200,000 findings of one file without overflowing the stack', () => {
    const many: FileResult = {
      kind: 'file',
      file: 'many.yaml',
      findings: Array.from({ length: 200_000 }, (_, i) => finding('many.yaml', i + 1, 1)),
    };
    const out = formatStylish([many], sampleRules, OPTIONS);
    expect(out.endsWith('\u2716 200000 problems (200000 errors, 0 warnings, 0 infos)\n')).toBe(true);
  });
});

describe('findings per file are limited', () => {
  it(`keeps ${DEFAULT_MAX_FINDINGS_PER_FILE} by default in the CLI and adds one finding counting the rest`, () => {
    const all = Array.from({ length: 1500 }, (_, i) => ({
      ...finding('f.yaml', i + 1, 1),
      severity: i === 1400 ? ('error' as const) : ('warning' as const),
    }));
    const limited = limitFindings({ kind: 'file', file: 'f.yaml', findings: all }, DEFAULT_MAX_FINDINGS_PER_FILE);
    expect(limited.findings).toHaveLength(1001);
    expect(limited.findings.slice(0, 1000)).toEqual(all.slice(0, 1000));
    expect(limited.findings[1000]).toMatchObject({
      ruleId: 'vault-lint',
      messageId: 'findingsLimit',
      severity: 'error',
      message: '500 more findings in this file (1 error, 499 warnings) left out: at most 1000 per file are reported',
      location: { kind: 'file', file: 'f.yaml', line: 1001, column: 1 },
    });
    expect(limitFindings({ kind: 'file', file: 'f.yaml', findings: all }, -1).findings).toHaveLength(1500);
  });
});

describe('json and sarif are written as results come', () => {
  const fileA: FileResult = {
    kind: 'file',
    file: 'a.yaml',
    findings: [finding('a.yaml', 1, 1), finding('a.yaml', 2, 1, 2, 'made-up-rule')],
  };
  const fileB: FileResult = { kind: 'file', file: 'b.yaml', findings: [finding('b.yaml', 3, 1)] };

  it('sarif: each file part holds its results, the tables come at the end, and the log validates', () => {
    const stream = streamSarif(sampleRules, OPTIONS);
    const parts = [stream.start(), stream.file(fileA), stream.file(fileB), stream.end()];
    expect(parts[1]).toContain('"startLine": 2');
    expect(parts[2]).toContain('"startLine": 3');
    expect(parts[3]).not.toContain('"startLine"');
    const log = JSON.parse(parts.join(''));
    const validate = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.results.map((result: { ruleId: string; ruleIndex: number }) => run.tool.driver.rules[result.ruleIndex].id)).toEqual([
      'tls-enabled',
      'made-up-rule',
      'tls-enabled',
    ]);
    expect(run.artifacts.map((artifact: { location: { uri: string } }) => artifact.location.uri)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('json: streamed text equals the document stringified at once', () => {
    const stream = streamJson(sampleRules, OPTIONS);
    const parts = [stream.start(), stream.file(fileA), stream.file(fileB), stream.end()];
    expect(parts[2]).toContain('"file": "b.yaml"');
    const whole = JSON.parse(parts.join(''));
    expect(parts.join('')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect(whole.summary).toEqual({ errors: 3, warnings: 0, infos: 0, files: 2 });
    expect(collect(streamJson(sampleRules, OPTIONS), [])).toBe(
      `${JSON.stringify(JSON.parse(formatJson([], sampleRules, OPTIONS)), null, 2)}\n`,
    );
  });
});
