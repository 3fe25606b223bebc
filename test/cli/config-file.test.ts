import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE, ROOT, runCli, tempDir } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  severity: string;
}

/** `ruleId severity` of every finding, sorted. */
const found = (stdout: string): string[] =>
  (JSON.parse(stdout).results as { findings: Finding[] }[])
    .flatMap((result) => result.findings.map((finding) => `${finding.ruleId} ${finding.severity}`))
    .sort();

/** A scratch repository (it has .git) with the guide example at deploy/values.yaml and the given files. */
function repository(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'deploy'));
  copyFileSync(join(ROOT, GUIDE), join(dir, 'deploy/values.yaml'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const lint = async (dir: string, args: string[] = ['deploy/values.yaml']) => runCli([...args, '-o', 'json'], { cwd: dir });

describe('.vault-lint.yaml', () => {
  it('is found above the linted file and sets rule levels, presets and options', async () => {
    const plain = found((await lint(repository({}))).stdout);
    expect(plain).toContain('telemetry-configured info');
    expect(plain).toContain('values-schema warning');

    const dir = repository({
      '.vault-lint.yaml': 'extends: strict\nrules:\n  values-schema: off\n  telemetry-configured: [warning]\n',
    });
    const configured = found((await lint(dir)).stdout);
    expect(configured).not.toContain('values-schema warning');
    expect(configured.filter((entry) => entry.startsWith('values-schema'))).toEqual([]);
    // strict raises warnings to errors; the rule's own entry sets its level.
    expect(configured).toContain('health-probes error');
    expect(configured).toContain('telemetry-configured warning');
    // The command line wins over the file.
    expect(found((await lint(dir, ['deploy/values.yaml', '--rule', 'telemetry-configured=info'])).stdout)).toContain(
      'telemetry-configured info',
    );
  });

  it('checks rule options against the rule and applies them', async () => {
    const values = 'server:\n  ha:\n    enabled: true\n    replicas: 3\n    raft:\n      enabled: true\n';
    const dir = repository({ 'deploy/raft.yaml': values, '.vault-lint.yml': 'rules:\n  ha-replicas: [error, { replicas: 3 }]\n' });
    const ids = (stdout: string) => found(stdout).filter((entry) => entry.startsWith('ha-replicas'));
    expect(ids((await lint(dir, ['deploy/raft.yaml'])).stdout)).toEqual([]);
    expect(ids((await lint(dir, ['deploy/raft.yaml', '--no-config'])).stdout)).toEqual(['ha-replicas error']);
  });

  it('applies overrides to the files their globs match, and skips ignored files', async () => {
    const dir = repository({
      '.vault-lint.yaml': 'overrides:\n  - files: ["dev/**"]\n    rules:\n      private-load-balancer: off\nignores: ["vendor/**"]\n',
      'dev/values.yaml': '',
      'vendor/values.yaml': '',
    });
    copyFileSync(join(ROOT, GUIDE), join(dir, 'dev/values.yaml'));
    copyFileSync(join(ROOT, GUIDE), join(dir, 'vendor/values.yaml'));
    const run = await lint(dir, ['deploy/values.yaml', 'dev/values.yaml', 'vendor/values.yaml']);
    const results = JSON.parse(run.stdout).results as { file: string; findings: Finding[] }[];
    expect(results.map((result) => result.file)).toEqual(['deploy/values.yaml', 'dev/values.yaml']);
    const rules = (file: string) => results.find((result) => result.file === file)!.findings.map((finding) => finding.ruleId);
    expect(rules('deploy/values.yaml')).toContain('private-load-balancer');
    expect(rules('dev/values.yaml')).not.toContain('private-load-balancer');
    expect(run.stderr).toBe('vault-lint: skipped "vendor/values.yaml": the config file ignores it\n');
  });

  it('takes chartVersion and releaseName from the file unless the command line says otherwise', async () => {
    const dir = repository({ '.vault-lint.yaml': 'chartVersion: 0.1.0\n' });
    const bad = await lint(dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^vault-lint: Unknown chart version/);
    expect((await lint(dir, ['deploy/values.yaml', '--chart-version', '0.34.1'])).code).toBe(1);
  });

  it('extends another file by path, and refuses a cycle', async () => {
    const dir = repository({
      'base.yaml': 'rules:\n  values-schema: off\n',
      '.vault-lint.yaml': 'extends: base.yaml\n',
    });
    expect(found((await lint(dir)).stdout).filter((entry) => entry.startsWith('values-schema'))).toEqual([]);
    const loop = repository({ 'a.yaml': 'extends: .vault-lint.yaml\n', '.vault-lint.yaml': 'extends: a.yaml\n' });
    const run = await lint(loop);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/extends itself through/);
  });

  it('does not look above the repository root, and --config names a file', async () => {
    const outer = tempDir();
    writeFileSync(join(outer, '.vault-lint.yaml'), 'rules:\n  values-schema: off\n');
    const dir = join(outer, 'repo');
    mkdirSync(join(dir, '.git'), { recursive: true });
    copyFileSync(join(ROOT, GUIDE), join(dir, 'values.yaml'));
    expect(found((await lint(dir, ['values.yaml'])).stdout)).toContain('values-schema warning');
    const named = await lint(dir, ['values.yaml', '--config', '../.vault-lint.yaml']);
    expect(found(named.stdout)).not.toContain('values-schema warning');
  });

  it('reports an invalid file with its name, line, column, key path and what was expected, exit 2', async () => {
    const cases: [string, string][] = [
      [
        'rulez:\n  a: off\n',
        'vault-lint: .vault-lint.yaml:1:1: rulez: an unknown key; expected extends, rules, overrides, ignores, releases, chartVersion, releaseName, namespace, policies or plugins\n',
      ],
      [
        'rules:\n  tls-enabld: off\n',
        'vault-lint: .vault-lint.yaml:2:3: rules.tls-enabld: an unknown rule id (vault-lint --list-rules lists them)\n',
      ],
      ['rules:\n  tls-enabled: loud\n', 'vault-lint: .vault-lint.yaml:2:16: rules.tls-enabled: expected off, info, warning or error\n'],
      [
        'rules:\n  ha-replicas: [error, { replica: 3 }]\n',
        'vault-lint: .vault-lint.yaml:2:16: rules.ha-replicas: Unknown option "replica" for rule "ha-replicas"\n',
      ],
      [
        'overrides:\n  - rules: {}\n',
        'vault-lint: .vault-lint.yaml:2:5: overrides.0: expected files: the globs this override applies to\n',
      ],
      ['rules: [\n', ''],
    ];
    for (const [text, message] of cases) {
      const run = await lint(repository({ '.vault-lint.yaml': text }));
      expect(run.code, text).toBe(2);
      if (message !== '') expect(run.stderr, text).toBe(message);
      else expect(run.stderr).toMatch(/^vault-lint: \.vault-lint\.yaml:\d+:\d+: /);
    }
  });
});

describe('releases in .vault-lint.yaml', () => {
  const BASE = 'server:\n  ha:\n    enabled: true\n    replicas: 5\n    raft:\n      enabled: true\n';
  const OVERLAY = 'server:\n  ha:\n    replicas: 3\n';
  const CONFIG = 'releases:\n  prod:\n    values: [base.yaml, prod.yaml]\n    releaseName: vault-prod\n  dev:\n    values: [base.yaml]\n';

  function repo(): string {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'base.yaml'), BASE);
    writeFileSync(join(dir, 'prod.yaml'), OVERLAY);
    writeFileSync(join(dir, '.vault-lint.yaml'), CONFIG);
    return dir;
  }

  const replicas = (stdout: string) =>
    (JSON.parse(stdout).results as { file: string; findings: { ruleId: string; location: { line: number } }[] }[]).flatMap((result) =>
      result.findings.filter((finding) => finding.ruleId === 'ha-replicas').map((finding) => `${result.file}:${finding.location.line}`),
    );

  it('lints every release with no arguments, each file layered as deployed', async () => {
    const run = await runCli(['-o', 'json'], { cwd: repo() });
    const files = (JSON.parse(run.stdout).results as { file: string }[]).map((result) => result.file);
    // prod: base.yaml then prod.yaml; dev: base.yaml.
    expect(files).toEqual(['base.yaml', 'prod.yaml', 'base.yaml']);
    // The overlay's replicas: 3 is the finding of prod, at the overlay's line.
    expect(replicas(run.stdout)).toEqual(['prod.yaml:3']);
  });

  it('lints an overlay named alone within its release, not as a release of its own', async () => {
    const dir = repo();
    const within = await runCli(['prod.yaml', '-o', 'json'], { cwd: dir });
    expect((JSON.parse(within.stdout).results as { file: string }[]).map((result) => result.file)).toEqual(['base.yaml', 'prod.yaml']);
    expect(replicas(within.stdout)).toEqual(['prod.yaml:3']);
    // Alone it is judged without its base (no Integrated Storage): another finding altogether.
    const alone = await runCli(['prod.yaml', '-o', 'json', '--no-config'], { cwd: dir });
    expect(replicas(alone.stdout)).not.toEqual(replicas(within.stdout));
  });

  it("applies a release's set: after its files, as --set arguments, with findings placed on them", async () => {
    const dir = repo();
    writeFileSync(join(dir, '.vault-lint.yaml'), 'releases:\n  prod:\n    values: [base.yaml]\n    set:\n      server.ha.replicas: 3\n');
    const run = await runCli(['-o', 'json'], { cwd: dir });
    const results = JSON.parse(run.stdout).results as { kind: string; argument?: string; findings: { ruleId: string }[] }[];
    const set = results.find((result) => result.kind === 'set');
    expect(set?.argument).toBe('--set server.ha.replicas=3');
    expect(set?.findings.map((finding) => finding.ruleId)).toContain('ha-replicas');
    // The command line's --set comes last and wins.
    const overridden = await runCli(['-o', 'json', '--set', 'server.ha.replicas=5'], { cwd: dir });
    const ids = (JSON.parse(overridden.stdout).results as { findings: { ruleId: string }[] }[]).flatMap((result) =>
      result.findings.map((finding) => finding.ruleId),
    );
    expect(ids).not.toContain('ha-replicas');
  });

  it('refuses a release without values', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.vault-lint.yaml'), 'releases:\n  prod:\n    releaseName: x\n');
    const run = await runCli(['-o', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'vault-lint: .vault-lint.yaml:3:5: releases.prod: expected values: the values files of the release, in the order helm -f takes them\n',
    );
  });
});
