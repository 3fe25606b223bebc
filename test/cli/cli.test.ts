import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideColor, main, type CliIo } from '../../src/cli/main.js';
import { compileSchema } from '../report/schema.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GUIDE = 'fixtures/guide/override-values.yml';

async function cli(args: string[], options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vault-lint-cli-'));
}

describe('vault-lint on the guide example', () => {
  it('reports exactly the guide gaps, each at its place, and exits 1', async () => {
    const { code, stdout } = await cli([GUIDE, '-o', 'json']);
    expect(code).toBe(1);
    const findings: { ruleId: string; messageId: string; location: { line: number; column: number } }[] = JSON.parse(
      stdout,
    ).results.flatMap((result: { findings: unknown[] }) => result.findings);
    const text = readFileSync(join(ROOT, GUIDE), 'utf8').split('\n');
    const at = (ruleId: string) => {
      const finding = findings.find((candidate) => candidate.ruleId === ruleId)!;
      return text[finding.location.line - 1]!.slice(finding.location.column - 1);
    };
    // Of the seven core checks, exactly two fire: the public ui load balancer and the missing seal.
    const core = [
      'tls-enabled',
      'image-tag-pinned',
      'ha-replicas',
      'retry-join-matches-replicas',
      'private-load-balancer',
      'persistent-storage',
      'auto-unseal',
    ];
    expect(
      findings
        .filter((finding) => core.includes(finding.ruleId))
        .map((finding) => finding.ruleId)
        .sort(),
    ).toEqual(['auto-unseal', 'private-load-balancer']);
    // The ui annotations are a chart default nobody wrote: the finding sits on the serviceType that needs them.
    expect(at('private-load-balancer')).toBe('"LoadBalancer"');
    expect(at('enterprise-license')).toBe('"hashicorp/vault-enterprise"');
    expect(at('auto-unseal')).toMatch(/^config: \|/);
    // The whole rule set: the guide's remaining gaps, plus values-schema for global.resources, a key the chart does not have,
    // and health-probes for the guide's liveness path, which fails on sealed, uninitialised and performance standby pods.
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual([
      'auto-unseal',
      'enterprise-license',
      'health-probes',
      'private-load-balancer',
      'service-registration',
      'telemetry-configured',
      'values-schema',
    ]);
    expect(at('health-probes')).toBe('"/v1/sys/health?standbyok=true"');
    expect(at('values-schema')).toMatch(/^resources:/);
    expect(text[findings.find((finding) => finding.ruleId === 'values-schema')!.location.line - 2]).toBe('  tlsDisable: false');
  });

  it('prints stylish output matching the golden file', async () => {
    const { stdout } = await cli([GUIDE, '--no-color']);
    const golden = join(ROOT, 'fixtures/_cli/guide.stylish.txt');
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(golden, stdout);
    expect(stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('emits JSON that matches schemas/findings.schema.json', async () => {
    const { stdout } = await cli([GUIDE, '-o', 'json']);
    const validate = compileSchema('schemas/findings.schema.json', { strict: true });
    expect(validate(JSON.parse(stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('files SARIF under the --sarif-category, so several uploads for one commit stay apart', async () => {
    const validate = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });
    const staging = JSON.parse((await cli([GUIDE, '-o', 'sarif', '--sarif-category', 'vault/staging'])).stdout);
    expect(validate(staging), JSON.stringify(validate.errors)).toBe(true);
    expect(staging.runs[0].automationDetails).toEqual({ id: 'vault/staging/' });
    const plain = JSON.parse((await cli([GUIDE, '-o', 'sarif'])).stdout);
    expect(plain.runs[0].automationDetails).toBeUndefined();
  });

  it('emits SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const { stdout } = await cli([GUIDE, '-o', 'sarif']);
    const validate = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });
    const sarif = JSON.parse(stdout);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId).sort()).toEqual([
      'auto-unseal',
      'enterprise-license',
      'health-probes',
      'private-load-balancer',
      'service-registration',
      'telemetry-configured',
      'values-schema',
    ]);
    expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThanOrEqual(38);
  });

  it('gives each SARIF rule its page from the package as help, while package.json names no repository to link', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.repository ?? pkg.homepage).toBeUndefined();
    const sarif = JSON.parse((await cli([GUIDE, '-o', 'sarif'])).stdout);
    const driver = sarif.runs[0].tool.driver as { informationUri?: string; rules: { id: string; helpUri?: string; help: unknown }[] };
    expect(driver.informationUri).toBeUndefined();
    for (const rule of driver.rules) {
      const page = readFileSync(join(ROOT, 'rules', `${rule.id}.md`), 'utf8');
      expect({ id: rule.id, helpUri: rule.helpUri, help: rule.help }).toEqual({
        id: rule.id,
        helpUri: undefined,
        help: { text: page, markdown: page },
      });
    }
    const json = JSON.parse((await cli([GUIDE, '-o', 'json'])).stdout);
    for (const finding of json.results[0].findings) expect(finding).not.toHaveProperty('docsUrl');
  });

  it('carries a peer list finding with its related places through every format', async () => {
    const file = 'fixtures/retry-join-matches-replicas/invalid/wrong-release-and-extra-peer.values.yaml';
    const sarif = JSON.parse((await cli([file, '-o', 'sarif'])).stdout);
    const validate = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const [result, ...others] = sarif.runs[0].results.filter(
      (candidate: { ruleId: string }) => candidate.ruleId === 'retry-join-matches-replicas',
    );
    expect(others).toEqual([]);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 37, startColumn: 11, endLine: 37, endColumn: 25 });
    expect(
      result.relatedLocations.map(
        (related: { id: number; physicalLocation: { region: { startLine: number } }; message: { text: string } }) => [
          related.id,
          related.physicalLocation.region.startLine,
          related.message.text.split(': ')[0],
        ],
      ),
    ).toEqual([
      [1, 48, 'a host that is no pod of release "vault" ("vaul-2.vault-internal")'],
      [2, 60, '"vault-5" extra (pods run 0 to 4)'],
    ]);
    const { stdout } = await cli([file, '--no-color']);
    expect(stdout).toContain(
      `related: ${file}:48:33 a host that is no pod of release "vault" ("vaul-2.vault-internal"): set leader_api_addr = "https://vault-2.vault-internal:8200" for "vault-2"`,
    );
  });

  it('emits GitHub annotations', async () => {
    const { stdout } = await cli([GUIDE, '-o', 'github']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(0, line.indexOf(' '))),
    ).toEqual(['::warning', '::warning', '::warning', '::warning', '::warning', '::notice', '::error']);
  });

  it('finds nothing in a production-ready release that follows the guide', async () => {
    const { code, stdout } = await cli(['fixtures/_cli/production.values.yaml', '-o', 'json']);
    expect(JSON.parse(stdout).results[0].findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('never writes to the input file', async () => {
    const before = createHash('sha256')
      .update(readFileSync(join(ROOT, GUIDE)))
      .digest('hex');
    await cli([GUIDE, '-o', 'sarif']);
    expect(
      createHash('sha256')
        .update(readFileSync(join(ROOT, GUIDE)))
        .digest('hex'),
    ).toBe(before);
  });
});

describe('exit codes and errors', () => {
  it('exits 2 with one line for an unknown chart version, naming the supported and the nearest ones', async () => {
    const { code, stderr } = await cli([GUIDE, '--chart-version', '9.9.9']);
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: Unknown chart version "9.9.9"; supported: 0.20.0 … 0.34.1 (nearest: 0.34.1)\n');
  });

  it.each([
    [['--bogus', GUIDE], /Unknown option "--bogus"/],
    [[GUIDE, '-o', 'xml'], /Invalid value "xml" for --output; choose one of: stylish, json, sarif, github/],
    [[GUIDE, '--max-warnings', 'many'], /--max-warnings expects a whole number/],
    [['does-not-exist.yaml'], /No such file or directory: "does-not-exist.yaml"/],
    [[], /No input/],
    [[GUIDE, '--rule', 'tls-enabled=loud'], /Invalid --rule/],
    [[GUIDE, '--rule', 'no-such-rule=off'], /Unknown rule "no-such-rule"/],
    [[GUIDE, '--output-file', GUIDE], /Refusing to write the report over the input file/],
  ])('exits 2 with one clear line for %j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('turns malformed YAML into a positioned finding, not a crash', async () => {
    const { code, stdout } = await cli(['-', '-o', 'json'], { stdin: 'server:\n  ha:\n\tenabled: true\n' });
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).results[0].findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'yaml-syntax', location: { file: '<stdin>', line: 3, column: 1 } });
  });

  it('fails on too many warnings, and --quiet hides warnings', async () => {
    const clean = readFileSync(join(ROOT, 'fixtures/auto-unseal/invalid/shamir.values.yaml'), 'utf8');
    expect((await cli(['-'], { stdin: clean })).code).toBe(0);
    expect((await cli(['-', '--max-warnings', '0'], { stdin: clean })).code).toBe(1);
    // The failure says why, also when --quiet hides the warnings and the report is JSON.
    const strict = await cli(['-', '--max-warnings', '0', '--quiet', '-o', 'json'], { stdin: clean });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^vault-lint: \d+ warnings? found, more than --max-warnings 0 allows\n$/);
    expect(JSON.parse(strict.stdout).results[0].findings).toEqual([]);
    expect((await cli(['-', '--max-warnings', '99'], { stdin: clean })).stderr).toBe('');
    const quiet = await cli(['-', '--quiet', '-o', 'json'], { stdin: clean });
    expect(JSON.parse(quiet.stdout).results[0].findings).toEqual([]);
  });

  it('turns rules off with --rule', async () => {
    const { code, stdout } = await cli([GUIDE, '-o', 'json', '--rule', 'private-load-balancer=off', '--rule', 'values-schema=off']);
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout)
        .results[0].findings.map((finding: { ruleId: string }) => finding.ruleId)
        .sort(),
    ).toEqual(['auto-unseal', 'enterprise-license', 'health-probes', 'service-registration', 'telemetry-configured']);
  });

  it('writes the report to --output-file', async () => {
    const dir = tempDir();
    const out = join(dir, 'reports', 'vault.sarif');
    const { code, stdout } = await cli([GUIDE, '-o', 'sarif', '--output-file', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('prints help and version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--chart-version');
    expect(help.stdout).toContain('Exit codes');
    const version = await cli(['--version']);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});

describe('targets', () => {
  it('expands directories and globs, each file its own target', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), readFileSync(join(ROOT, GUIDE), 'utf8'));
    writeFileSync(join(dir, 'b.yml'), 'server:\n  dev:\n    enabled: true\n');
    writeFileSync(join(dir, 'Chart.yaml'), 'name: x\n');
    const byDir = JSON.parse((await cli(['.', '-o', 'json'], { cwd: dir })).stdout);
    expect(byDir.results.map((result: { file: string }) => result.file)).toEqual(['a.yaml', 'b.yml']);
    const byGlob = JSON.parse((await cli(['*.yml', '-o', 'json'], { cwd: dir })).stdout);
    expect(byGlob.results.map((result: { file: string }) => result.file)).toEqual(['b.yml']);
    expect(existsSync(join(dir, 'Chart.yaml'))).toBe(true);
  });

  it('layers -f files into one release, pointing findings at the layer that set the value', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'base.yaml'), readFileSync(join(ROOT, GUIDE), 'utf8'));
    writeFileSync(join(dir, 'prod.yaml'), 'server:\n  ha:\n    replicas: 3\n');
    const { stdout } = await cli(['-f', 'base.yaml', '-f', 'prod.yaml', '-o', 'json'], { cwd: dir });
    const findings = JSON.parse(stdout).results.flatMap((result: { findings: unknown[] }) => result.findings);
    const replicas = findings.find((finding: { ruleId: string }) => finding.ruleId === 'ha-replicas');
    expect(replicas.location).toMatchObject({ file: 'prod.yaml', line: 3, column: 15 });
  });
});

describe('colour decision', () => {
  it('prefers the flag, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(decideColor(true, { NO_COLOR: '1' }, false, false)).toBe(true);
    expect(decideColor(undefined, { NO_COLOR: '1' }, false, true)).toBe(false);
    expect(decideColor(undefined, { FORCE_COLOR: '1' }, false, false)).toBe(true);
    expect(decideColor(undefined, { FORCE_COLOR: '0' }, false, true)).toBe(false);
    expect(decideColor(undefined, {}, false, true)).toBe(true);
    expect(decideColor(undefined, {}, true, true)).toBe(false);
  });
});
