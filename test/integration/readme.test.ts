import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { GUIDE, ROOT, tempDir } from '../helpers/cli.js';
import { codeBlocks, commandsOf, readmeBlock, readmeCommands, readmeSection } from '../helpers/readme-examples.js';

/**
 * The README's examples, run as written: every command line of its `sh` blocks, `run:` steps and
 * CI `script:` lines, in a scratch repository where `vault-lint` (and `npx vault-lint`, offline)
 * is this checkout's built CLI, as after `npm ci`. The last test fails when the README shows a
 * command no test here runs. The pre-commit configuration is run by test/integration/pre-commit.test.ts
 * and the action's inputs by test/integration/action.test.ts.
 */

// Commands shown but not run here, and why.
const NOT_RUN: Record<string, string> = {
  'npm ci && npm test': 'the test suite itself',
};
// The README's install step before a command; the scratch repository has the built CLI already.
const INSTALL = 'npm ci && ';

const ran = new Set<string>();
const PRODUCTION = 'fixtures/_cli/production.values.yaml';

/** A scratch repository (it has .git) with the CLI installed in node_modules/.bin, the given files copied from this checkout, and texts. */
function scratch(copies: Record<string, string>, texts: Record<string, string> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'bin/vault-lint.js'), join(dir, 'node_modules/.bin/vault-lint'));
  const place = (name: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    return join(dir, name);
  };
  for (const [name, source] of Object.entries(copies)) copyFileSync(join(ROOT, source), place(name));
  for (const [name, text] of Object.entries(texts)) writeFileSync(place(name), text);
  return dir;
}

/** Run one README command line with bash in `dir`; the line is recorded as run. */
function run(command: string, dir: string) {
  ran.add(command);
  const line = command.startsWith(INSTALL) ? command.slice(INSTALL.length) : command;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const result = spawnSync('bash', ['-e', '-c', line], {
    cwd: dir,
    encoding: 'utf8',
    // npx must find the CLI in node_modules/.bin, never fetch a package of that name.
    env: { ...env, PATH: `${join(dir, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, NO_COLOR: '1', npm_config_offline: 'true' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command lines of the blocks under a heading. */
const commandsUnder = (heading: string): string[] => codeBlocks(readmeSection(heading)).flatMap(commandsOf);

const json = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));

// Each test starts the CLI a few times: a busy machine needs more than the default 20 s.
describe('the README, run as written', { timeout: 60_000 }, () => {
  it('Quick start: linting the guide example fails with the problems the README lists', () => {
    const [lint] = commandsUnder('## Quick start');
    expect(lint).toMatch(/vault-lint fixtures\/guide\/override-values\.yml$/);
    const result = run(lint!, scratch({ [GUIDE]: GUIDE }));
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/7 problems \(1 error, 5 warnings, 1 info\)/);
    // "a public ui load balancer, no auto-unseal, no Enterprise license, no service registration,
    // no telemetry, and a global.resources key the chart does not have"
    for (const rule of [
      'private-load-balancer',
      'auto-unseal',
      'enterprise-license',
      'service-registration',
      'telemetry-configured',
      'values-schema',
    ])
      expect(result.stdout).toContain(`  ${rule}\n`);
  });

  it('Usage: layering files with -f and --set, and render --show-origin', () => {
    const [lint, render] = commandsUnder('## Usage');
    const dir = scratch({ 'base.yml': GUIDE }, { 'prod.yml': 'server:\n  logLevel: warn\n' });
    const linted = run(lint!, dir);
    expect(linted.status, linted.stderr).toBe(1);
    expect(linted.stdout).toMatch(/^base\.yml$/m);
    const rendered = run(render!, dir);
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stdout).toMatch(/^prod\.yml:2:13 +logLevel: warn$/m);
    expect(rendered.stdout).toMatch(/^base\.yml:\d+:\d+ +tag: 1\.16\.1-ent$/m);
  });

  it('Config file: the example config lints each release with its options, and an overlay within its release', () => {
    const config = readmeBlock('### Config file', 'yaml');
    const dir = scratch(
      { 'deploy/base.yaml': GUIDE },
      {
        '.vault-lint.yaml': config,
        'deploy/prod.yaml': 'server:\n  ha:\n    replicas: 3\n',
        'deploy/dev.yaml': 'server:\n  ha:\n    replicas: 1\n',
      },
    );
    // "With releases, `vault-lint` with no arguments lints every release".
    const all = run('vault-lint -o json', dir);
    expect(all.status, all.stderr).toBe(1);
    const report = JSON.parse(all.stdout) as {
      results: { file?: string; argument?: string; findings: { ruleId: string; severity: string }[] }[];
    };
    const files = report.results.map((result) => result.file ?? result.argument);
    expect(files).toEqual(
      expect.arrayContaining(['deploy/base.yaml', 'deploy/prod.yaml', 'deploy/dev.yaml', '--set-string server.image.tag=1.16.1']),
    );
    const findings = report.results.flatMap((result) => result.findings.map((finding) => ({ ...finding, file: result.file })));
    // extends: strict makes every finding an error; ha-replicas takes 3 replicas (prod) and not 1 (dev).
    expect(new Set(findings.map((finding) => finding.severity))).toEqual(new Set(['error']));
    expect(findings.filter((finding) => finding.ruleId === 'ha-replicas').map((finding) => finding.file)).toEqual(['deploy/dev.yaml']);
    // "an overlay such as deploy/prod.yaml is linted within its release": with its base's findings.
    const overlay = run('vault-lint -o json deploy/prod.yaml', dir);
    expect(overlay.status, overlay.stderr).toBe(1);
    expect((JSON.parse(overlay.stdout) as { results: { file?: string }[] }).results.map((result) => result.file)).toContain(
      'deploy/base.yaml',
    );
  });

  it('Code scanning: the SARIF step writes the file the upload step names', () => {
    const [step] = commandsUnder('### Code scanning');
    const upload = (load(readmeBlock('### Code scanning', 'yaml', 'run:')) as { with?: { sarif_file: string } }[]).find(
      (item) => item.with,
    )!;
    const dir = scratch({ 'deploy/vault/values.yaml': GUIDE });
    const result = run(step!, dir);
    expect(result.status, result.stderr).toBe(1);
    const sarif = json(dir, upload.with!.sarif_file) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(7);
  });

  it('GitLab CI: the job writes the Code Quality report its artifacts name, and fails on errors', () => {
    const block = codeBlocks(readmeSection('### Code scanning')).find((item) => item.body.startsWith('# GitLab CI'))!;
    const job = Object.values(
      load(block.body) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>,
    )[0]!;
    const dir = scratch({ 'deploy/vault/values.yaml': GUIDE });
    for (const line of job.script) {
      const result = run(line, dir);
      expect(result.status, result.stderr).toBe(1);
    }
    const issues = json(dir, job.artifacts.reports.codequality) as { check_name: string; location: { path: string } }[];
    expect(issues).toHaveLength(7);
    expect(new Set(issues.map((issue) => issue.location.path))).toEqual(new Set(['deploy/vault/values.yaml']));
  });

  it('Suppressing a finding: the example directive suppresses the finding it names, and only because it is there', () => {
    const example = readmeBlock('### Suppressing a finding', 'yaml');
    const lint = (text: string) => {
      const result = run('vault-lint --report-unused-disable-directives -o json values.yaml', scratch({}, { 'values.yaml': text }));
      expect(result.status, result.stderr).toBe(1);
      return (JSON.parse(result.stdout) as { results: { findings: { ruleId: string }[] }[] }).results[0]!.findings.map(
        (finding) => finding.ruleId,
      );
    };
    const suppressed = lint(example);
    expect(suppressed).not.toContain('private-load-balancer');
    expect(suppressed).not.toContain('vault-lint');
    expect(lint(example.replace(/#.*$/m, ''))).toContain('private-load-balancer');
  });

  it('Baseline: accept the findings, gate on new ones, prune the fixed ones', () => {
    const [write, gate, prune] = commandsUnder('### Adopting on an existing repository: a baseline');
    const dir = scratch({ 'deploy/values.yaml': GUIDE });
    expect(run(write!, dir).status).toBe(0);
    const baseline = () => (json(dir, '.vault-lint-baseline.json') as { entries: unknown[] }).entries;
    expect(baseline()).toHaveLength(7);
    expect(run(gate!, dir).status).toBe(0);
    // Without the baseline the same run fails.
    expect(run('vault-lint deploy/', dir).status).toBe(1);
    copyFileSync(join(ROOT, PRODUCTION), join(dir, 'deploy/values.yaml'));
    const pruned = run(prune!, dir);
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(pruned.stderr).toMatch(/7 baseline entries match no finding any more/);
    expect(baseline()).toEqual([]);
  });

  it('has a test above for every command the README shows', () => {
    const missing = readmeCommands().filter((command) => !ran.has(command) && !(command in NOT_RUN));
    expect(missing, 'README commands that no test runs: add them to test/integration/readme.test.ts').toEqual([]);
  });
});
