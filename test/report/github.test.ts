import { describe, expect, it } from 'vitest';
import type { FileResult, Finding, Location, RelatedLocation } from '../../src/engine/types.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { SAMPLE_VERSION, sampleResults, sampleRules, SET_LABEL, SET_ORIGIN } from './sample.js';

function format(results: FileResult[], cwd?: string): string {
  return formatGithub(results, sampleRules, { color: false, toolVersion: SAMPLE_VERSION, ...(cwd === undefined ? {} : { cwd }) });
}

function single(file: string, overrides: Partial<Finding> = {}, location: Partial<Finding['location']> = {}): FileResult[] {
  const finding: Finding = {
    ruleId: 'image-tag-pinned',
    messageId: 'floatingTag',
    severity: 'warning',
    message: 'Unpinned image tag "latest" for server.image.tag',
    location: { kind: 'file', file, line: 6, column: 10, endLine: 6, endColumn: 16, ...location } as Location,
    ...overrides,
  };
  return [{ kind: 'file', file, findings: [finding] }];
}

/** Undo the runner's escapes, in the order the runner does, to prove the round trip. */
function unescape(value: string, property: boolean): string {
  let out = value.replaceAll('%0D', '\r').replaceAll('%0A', '\n');
  if (property) out = out.replaceAll('%3A', ':').replaceAll('%2C', ',');
  return out.replaceAll('%25', '%');
}

describe('escaping', () => {
  it('escapes data: %, CR and LF only', () => {
    expect(escapeData('100%\r\nnext: a, b')).toBe('100%25%0D%0Anext: a, b');
  });

  it('escapes % first, so existing escapes survive a round trip', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(unescape(escapeData('%0A literally'), false)).toBe('%0A literally');
  });

  it('escapes properties: also : and ,', () => {
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
    const tricky = 'dir,x=1::y/%2C.yaml';
    expect(unescape(escapeProperty(tricky), true)).toBe(tricky);
  });
});

describe('formatGithub', () => {
  it('prints one command per finding, and nothing without findings', () => {
    const lines = format(sampleResults()).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(13);
    expect(format([])).toBe('');
    expect(format([{ kind: 'file', file: 'values.yaml', findings: [] }])).toBe('');
  });

  it('annotates only the main location of a finding with related locations', () => {
    const related: RelatedLocation[] = [
      { location: { kind: 'file', file: 'other.yaml', line: 2, column: 1, endLine: 2, endColumn: 4 }, message: 'elsewhere' },
    ];
    expect(format(single('v.yaml', { relatedLocations: related }))).toBe(format(single('v.yaml')));
  });

  it('uses error, warning and notice', () => {
    expect(format(single('v.yaml', { severity: 'error' }))).toMatch(/^::error /);
    expect(format(single('v.yaml', { severity: 'warning' }))).toMatch(/^::warning /);
    expect(format(single('v.yaml', { severity: 'info' }))).toMatch(/^::notice /);
  });

  it('writes the full location and the rule as title', () => {
    expect(format(single('values.yaml'))).toBe(
      '::warning file=values.yaml,line=6,endLine=6,col=10,endColumn=16,title=image-tag-pinned::' +
        'Unpinned image tag "latest" for server.image.tag (guide: "Upgrading Vault on Kubernetes")\n',
    );
  });

  it("says why: cites the guide section the finding carries, else its rule's, once", () => {
    const own = format(single('values.yaml', { guide: 'Version pinning', hint: 'Pin it.' }));
    expect(own.endsWith('::Unpinned image tag "latest" for server.image.tag (guide: "Version pinning"). Pin it.\n')).toBe(true);
    const fromRule = format(single('values.yaml', { hint: 'Pin it.' }));
    expect(fromRule).toContain('(guide: "Upgrading Vault on Kubernetes"). Pin it.');
    expect(fromRule.match(/\(guide:/g)).toHaveLength(1);
  });

  it('appends the hint and escapes the message', () => {
    const output = format(single('values.yaml', { message: 'Found "a: 1,\nb: 100%"', hint: 'Fix it.' }));
    expect(output.endsWith('::Found "a: 1,%0Ab: 100%25" (guide: "Upgrading Vault on Kubernetes"). Fix it.\n')).toBe(true);
    expect(output.trimEnd()).not.toMatch(/[\r\n]/);
  });

  it('escapes the file name and title as properties', () => {
    const output = format(single('C:\\vals,prod.yaml', { ruleId: 'odd:rule' }));
    expect(output).toContain('file=C%3A\\vals%2Cprod.yaml,');
    expect(output).toContain(',title=odd%3Arule::');
  });

  it('drops columns from a multi-line span, as the runner would', () => {
    const output = format(single('values.yaml', {}, { line: 17, endLine: 20, column: 7, endColumn: 8 }));
    expect(output).toContain('file=values.yaml,line=17,endLine=20,title=');
    expect(output).not.toContain('col=');
  });

  it('resolves relative names against cwd, leaves absolute ones', () => {
    expect(format(single('deploy/values.yaml'), '/repo/sub')).toContain('file=/repo/sub/deploy/values.yaml,');
    expect(format(single('/etc/values.yaml'), '/repo')).toContain('file=/etc/values.yaml,');
    expect(format(single('deploy\\values.yaml'), 'C:\\repo')).toContain('file=C%3A\\repo\\deploy\\values.yaml,');
  });

  it('turns a --set finding into a run annotation naming the argument', () => {
    const [result] = single(SET_LABEL);
    const location = { ...result!.findings[0]!.location, ...SET_ORIGIN, line: 1, column: 18, endLine: 1, endColumn: 24 };
    const output = format([{ ...SET_ORIGIN, findings: [{ ...result!.findings[0]!, location }] }]);
    expect(output).toBe(
      `::warning title=image-tag-pinned::${SET_LABEL}: Unpinned image tag "latest" for server.image.tag (guide: "Upgrading Vault on Kubernetes")\n`,
    );
  });
});
