import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { CHART_VERSIONS } from '../../src/model/chart/versions.js';

// A key only chart 0.34.0 and later read: the values-schema message names the chart version in use.
const HTTPROUTE = 'server:\n  httproute:\n    enabled: false\n';

interface Report {
  results: { findings: { message: string }[] }[];
}

function release(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-lint-chart-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The chart version a run used, read from the unknown-key message (undefined: the key was known). */
async function versionUsed(args: string[], cwd: string): Promise<{ code: number; version?: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli([...args, '-o', 'json', '--rule', 'values-schema=error'], { cwd });
  const messages = code === 2 ? [] : (JSON.parse(stdout) as Report).results.flatMap((file) => file.findings);
  const version = messages
    .map((finding) => /Unknown key "httproute" under "server" for chart (\S+)/.exec(finding.message)?.[1])
    .find(Boolean);
  return { code, version, stderr };
}

const chartYaml = (version: string, extra = '') =>
  `apiVersion: v2\nname: platform-vault\nversion: 1.0.0\ndependencies:\n  - name: vault\n    version: "${version}"\n    repository: https://helm.releases.hashicorp.com\n${extra}`;

describe('--chart-version', { timeout: 120_000 }, () => {
  it.each(CHART_VERSIONS.map((version) => [version] as const))('accepts %s', async (version) => {
    const dir = release({ 'values.yaml': HTTPROUTE });
    const { code, version: used, stderr } = await versionUsed(['values.yaml', '--chart-version', version], dir);
    expect(stderr).toBe('');
    expect(code).not.toBe(2);
    expect(used).toBe(version < '0.34.0' ? version : undefined);
  });

  it('accepts the tag form v0.30.0 as 0.30.0', async () => {
    const dir = release({ 'values.yaml': HTTPROUTE });
    expect((await versionUsed(['values.yaml', '--chart-version', 'v0.30.0'], dir)).version).toBe('0.30.0');
  });

  it.each([
    ['0.19.0', '(nearest: 0.20.0)'],
    ['0.30', '(nearest: 0.30.0, 0.30.1)'],
    ['0.28.5', '(nearest: 0.28.0, 0.28.1)'],
    ['0.35.0', '(nearest: 0.34.1)'],
  ])('exits 2 on %s with one line naming the nearest supported versions', async (version, nearest) => {
    const { code, stderr } = await runCli([join(ROOT, 'fixtures/guide/override-values.yml'), '--chart-version', version]);
    expect(code).toBe(2);
    expect(stderr).toBe(`vault-lint: Unknown chart version "${version}"; supported: 0.20.0 … 0.34.1 ${nearest}\n`);
  });

  it('names no nearest version for text that is no version', async () => {
    const { code, stderr } = await runCli([join(ROOT, 'fixtures/guide/override-values.yml'), '--chart-version', 'latest']);
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: Unknown chart version "latest"; supported: 0.20.0 … 0.34.1\n');
  });

  it('wins over a Chart.yaml beside the values file', async () => {
    const dir = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chartYaml('0.28.0') });
    expect((await versionUsed(['values.yaml', '--chart-version', '0.30.1'], dir)).version).toBe('0.30.1');
  });
});

describe('the chart version pinned beside the values file', { timeout: 120_000 }, () => {
  it('is read from the vault dependency of a Chart.yaml, whatever its alias', async () => {
    const dir = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chartYaml('0.28.0', '    alias: secrets\n') });
    expect(await versionUsed(['values.yaml'], dir)).toEqual({ code: 1, version: '0.28.0', stderr: '' });
  });

  it('is read from Chart.lock before Chart.yaml (the lock is what helm installs)', async () => {
    const lock = 'dependencies:\n- name: vault\n  repository: https://helm.releases.hashicorp.com\n  version: 0.27.0\ndigest: sha256:00\n';
    const dir = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chartYaml('~0.27.0'), 'Chart.lock': lock });
    expect((await versionUsed(['values.yaml'], dir)).version).toBe('0.27.0');
  });

  it.each([
    ['~0.30.0', '0.30.1'],
    ['^0.28.0', '0.28.1'],
    ['>=0.28, <0.30', '0.29.1'],
    ['0.29.x', '0.29.1'],
  ])('picks the newest supported version inside the range %s', async (range, expected) => {
    const dir = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chartYaml(range) });
    expect((await versionUsed(['values.yaml'], dir)).version).toBe(expected);
  });

  it('applies to the -f release from the folder of its first file', async () => {
    const dir = release({ 'base.yaml': HTTPROUTE, 'Chart.yaml': chartYaml('0.26.1') });
    const other = release({ 'prod.yaml': 'server:\n  ha:\n    enabled: true\n' });
    expect((await versionUsed(['-f', 'base.yaml', '-f', join(other, 'prod.yaml')], dir)).version).toBe('0.26.1');
  });

  it('is per file: each positional file reads its own folder', async () => {
    const pinned = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chartYaml('0.25.0') });
    const plain = release({ 'values.yaml': HTTPROUTE });
    const { stdout } = await runCli([join(pinned, 'values.yaml'), join(plain, 'values.yaml'), '-o', 'json']);
    const messages = (JSON.parse(stdout) as Report).results.flatMap((file) => file.findings.map((f) => f.message));
    expect(messages.filter((message) => message.includes('"httproute"'))).toEqual([expect.stringContaining('for chart 0.25.0') as string]);
  });

  it('is not looked for without a vault dependency: the default applies', async () => {
    const dir = release({
      'values.yaml': HTTPROUTE,
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: consul\n    version: 0.20.0\n',
    });
    // httproute is known: the newest chart applies.
    expect(await versionUsed(['values.yaml'], dir)).toMatchObject({ version: undefined, stderr: '' });
  });

  it.each([
    [
      chartYaml('0.19.0'),
      'vault-lint: Unknown chart version "0.19.0"; supported: 0.20.0 … 0.34.1 (nearest: 0.20.0) (the vault dependency in Chart.yaml)\n',
    ],
    [
      chartYaml('~0.19.0'),
      'vault-lint: No supported chart version satisfies "~0.19.0" (the vault dependency in Chart.yaml); supported: 0.20.0 … 0.34.1; pass --chart-version\n',
    ],
    [chartYaml('newest'), 'vault-lint: The vault dependency in Chart.yaml has version "newest", which is neither a version nor a range\n'],
    [
      `${chartYaml('0.28.0')}  - name: vault\n    alias: dr\n    version: 0.30.0\n`,
      'vault-lint: Chart.yaml has vault dependencies of different versions ("0.28.0", "0.30.0"); pass --chart-version\n',
    ],
    [
      'dependencies: [\n',
      expect.stringMatching(/^vault-lint: Cannot read the dependencies of Chart\.yaml: .*; pass --chart-version\n$/) as string,
    ],
  ])('exits 2 with one line when the pin cannot be used (%#)', async (chart, message) => {
    const dir = release({ 'values.yaml': HTTPROUTE, 'Chart.yaml': chart });
    const { code, stderr } = await runCli(['values.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toEqual(message);
  });

  it('also decides the chart of vault-lint render', async () => {
    const dir = release({
      'values.yaml': readFileSync(join(ROOT, 'fixtures/guide/override-values.yml'), 'utf8'),
      'Chart.yaml': chartYaml('0.28.0'),
    });
    const { code, stdout } = await runCli(['render', 'values.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# Release "vault", namespace "default" (assumed; pass --namespace), chart 0.28.0');
  });
});
