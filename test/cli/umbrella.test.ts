import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  location: { line: number; column: number; endLine: number; endColumn: number; yamlPath?: (string | number)[] };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-lint-umbrella-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function findings(args: string[], cwd: string): Promise<{ code: number; stderr: string; findings: Finding[] }> {
  const { code, stdout, stderr } = await runCli([...args, '-o', 'json', '--no-config'], { cwd });
  const parsed = code === 2 ? { results: [] } : (JSON.parse(stdout) as { results: { findings: Finding[] }[] });
  return { code, stderr, findings: parsed.results.flatMap((result) => result.findings) };
}

// The umbrella's values: the vault chart reads the `vault:` (or aliased) section only.
const UMBRELLA = [
  'global:',
  '  tlsDisable: false',
  'api:',
  '  image:',
  '    tag: latest',
  'secrets:',
  '  server:',
  '    image:',
  '      tag: "1.16"',
  '    httproute:',
  '      enabled: false',
  '',
].join('\n');

const CHART = [
  'apiVersion: v2',
  'name: platform',
  'version: 1.0.0',
  'dependencies:',
  '  - name: vault',
  '    alias: secrets',
  '    version: 0.28.0',
  '    repository: https://helm.releases.hashicorp.com',
  '',
].join('\n');

const tagFinding = (list: Finding[]) =>
  list.find((finding) => finding.ruleId === 'image-tag-pinned' && finding.messageId === 'partialVersion');

describe('umbrella chart sections', { timeout: 60_000 }, () => {
  it('--values-path lints the section at its own lines, with paths relative to it', async () => {
    const dir = folder({ 'values.yaml': UMBRELLA });
    const { code, findings: found } = await findings(['values.yaml', '--values-path', 'secrets'], dir);
    expect(code).toBe(1);
    const tag = tagFinding(found);
    expect(tag?.location).toMatchObject({ line: 9, column: 12, endLine: 9, endColumn: 18 });
    expect(tag?.message).toContain('server.image.tag "1.16"');
    // The other chart's `api:` section is not the vault chart's: no unknown key, no latest tag.
    expect(found.filter((finding) => finding.location.line <= 5)).toEqual([]);
  });

  it('without the flag, a file that is not an umbrella section is linted whole', async () => {
    const dir = folder({ 'values.yaml': UMBRELLA });
    const { findings: found } = await findings(['values.yaml', '--rule', 'values-schema=error'], dir);
    expect(tagFinding(found)).toBeUndefined();
    expect(found.some((finding) => finding.ruleId === 'values-schema' && finding.message.includes('"secrets"'))).toBe(true);
  });

  it('finds the section from the alias of the vault dependency in a Chart.yaml beside the file, whose version selects the chart', async () => {
    const dir = folder({ 'values.yaml': UMBRELLA, 'Chart.yaml': CHART });
    const { findings: found } = await findings(['values.yaml', '--rule', 'values-schema=error'], dir);
    expect(tagFinding(found)?.location.line).toBe(9);
    // server.httproute is a key of 0.34.0 and later: the pinned 0.28.0 is the version in use.
    const unknown = found.find((finding) => finding.ruleId === 'values-schema' && finding.message.includes('"httproute"'));
    expect(unknown?.message).toContain('for chart 0.28.0');
    expect(unknown?.location.line).toBe(10);
  });

  it('keeps reading a file beside an umbrella Chart.yaml whole when it does not write the section', async () => {
    const dir = folder({ 'overlay.yaml': 'server:\n  image:\n    tag: "1.16"\n', 'Chart.yaml': CHART });
    const { findings: found } = await findings(['overlay.yaml'], dir);
    expect(tagFinding(found)?.location).toMatchObject({ line: 3, column: 10 });
  });

  it('takes valuesPath from a release of the config file', async () => {
    const config = 'releases:\n  platform:\n    values: [values.yaml]\n    valuesPath: secrets\n';
    const dir = folder({ 'values.yaml': UMBRELLA, '.vault-lint.yaml': config });
    const { code, stdout } = await runCli(['-o', 'json'], { cwd: dir });
    expect(code).toBe(1);
    const found = (JSON.parse(stdout) as { results: { findings: Finding[] }[] }).results.flatMap((result) => result.findings);
    expect(tagFinding(found)?.location.line).toBe(9);
  });

  it('says so, once and alone, when no file writes the values path, instead of linting the chart defaults', async () => {
    const dir = folder({ 'values.yaml': UMBRELLA, 'overlay.yaml': 'api:\n  replicas: 2\n' });
    const { code, findings: found } = await findings(['values.yaml', '--values-path', 'vault'], dir);
    expect(code).toBe(1);
    expect(found.map((finding) => [finding.ruleId, finding.messageId, finding.location.line, finding.location.column])).toEqual([
      ['yaml-syntax', 'sectionMissing', 1, 1],
    ]);
    expect(found[0]!.message).toContain('"vault", the values path');
    // An overlay without the section is fine while another file of the release writes it.
    const layered = await findings(['-f', 'values.yaml', '-f', 'overlay.yaml', '--values-path', 'secrets'], dir);
    expect(layered.findings.map((finding) => finding.messageId)).not.toContain('sectionMissing');
    expect(tagFinding(layered.findings)?.location.line).toBe(9);
  });

  it('refuses an empty segment in one line', async () => {
    const dir = folder({ 'values.yaml': UMBRELLA });
    const { code, stderr } = await findings(['values.yaml', '--values-path', 'platform..vault'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'vault-lint: Invalid values path "platform..vault"; expected the key of the vault dependency, e.g. vault or platform.vault\n',
    );
  });

  it('render takes the same flag, and the top-level global wins over the section’s own', async () => {
    const text = 'global:\n  tlsDisable: true\nvault:\n  global:\n    tlsDisable: false\n  server:\n    image:\n      tag: "1.16.1"\n';
    const dir = folder({ 'values.yaml': text });
    const { code, stdout } = await runCli(['render', 'values.yaml', '--values-path', 'vault'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}tlsDisable: true$/m);
    expect(stdout).toMatch(/^ {4}tag: 1\.16\.1$/m);
    expect(stdout).not.toMatch(/^vault:/m);
  });
});

describe('templated values files named on the command line', { timeout: 60_000 }, () => {
  it('reads a .tftpl file as a Terraform template: an interpolated tag is not judged', async () => {
    const dir = folder({ 'vault.yaml.tftpl': 'server:\n  image:\n    tag: "${vault_version}"\n' });
    const { findings: found } = await findings(['vault.yaml.tftpl'], dir);
    expect(found.filter((finding) => finding.ruleId === 'image-tag-pinned')).toEqual([]);
    expect(found.find((finding) => finding.ruleId === 'templated-input')).toMatchObject({
      messageId: 'terraformTemplate',
      location: { line: 3, column: 11, endLine: 3, endColumn: 27 },
    });
  });

  it('reads a .gotmpl file as a Go template even when every action is quoted', async () => {
    const dir = folder({ 'vault.yaml.gotmpl': 'server:\n  image:\n    tag: "{{ .Values.vaultVersion }}"\n' });
    const { findings: found } = await findings(['vault.yaml.gotmpl'], dir);
    expect(found.filter((finding) => finding.ruleId === 'image-tag-pinned')).toEqual([]);
    expect(found.find((finding) => finding.ruleId === 'templated-input')?.messageId).toBe('helmTemplate');
  });
});
