import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { buildModel, type LintOptions } from '../src/engine/lint.js';

/**
 * Principle 7: secrets found in input never appear in any output. Every fixture runs through the
 * whole CLI in every output format; no secret the model finds, and none planted below, may show up
 * in any form a reporter could print it: raw, JSON-escaped, GitHub-escaped, or one line of it.
 */
const ROOT = new URL('../', import.meta.url).pathname;
const FORMATS: { name: string; args: string[] }[] = [
  { name: 'stylish', args: ['--no-color'] },
  { name: 'stylish (colour)', args: ['--color'] },
  { name: 'json', args: ['-o', 'json'] },
  { name: 'sarif', args: ['-o', 'sarif'] },
  { name: 'github', args: ['-o', 'github'] },
];
const LEAK_FIXTURE = 'fixtures/no-inline-secrets/invalid/migrating-from-consul-everything-inline.values.yaml';
/** Written into the leak fixture by hand, so the test does not only trust the detector it checks. */
const PLANTED = [
  'Qm8~fixtureAzureClientSecret.0001',
  '{"type": "service_account", "private_key_id": "fixturekeyid0001"}',
  'hvs.FIXTUREtokenForTheLeakTest0001',
  'fixture-backup-password-0001',
  '5f0e4d2c-fixture-consul-token-0001',
  'hvs.FIXTUREtransitSealToken0001',
  'fixtureAwsSecretKeyForTheOldSeal0001',
  'MHcCAQEEIFIXTUREprivateKeyLineOne0001',
  'AoGCCqGSM49AwEHoUQDQgAEfixtureLineTwo0001',
];
const OPTIONS = /^#\s*fixture-options:\s*(\{.*\})\s*$/m;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** Every form in which a secret could reach an output. */
function forms(secret: string): string[] {
  const out = new Set([secret, JSON.stringify(secret).slice(1, -1), secret.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')]);
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) out.add(line.trim());
  return [...out].filter((form) => form.length >= 4);
}

async function cli(args: string[], stdin = ''): Promise<string> {
  let output = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (output += text), isTTY: false },
    stderr: { write: (text: string) => (output += text) },
    readStdin: async () => stdin,
    env: {},
    cwd: ROOT,
  };
  const code = await main(args, io);
  expect(code, output).toBeLessThan(2);
  // The checkout's own path (SARIF's %SRCROOT%) is no input: a secret as short as "root" could
  // match a directory name there.
  return output.replace(ANSI, '').replaceAll(ROOT.replace(/\/$/, ''), '<checkout>');
}

function optionArgs(options: LintOptions): string[] {
  const args: string[] = [];
  if (options.chartVersion) args.push('--chart-version', options.chartVersion);
  if (options.releaseName) args.push('--release-name', options.releaseName);
  if (options.namespace) args.push('--namespace', options.namespace);
  return args;
}

function expectNoLeak(output: string, secrets: string[], label: string): void {
  for (const secret of secrets) {
    for (const form of forms(secret)) expect(output.includes(form), `${label} leaks ${JSON.stringify(form.slice(0, 6))}…`).toBe(false);
  }
}

describe('no secret leaks into any output', () => {
  const files = yamlFiles(join(ROOT, 'fixtures'));

  it('covers every fixture, and the planted secrets are really in the leak fixture and found by the model', async () => {
    expect(files).toContain(LEAK_FIXTURE);
    expect(files.length).toBeGreaterThan(50);
    const text = readFileSync(join(ROOT, LEAK_FIXTURE), 'utf8');
    for (const secret of PLANTED) expect(text).toContain(secret);
    const model = await buildModel({ layers: [{ kind: 'file', label: LEAK_FIXTURE, text }] });
    const found = model.secrets.map((secret) => secret.value).join('\n');
    for (const secret of PLANTED) expect(found).toContain(secret);
  });

  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const match = OPTIONS.exec(text);
      const options: LintOptions = match ? (JSON.parse(match[1]!) as LintOptions) : {};
      const model = await buildModel({ layers: [{ kind: 'file', label: file, text }] }, options);
      const secrets = [...(model.valuesReadable ? model.secrets.map((secret) => secret.value) : []), ...(file === LEAK_FIXTURE ? PLANTED : [])];
      if (secrets.length === 0) return;
      for (const format of FORMATS) expectNoLeak(await cli([file, ...format.args, ...optionArgs(options)]), secrets, `${file} as ${format.name}`);
    });
  }

  it('still shows the masked code frame, so the check above looks at real frames', async () => {
    const output = await cli([LEAK_FIXTURE, '--no-color']);
    expect(output).toContain(`VAULT_TOKEN: ${'*'.repeat('hvs.FIXTUREtokenForTheLeakTest0001'.length)}`);
    expect(output).toContain(`token      = ${'*'.repeat('"hvs.FIXTUREtransitSealToken0001"'.length)}`);
    expect(output).toMatch(/no-inline-secrets/);
  });

  it('masks a secret pasted a second time where the detector does not look', async () => {
    const text = [
      'server:',
      '  extraEnvironmentVars:',
      '    CONSUL_HTTP_TOKEN: 0b7c9d1e-second-copy-token-0001',
      '  ha:',
      '    enabled: yes  # was on the consul token 0b7c9d1e-second-copy-token-0001 before',
      '',
    ].join('\n');
    // The comment shares its line with a helm-yaml-boolean finding, so the code frame prints it.
    const stylish = await cli(['-', '--no-color'], text);
    expect(stylish).toContain(`enabled: yes  # was on the consul token ${'*'.repeat(31)} before`);
    for (const format of FORMATS) expectNoLeak(await cli(['-', ...format.args], text), ['0b7c9d1e-second-copy-token-0001'], `second copy as ${format.name}`);
  });

  it('masks credentials in input that cannot be parsed, whose secrets the model never sees', async () => {
    const planted = ['wJalrXUtnFEMI/K7MDENG/unreadable0001', 'MIIEvQIBADANBgkqhkiG9w0BAQEFunreadable0001', 's3cr3t-db-password-unreadable0001'];
    const text = [
      'server:',
      '  extraEnvironmentVars:',
      `    AWS_SECRET_ACCESS_KEY: ${planted[0]}`,
      '\tDB_PASSWORD: "' + planted[2] + '"',
      '    TLS_KEY: |',
      '      -----BEGIN PRIVATE KEY-----',
      `      ${planted[1]}`,
      '      -----END PRIVATE KEY-----',
      '  ha: [',
      '',
    ].join('\n');
    const model = await buildModel({ layers: [{ kind: 'file', label: '<stdin>', text }] });
    expect(model.valuesReadable).toBe(false);
    for (const format of FORMATS) expectNoLeak(await cli(['-', ...format.args], text), planted, `unreadable input as ${format.name}`);
  });
});
