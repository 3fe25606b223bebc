import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUIDE, ROOT, tempDir } from '../helpers/cli.js';
import { readmeBlock } from '../helpers/readme-examples.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
// CI installs pre-commit (.ci/run), so there a missing pre-commit fails the test instead of skipping it.
const runs = hasPreCommit || process.env.CI === 'true';

interface Hook {
  id: string;
  language: string;
}

/**
 * The published hook (.pre-commit-hooks.yaml, `language: node`) as a user gets it: the real
 * pre-commit installs it from a git revision of a clone of this repository at HEAD, tagged as the
 * README's `rev:` convention says, with the configuration the README shows. pre-commit builds a node
 * hook with `npm install` (our `prepare` build included), `npm pack` (whose standard output it takes
 * as the tarball's name) and `npm install -g` of that tarball, into an environment of the machine's
 * node when node and npm are on PATH (nodeenv `-n system`, nothing downloaded).
 *
 * `pre-commit try-repo` does the same from a fresh temporary store on every call, so each call would
 * install again (about 40 s); `pre-commit run` with the configuration try-repo writes and one store
 * installs once and runs on the failing and on the passing file.
 */
describe.runIf(runs)('the published pre-commit hook, installed by pre-commit from a git revision', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const tag = `v${version}`;
  // pre-commit's npm must not inherit the npm settings of the `npm test` that runs this suite.
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
    NO_COLOR: '1',
  };
  let project = '';
  let store = '';

  function preCommit(files: string[]) {
    return spawnSync('pre-commit', ['run', '--color', 'never', '--files', ...files], {
      cwd: project,
      encoding: 'utf8',
      env: { ...env, PRE_COMMIT_HOME: store },
    });
  }

  beforeAll(() => {
    const scratch = tempDir();
    const hookRepo = join(scratch, 'vault-lint');
    execFileSync('git', ['clone', '--quiet', ROOT, hookRepo], { env });
    execFileSync('git', ['tag', tag], { cwd: hookRepo, env });
    store = join(scratch, 'store');
    project = join(scratch, 'project');
    mkdirSync(project);
    execFileSync('git', ['init', '--quiet'], { cwd: project, env });
    const config = readmeBlock('### Pre-commit', 'yaml').replace('<this repository>', hookRepo).replace('<tag>', tag);
    writeFileSync(join(project, '.pre-commit-config.yaml'), config);
    for (const [name, source] of Object.entries({
      'deploy/vault/override-values.yml': GUIDE,
      'deploy/vault/deployment.yaml': 'fixtures/yaml-syntax/invalid/tab-indentation.values.yaml',
      'values.yaml': 'fixtures/_cli/production.values.yaml',
    })) {
      mkdirSync(join(project, name, '..'), { recursive: true });
      copyFileSync(join(ROOT, source), join(project, name));
    }
    execFileSync('git', ['add', '-A'], { cwd: project, env });
  });

  it('is a node hook at the tag the README names', () => {
    const [hook] = load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    expect(hook).toMatchObject({ id: 'vault-lint', language: 'node' });
    expect(readFileSync(join(project, '.pre-commit-config.yaml'), 'utf8')).toContain(`rev: ${tag}`);
  });

  it('installs, selects values files by name, and fails the commit on findings at their lines', () => {
    const result = preCommit(['deploy/vault/override-values.yml', 'deploy/vault/deployment.yaml']);
    expect(result.stdout + result.stderr).toContain('[INFO] Installing environment for');
    expect(result.stdout, result.stderr).toMatch(/vault-lint\.+Failed/);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('deploy/vault/override-values.yml');
    expect(result.stdout).toMatch(/117:16\s+error/);
    expect(result.stdout).toMatch(/7 problems \(1 error, 5 warnings, 1 info\)/);
    // deployment.yaml is no values file: the hook's pattern does not pass it.
    expect(result.stdout).not.toContain('deployment.yaml');
  }, 600_000);

  it('passes a production-ready values file, with the environment installed once', () => {
    const result = preCommit(['values.yaml']);
    expect(result.stdout + result.stderr).not.toContain('Installing environment');
    expect(result.stdout, result.stderr).toMatch(/vault-lint\.+Passed/);
    expect(result.status).toBe(0);
  }, 600_000);
});

describe.skipIf(runs)('the published pre-commit hook', () => {
  it.skip('needs pre-commit (Debian: apt-get install pre-commit; .ci/run installs it, and CI runs this test)', () => {});
});
