import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runShell, tempDir } from '../helpers/cli.js';

const VALUES = `server:
  image:
    repository: hashicorp/vault
  ha:
    enabled: true
    raft:
      enabled: true
      config: |
        ui = true
        listener "tcp" {
          address = "[::]:8200"
          tls_cert_file = "/vault/userconfig/tls/tls.crt"
          tls_key_file = "/vault/userconfig/tls/tls.key"
        }
        storage "raft" {
          path = "/vault/data"
        }
        seal "pkcs11" {
          lib = "/usr/lib/softhsm.so"
        }
`;

const POLICIES = `policies:
  - id: acme/registry
    severity: error
    message: 'Image "{{value}}" is not from registry.acme.io'
    description: Images come from the internal registry
    docs: https://wiki.acme.io/vault/registry
    path: server.image.repository
    schema: { type: string, pattern: '^registry\\.acme\\.io/' }
  - id: acme/seal-kind
    severity: warning
    message: 'Seal "{{path}}" is not awskms or transit'
    target: config
    path: seal.*
    expression: path in ['seal.awskms', 'seal.transit']
`;

/** A scratch repository (it has .git) with the given files. */
function repository(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  location: { line: number; column: number; endLine: number; endColumn: number; hclPath?: (string | number)[] };
}

const findings = (stdout: string): JsonFinding[] =>
  (JSON.parse(stdout) as { results: { findings: JsonFinding[] }[] }).results.flatMap((r) => r.findings);
const policyFindings = (stdout: string): string[] =>
  findings(stdout)
    .filter((finding) => finding.ruleId.includes('/'))
    .map(
      (finding) =>
        `${finding.location.line}:${finding.location.column}-${finding.location.endLine}:${finding.location.endColumn} ${finding.ruleId} ${finding.severity} ${finding.message}`,
    );

describe('policies: in .vault-lint.yaml', () => {
  it('report with their own ids and severities, inside the embedded HCL too', async () => {
    const dir = repository({ '.vault-lint.yaml': POLICIES, 'values.yaml': VALUES });
    const run = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(policyFindings(run.stdout)).toEqual([
      '3:17-3:32 acme/registry error Image "hashicorp/vault" is not from registry.acme.io',
      '18:9-18:22 acme/seal-kind warning Seal "seal.pkcs11" is not awskms or transit',
    ]);
    expect(findings(run.stdout).find((finding) => finding.ruleId === 'acme/seal-kind')!.location.hclPath).toEqual(['seal', 'pkcs11']);
  });

  it('take severities and overrides from rules: like built-in rules', async () => {
    const dir = repository({
      '.vault-lint.yaml': `${POLICIES}rules:\n  acme/registry: warning\n  acme/seal-kind: off\n`,
      'values.yaml': VALUES,
    });
    const run = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    expect(policyFindings(run.stdout)).toEqual(['3:17-3:32 acme/registry warning Image "hashicorp/vault" is not from registry.acme.io']);
  });

  it('are suppressed by inline directives, in YAML and inside the HCL', async () => {
    const suppressed = VALUES.replace(
      'repository: hashicorp/vault',
      'repository: hashicorp/vault # vault-lint-disable-line acme/registry -- mirrored',
    ).replace('seal "pkcs11" {', 'seal "pkcs11" { # vault-lint-disable-line acme/seal-kind -- HSM required by audit');
    const dir = repository({ '.vault-lint.yaml': POLICIES, 'values.yaml': suppressed });
    const run = await runCli(['values.yaml', '-o', 'json', '--report-unused-disable-directives'], { cwd: dir });
    expect(policyFindings(run.stdout)).toEqual([]);
    expect(findings(run.stdout).filter((finding) => finding.ruleId === 'vault-lint')).toEqual([]);
  });

  it('are accepted by a baseline and come back when the value changes', async () => {
    const dir = repository({ '.vault-lint.yaml': POLICIES, 'values.yaml': VALUES });
    const written = await runCli(['values.yaml', '--write-baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(written.code).toBe(0);
    writeFileSync(join(dir, 'values.yaml'), `# a new first line\n${VALUES}`);
    const again = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(policyFindings(again.stdout)).toEqual([]);
    writeFileSync(join(dir, 'values.yaml'), VALUES.replace('hashicorp/vault', 'docker.io/vault'));
    const changed = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(policyFindings(changed.stdout)).toEqual(['3:17-3:32 acme/registry error Image "docker.io/vault" is not from registry.acme.io']);
  });

  it('appear in the SARIF rules table with their description and docs', async () => {
    const dir = repository({ '.vault-lint.yaml': POLICIES, 'values.yaml': VALUES });
    const run = await runCli(['values.yaml', '-o', 'sarif'], { cwd: dir });
    const [log] = (
      JSON.parse(run.stdout) as {
        runs: { results: { ruleId: string; ruleIndex: number }[]; tool: { driver: { rules: Record<string, unknown>[] } } }[];
      }
    ).runs;
    const result = log!.results.find((item) => item.ruleId === 'acme/registry')!;
    expect(log!.tool.driver.rules[result.ruleIndex]).toMatchObject({
      id: 'acme/registry',
      shortDescription: { text: 'Images come from the internal registry' },
      helpUri: 'https://wiki.acme.io/vault/registry',
    });
  });

  it('refuse a config path no Vault config can hold, with a did-you-mean, exit 2', async () => {
    const typo = POLICIES.replace('    path: seal.*\n', '    path: seal.pkcs11.libb\n');
    const run = await runCli(['values.yaml'], { cwd: repository({ '.vault-lint.yaml': typo, 'values.yaml': VALUES }) });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'vault-lint: .vault-lint.yaml:13:11: policies.1.path: policy "acme/seal-kind": path "seal.pkcs11.libb" can never match the Vault config: seal.pkcs11 of a Vault config has no key "libb"; did you mean "lib"?\n',
    );
  });

  it('carry their hint in every output, and explain shows it', async () => {
    const hinted = POLICIES.replace(
      '    description: Images come from the internal registry\n',
      "    description: Images come from the internal registry\n    hint: 'Set {{path}} to registry.acme.io/{{value}}, the mirror of that image'\n",
    );
    const dir = repository({ '.vault-lint.yaml': hinted, 'values.yaml': VALUES });
    const hint = 'Set server.image.repository to registry.acme.io/hashicorp/vault, the mirror of that image';
    const json = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    const finding = (JSON.parse(json.stdout) as { results: { findings: { ruleId: string; hint?: string }[] }[] }).results
      .flatMap((result) => result.findings)
      .filter((item) => item.ruleId.startsWith('acme/'));
    expect(finding.map((item) => [item.ruleId, item.hint])).toEqual([
      ['acme/registry', hint],
      ['acme/seal-kind', undefined],
    ]);
    for (const format of ['stylish', 'sarif', 'github', 'junit', 'codequality']) {
      const run = await runCli(['values.yaml', '-o', format], { cwd: dir });
      expect(run.stdout, format).toContain(hint);
    }
    const explain = await runCli(['explain', 'acme/registry', '--config', '.vault-lint.yaml'], { cwd: dir });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('  Fix: Set {{path}} to registry.acme.io/{{value}}, the mirror of that image\n');
  });

  it('refuse an invalid policy with one line naming it and where, exit 2', async () => {
    const broken = POLICIES.replace(
      "expression: path in ['seal.awskms', 'seal.transit']",
      "expression: path in ['seal.awskms', 'seal.transit'] && sael",
    );
    const run = await runCli(['values.yaml'], { cwd: repository({ '.vault-lint.yaml': broken, 'values.yaml': VALUES }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'vault-lint: .vault-lint.yaml:14:17: policies.1.expression: policy "acme/seal-kind": the CEL expression does not compile: undeclared reference to "sael" (expected values, config, release, value, path)\n',
    );
    expect(run.stdout).toBe('');
  });
});

describe('policies and secrets', () => {
  it('never print a secret the run knows, even when a message quotes the value that holds it', async () => {
    const values = VALUES.replace(
      'seal "pkcs11" {\n          lib = "/usr/lib/softhsm.so"',
      'seal "transit" {\n          token = "hvs.POLICYtestSealToken0001"',
    );
    const config = `policies:
  - id: acme/seal-dump
    message: 'Seal stanza {{path}} is {{value}}'
    target: config
    path: seal.*
    expression: "false"
  - id: acme/token-dump
    message: 'Token {{value}}'
    target: config
    path: seal.transit.token
    schema: { const: nothing }
`;
    const dir = repository({ '.vault-lint.yaml': config, 'values.yaml': values });
    for (const format of ['json', 'sarif', 'stylish', 'github']) {
      const run = await runCli(['values.yaml', '-o', format], { cwd: dir });
      expect(run.stdout).toContain('acme/token-dump');
      expect(run.stdout).toContain('acme/seal-dump');
      expect(run.stdout, format).not.toContain('POLICYtestSealToken');
    }
  });
});

describe('start-up without policies', () => {
  // A module hook logs every module of the bundle the CLI loads (the built CLI: npm run build first).
  const hook = (dir: string): string => {
    writeFileSync(
      join(dir, 'hooks.mjs'),
      "import { writeSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.includes('/dist/bundle/')) writeSync(2, `LOAD ${url.slice(url.lastIndexOf('/') + 1)}\\n`);\n  return next(url, context);\n}\n",
    );
    writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    return 'node --import ./register.mjs "$VAULT_LINT" values.yaml -o json';
  };
  const loaded = (stderr: string): string[] => [...stderr.matchAll(/^LOAD (.+)$/gm)].map((match) => match[1]!);

  it('loads the policy machinery only for a config that declares policies, and CEL only for expressions', () => {
    const plain = repository({ '.vault-lint.yaml': 'rules:\n  telemetry-configured: off\n', 'values.yaml': VALUES });
    const without = runShell(hook(plain), plain);
    expect(without.status).toBe(1);
    expect(loaded(without.stderr)).toContain('vault-lint.js');
    // Neither the policy reader nor the evaluators it loads: CEL (cel.js), Ajv with RE2 for policy schemas (schema.js).
    for (const chunk of ['policy.js', 'cel.js', 'schema.js']) expect(loaded(without.stderr)).not.toContain(chunk);
    const withPolicies = repository({ '.vault-lint.yaml': POLICIES, 'values.yaml': VALUES });
    const run = runShell(hook(withPolicies), withPolicies);
    expect(loaded(run.stderr)).toContain('policy.js');
    expect(loaded(run.stderr)).toContain('cel.js');
    expect(findings(run.stdout).map((finding) => finding.ruleId)).toContain('acme/registry');
    // Policies with a schema only never load the CEL evaluator.
    const schemaOnly = repository({
      '.vault-lint.yaml': POLICIES.slice(0, POLICIES.indexOf('  - id: acme/seal-kind')),
      'values.yaml': VALUES,
    });
    const lighter = runShell(hook(schemaOnly), schemaOnly);
    expect(loaded(lighter.stderr)).toEqual(expect.arrayContaining(['policy.js', 'schema.js']));
    expect(loaded(lighter.stderr)).not.toContain('cel.js');
  });
});
