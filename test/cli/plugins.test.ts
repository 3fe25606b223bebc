import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invalidRule } from '../../src/cli/plugins.js';
import { defineRule } from '../../src/index.js';
import { ROOT, runCli, runShell, tempDir } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/plugins/acme-vault-rules');

/** A non-default image and a seal inside the embedded HCL: one finding of each sample rule. */
const VALUES = [
  'server:',
  '  image:',
  '    repository: hashicorp/vault',
  '    tag: "1.16.1"',
  '  standalone:',
  '    config: |',
  '      seal "gcpckms" {',
  '        project = "p"',
  '      }',
  'injector:',
  '  enabled: false',
  '',
].join('\n');

/**
 * A user's repository: the sample plugin copied under plugins/, vault-lint installed in
 * node_modules (a link to this package, as `npm install --save-dev vault-lint` would give), a config
 * naming the plugin by path, and files of its own.
 */
function repository(config: string, files: Record<string, string> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/vault-lint'), 'dir');
  cpSync(SAMPLE, join(dir, 'plugins/acme-vault-rules'), { recursive: true });
  writeFileSync(join(dir, '.vault-lint.yaml'), config);
  writeFileSync(join(dir, 'values.yaml'), VALUES);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const SAMPLE_CONFIG = 'plugins:\n  - ./plugins/acme-vault-rules\n';

interface SarifRun {
  tool: {
    driver: { rules: { id: string; helpUri?: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] };
  };
  results: {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { region: unknown } }[];
  }[];
}

describe('plugins:', { timeout: 120_000 }, () => {
  it('loads the sample plugin by path: its findings and its rule metadata (own docs link) are in SARIF', () => {
    const dir = repository(SAMPLE_CONFIG);
    const run = runShell('node "$VAULT_LINT" values.yaml -o sarif', dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const sarif = (JSON.parse(run.stdout) as { runs: SarifRun[] }).runs[0]!;
    const table = sarif.tool.driver.rules;
    const plugin = sarif.results.filter((result) => result.ruleId.startsWith('acme/'));
    expect(plugin.map((result) => [result.ruleId, result.level, result.locations[0]!.physicalLocation.region])).toEqual([
      ['acme/registry-allowed', 'error', { startLine: 3, startColumn: 17, endLine: 3, endColumn: 32 }],
      ['acme/seal-allowed', 'warning', { startLine: 7, startColumn: 7, endLine: 7, endColumn: 21 }],
    ]);
    expect(plugin[0]!.message.text).toContain(
      'Expected server.image.repository to be in "registry.acme.example/", found "hashicorp/vault"',
    );
    for (const result of plugin) {
      const rule = table[result.ruleIndex]!;
      expect(rule.id).toBe(result.ruleId);
      expect(rule.helpUri).toBe(`https://rules.acme.example/vault/${result.ruleId.slice('acme/'.length)}`);
    }
    expect(table.find((rule) => rule.id === 'acme/seal-allowed')).toMatchObject({
      shortDescription: { text: 'Vault unseals with an approved seal' },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('gives plugin rules severities and options from rules:, and suppressions by id', async () => {
    const dir = repository(
      `${SAMPLE_CONFIG}rules:\n  acme/seal-allowed: error\n  acme/registry-allowed: [warning, { registry: "hashicorp/" }]\n`,
    );
    const run = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { results: { findings: { ruleId: string; severity: string }[] }[] }).results[0]!.findings;
    expect(findings.filter((finding) => finding.ruleId.startsWith('acme/'))).toMatchObject([
      { ruleId: 'acme/seal-allowed', severity: 'error' },
    ]);
    writeFileSync(
      join(dir, 'values.yaml'),
      VALUES.replace('seal "gcpckms" {', 'seal "gcpckms" { # vault-lint-disable-line acme/seal-allowed'),
    );
    const suppressed = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    expect(suppressed.stdout).not.toContain('acme/seal-allowed');
  });

  it('lists plugin rules with --list-rules and explains them from their metadata', async () => {
    const dir = repository(SAMPLE_CONFIG);
    const list = await runCli(['--list-rules'], { cwd: dir });
    expect(list.stdout).toMatch(/^acme\/registry-allowed +error +Every image comes from the internal registry$/m);
    const explain = await runCli(['explain', 'acme/registry-allowed'], { cwd: dir });
    expect(explain.stderr).toBe('');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('# acme/registry-allowed\n\nEvery image comes from the internal registry\n');
    expect(explain.stdout).toContain('**Plugin:** ./plugins/acme-vault-rules');
    expect(explain.stdout).toContain('**Documentation:** https://rules.acme.example/vault/registry-allowed');
    expect(explain.stdout).toContain('- `registry` (string, default "registry.acme.example/")');
    expect((await runCli(['explain', '--help'], { cwd: dir })).stdout).toContain('vault-lint explain [options] <rule-id>');
    const typo = await runCli(['explain', 'acme/registry-alowed'], { cwd: dir });
    expect(typo).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean "acme/registry-allowed"') as string });
  });

  it('resolves a package name from the config folder, and says when it is not installed', async () => {
    const missing = await runCli(['values.yaml'], { cwd: repository('plugins: [acme-vault-rules]\n') });
    expect(missing).toMatchObject({
      code: 2,
      stderr:
        'vault-lint: .vault-lint.yaml:1:11: plugins.0: plugin "acme-vault-rules" is not installed where .vault-lint.yaml is (npm install --save-dev acme-vault-rules)\n',
    });
    const dir = repository('plugins: [acme-vault-rules]\n');
    cpSync(SAMPLE, join(dir, 'node_modules/acme-vault-rules'), { recursive: true });
    const run = await runCli(['--list-rules', '--tag', 'seal'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('acme/seal-allowed');
  });

  const plugin = (id: string, check: string, meta = '') =>
    `import { defineRule } from 'vault-lint';\nexport default [defineRule({ id: '${id}', meta: { description: 'd', severity: 'error', tags: [], guide: 'g', messages: { bad: 'Bad' }${meta} }, check(context) { ${check} } })];\n`;

  const failures: [string, Record<string, string>, string][] = [
    [
      'a plugin that cannot be found',
      {},
      'vault-lint: .vault-lint.yaml:2:5: plugins.0: plugin "./missing.js" names no file (paths are relative to .vault-lint.yaml)\n',
    ],
    [
      'a plugin that fails to load',
      { 'missing.js': "throw new Error('no licence');\n" },
      'vault-lint: .vault-lint.yaml:2:5: plugins.0: plugin "./missing.js" failed to load: no licence\n',
    ],
    [
      'a plugin that exports no rules',
      { 'missing.js': 'export const rules = [];\n' },
      'vault-lint: .vault-lint.yaml:2:5: plugins.0: plugin "./missing.js" exports no rules; expected export default [rule, …] or export default { rules: [rule, …] }\n',
    ],
    [
      'a rule without a namespace (which could take a built-in id)',
      { 'missing.js': plugin('tls-enabled', '') },
      'vault-lint: .vault-lint.yaml:2:5: plugins.0: plugin "./missing.js" exports an invalid rule (#1 "tls-enabled"): expected the id "tls-enabled" to be namespaced and kebab-case, e.g. "acme/registry-allowed"\n',
    ],
    [
      'a rule with a hint of no message',
      { 'missing.js': plugin('acme/x', '', ", hints: { worse: 'Fix it' }") },
      'vault-lint: .vault-lint.yaml:2:5: plugins.0: plugin "./missing.js" exports an invalid rule (#1 "acme/x"): meta.hints names "worse", which is no message of the rule\n',
    ],
  ];
  for (const [what, files, stderr] of failures)
    it(`exits 2 naming ${what}`, async () => {
      const dir = repository('plugins:\n  - ./missing.js\n', files);
      const run = await runCli(['values.yaml'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(stderr)).toBe(true);
      expect(run.stderr.split('\n')).toHaveLength(2);
    });

  it('exits 2 when two plugins export the same rule id, naming both', async () => {
    const dir = repository(`${SAMPLE_CONFIG}  - ./copy/index.js\n`);
    cpSync(SAMPLE, join(dir, 'copy'), { recursive: true });
    const run = await runCli(['values.yaml'], { cwd: dir });
    expect(run).toMatchObject({
      code: 2,
      stderr:
        'vault-lint: .vault-lint.yaml:3:5: plugins.1: plugin "./copy/index.js" exports the rule "acme/registry-allowed", which plugin "./plugins/acme-vault-rules" already exports\n',
    });
  });

  for (const [what, check, reason] of <[string, string, string][]>[
    ['throws', "throw new Error('boom');", 'boom'],
    [
      'reports a message it does not have',
      "context.report({ node: context.model.values, messageId: 'worse' });",
      'unknown messageId "worse"',
    ],
    ['returns a promise', 'return Promise.resolve();', 'check returned a promise; a check reports synchronously'],
  ])
    it(`exits 2 naming the rule and its plugin when a plugin rule's check ${what}`, async () => {
      const dir = repository('plugins:\n  - ./broken.js\n', { 'broken.js': plugin('acme/broken', check) });
      const run = await runCli(['values.yaml'], { cwd: dir });
      expect(run).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `vault-lint: rule "acme/broken" of plugin "./broken.js" failed: ${reason}\n`,
      });
    });

  it('passes check-rules on the sample plugin', async () => {
    const run = await runCli(['check-rules', 'fixtures/plugins/acme-vault-rules/rules']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('plugin rule validation', () => {
  const valid = defineRule({
    id: 'acme/ok',
    meta: { description: 'd', severity: 'info', tags: ['t'], guide: 'g', messages: { bad: 'Bad' } },
    check() {},
  });
  it('accepts a rule made with defineRule and names the first problem of anything else', () => {
    expect(invalidRule(valid)).toBeUndefined();
    expect(invalidRule('acme/ok')).toBe('expected a rule made with defineRule from "vault-lint"');
    expect(invalidRule({ ...valid, check: undefined })).toBe('missing check(context)');
    expect(invalidRule({ ...valid, meta: { ...valid.meta, severity: 'fatal' } })).toBe(
      'expected meta.severity to be "error", "warning" or "info"',
    );
    expect(invalidRule({ ...valid, meta: { ...valid.meta, guide: '' } })).toBe('missing meta.guide');
    expect(invalidRule({ ...valid, meta: { ...valid.meta, messages: {} } })).toBe(
      'expected meta.messages to map each messageId to its message',
    );
    expect(invalidRule({ ...valid, requires: ['helmTemplates'] })).toBe(
      'expected requires to list resources of "valuesSchema", "vaultConfigSchema"',
    );
    expect(invalidRule({ ...valid, requires: ['valuesSchema'] })).toBeUndefined();
    expect(invalidRule({ ...valid, meta: { ...valid.meta, appliesTo: 'ha' } })).toBe(
      'expected meta.appliesTo to be an object ({ modes, minReplicas })',
    );
    expect(invalidRule({ ...valid, meta: { ...valid.meta, docs: 'rules/ok.md' } })).toBe(
      'expected meta.docs to be the URL of the rule page',
    );
    expect(invalidRule({ ...valid, meta: { ...valid.meta, options: { max: { type: 'integer' } } } })).toBe(
      'expected meta.options to declare each option with type, default and description',
    );
  });

  it("takes a plugin rule's docs link from its metadata, never from vault-lint's rule pages", () => {
    expect(valid.docsUrl).toBeUndefined();
    expect(defineRule({ ...valid, meta: { ...valid.meta, docs: 'https://rules.acme.example/ok' } }).docsUrl).toBe(
      'https://rules.acme.example/ok',
    );
  });
});
