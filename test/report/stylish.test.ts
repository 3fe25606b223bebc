import { describe, expect, it } from 'vitest';
import type { FileResult, Finding, Location, RelatedLocation } from '../../src/engine/types.js';
import { formatStylish } from '../../src/report/stylish.js';
import { sampleResults, sampleRules, SAMPLE_VERSION } from './sample.js';

const ANSI = /\u001b\[/;
const plain = { color: false, toolVersion: SAMPLE_VERSION };

function format(results: FileResult[], color = false): string {
  return formatStylish(results, sampleRules, { ...plain, color });
}

function single(source: string, location: Partial<Finding['location']>, overrides: Partial<Finding> = {}): FileResult[] {
  const finding: Finding = {
    ruleId: 'tls-enabled',
    messageId: 'listenerTlsDisabled',
    severity: 'error',
    message: 'Disabled TLS on listener "tcp"',
    location: { kind: 'file', file: 'values.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, ...location } as Location,
    ...overrides,
  };
  return [{ kind: 'file', file: 'values.yaml', source, findings: [finding] }];
}

/** The code frame of the only finding: pairs of [source line, marker line] with the gutter cut off. */
function frame(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /^ {4}[ \d]+ \|/.test(line))
    .map((line) => line.replace(/^ {4}[ \d]+ \| ?/, ''));
}

describe('formatStylish', () => {
  it('prints nothing when there is nothing to report', () => {
    expect(format([])).toBe('');
    expect(format([{ kind: 'file', file: 'values.yaml', source: 'server: {}\n', findings: [] }])).toBe('');
  });

  it('has no ANSI escapes without colour, and has them with it', () => {
    expect(format(sampleResults())).not.toMatch(ANSI);
    expect(format(sampleResults(), true)).toMatch(ANSI);
  });

  it('strips terminal control characters from messages and source even without colour', () => {
    const output = format(single('key: "\u001b[31mred"\n', { column: 6, endColumn: 16 }, { message: 'Unknown key "\u001b[2J"' }));
    expect(output).not.toMatch(ANSI);
    expect(output).toContain('Unknown key "\ufffd[2J"');
  });

  it('prints each related location under its finding, before the code frame, control characters cleaned', () => {
    const related: RelatedLocation[] = [
      {
        location: { kind: 'file', file: 'values.yaml', line: 2, column: 15, endLine: 2, endColumn: 19 },
        message: 'global.tlsDisable \u001b[2J',
      },
      { location: { kind: 'file', file: 'base.yaml', line: 7, column: 3, endLine: 7, endColumn: 9 }, message: 'the base layer' },
    ];
    const output = format(single('a: 1\nb: 2\n', { endColumn: 2 }, { hint: 'Fix it.', relatedLocations: related }));
    expect(output.split('\n').slice(1, 7)).toEqual([
      '  1:1  error  Disabled TLS on listener "tcp"  tls-enabled',
      '              Fix it.',
      '              guide: "Configure TLS"',
      '              related: values.yaml:2:15 global.tlsDisable \ufffd[2J',
      '              related: base.yaml:7:3 the base layer',
      '    1 | a: 1',
    ]);
  });

  it("says why under the hint: the guide section the finding cites, else its rule's, once", () => {
    const own = format(single('a: 1\n', { endColumn: 2 }, { hint: 'Fix it.', guide: 'Vault listener' })).split('\n');
    expect(own.slice(1, 4)).toEqual([
      '  1:1  error  Disabled TLS on listener "tcp"  tls-enabled',
      '              Fix it.',
      '              guide: "Vault listener"',
    ]);
    const fromRule = format(single('a: 1\n', { endColumn: 2 }));
    expect(fromRule.split('\n')[2]).toBe('              guide: "Configure TLS"');
    expect(fromRule.match(/guide:/g)).toHaveLength(1);
  });

  it('ends with the counts, pluralised per severity', () => {
    expect(format(sampleResults()).trimEnd().split('\n').at(-1)).toBe('\u2716 13 problems (5 errors, 6 warnings, 2 infos)');
    expect(
      format(single('a: 1\n', { endColumn: 2 }))
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('\u2716 1 problem (1 error, 0 warnings, 0 infos)');
    const info = single('a: 1\n', { endColumn: 2 }, { severity: 'info' });
    expect(format(info).trimEnd().split('\n').at(-1)).toBe('\u2716 1 problem (0 errors, 0 warnings, 1 info)');
  });

  it('prints the underlined file name once and a row per finding', () => {
    const output = format(sampleResults(), true);
    expect(output).toContain('\u001b[4mdeploy/vault/values.yaml\u001b[24m');
    const rows = format(sampleResults())
      .split('\n')
      .filter((line) => /^ {2}\d+:\d+ /.test(line));
    expect(rows).toHaveLength(13);
    expect(rows[0]).toMatch(/^ {2}2:15 +error +Expected global\.tlsDisable to be false, found "true" +tls-enabled$/);
  });

  it('puts the hint, approximate and chart-default notes on their own lines', () => {
    const lines = format(sampleResults()).split('\n');
    const hint = lines.indexOf(lines.find((l) => l.includes('2:15'))!) + 1;
    expect(lines[hint]!.trim()).toBe('Set global.tlsDisable: false and mount a certificate for the listener.');
    expect(lines.filter((l) => l.trim() === '(approximate position)')).toHaveLength(1);
    expect(lines.filter((l) => l.includes('decided by a chart default'))).toHaveLength(1);
  });

  it('places the caret under the exact columns', () => {
    const [source, marker] = frame(format(single('  updateStrategyType: RollingUpdate\n', { column: 23, endColumn: 36 })));
    expect(source).toBe('  updateStrategyType: RollingUpdate');
    expect(marker).toBe(`${' '.repeat(22)}${'^'.repeat(13)}`);
  });

  it('expands tabs in the source and the caret alike', () => {
    // Column 8 is the character after six spaces and a tab; the tab reaches the next stop of 4.
    const [source, marker] = frame(format(single('      \ttls_disable = 1\n', { column: 8, endColumn: 23 })));
    expect(source).toBe(`${' '.repeat(8)}tls_disable = 1`);
    expect(marker).toBe(`${' '.repeat(8)}${'^'.repeat(15)}`);
    const [, afterTab] = frame(format(single('a\tb = 1\n', { column: 3, endColumn: 4 })));
    expect(afterTab).toBe('    ^');
  });

  it('counts a surrogate pair as one display column', () => {
    const [, marker] = frame(format(single('x: "\u{1F512}" # lock\n', { column: 8, endColumn: 14 })));
    expect(marker).toBe(`${' '.repeat(6)}${'^'.repeat(6)}`);
  });

  it('marks a zero-width span with one caret', () => {
    const [, marker] = frame(format(single('server:\n', { column: 8, endColumn: 8 })));
    expect(marker).toBe(`${' '.repeat(7)}^`);
  });

  it('shows at most three lines of a long span and says how many are left', () => {
    const source = 'a: |\n  one\n  two\n  three\n  four\n  five\n';
    const output = format(single(source, { line: 1, column: 4, endLine: 6, endColumn: 7 }));
    expect(frame(output)).toEqual(['a: |', '   ^', '  one', '  ^^^', '  two', '  ^^^', '\u2026 3 more lines']);
  });

  it('treats a span ending at column 1 as ending on the line before', () => {
    const output = format(single('a: 1\nb: 2\nc: 3\n', { line: 1, column: 1, endLine: 3, endColumn: 1 }));
    expect(frame(output)).toEqual(['a: 1', '^^^^', 'b: 2', '^^^^']);
  });

  it('counts lines the way the engine does, at LF, CRLF and a lone CR, and hides the line ends', () => {
    const output = format(single('a: 1\r\nb: "x\ry"\r\n', { line: 3, column: 1, endLine: 3, endColumn: 3 }));
    expect(frame(output)).toEqual(['y"', '^^']);
    // A file with CR line ends only: the frame shows the engine's line, not the whole text.
    const crOnly = format(single('a: 1\rb: 2\rc: 3\r', { line: 2, column: 4, endLine: 2, endColumn: 5 }));
    expect(frame(crOnly)).toEqual(['b: 2', '   ^']);
  });

  it('skips the frame when the source is missing or the line is out of range', () => {
    const [result] = single('', { line: 1, column: 1, endColumn: 2 });
    expect(frame(format([{ ...result!, source: undefined }]))).toEqual([]);
    expect(frame(format(single('a: 1\n', { line: 9, endLine: 9 })))).toEqual([]);
  });

  it('indents the continuation lines of a multi-line message under the message', () => {
    const lines = format(sampleResults()).split('\n');
    const index = lines.findIndex((l) => l.includes('agent-inject: true,'));
    const messageColumn = lines[index]!.indexOf('Expected');
    expect(lines[index + 1]).toBe(`${' '.repeat(messageColumn)}limit: 100%"`);
  });
});
