import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

interface Hook {
  id: string;
  files: string;
  entry: string;
  language: string;
}

/**
 * Runs pre-commit on a scratch repository with our published hook definition
 * (.pre-commit-hooks.yaml), pointing its entry at this checkout's built CLI. CI installs
 * pre-commit (.ci/run); elsewhere the test is skipped when pre-commit is missing.
 */
describe.skipIf(!hasPreCommit && process.env.CI !== 'true')('pre-commit hook', () => {
  const [hook] = load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  function repo(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'vault-lint-pre-commit-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const config = {
      repos: [
        {
          repo: 'local',
          hooks: [
            {
              id: hook!.id,
              name: hook!.id,
              entry: `node ${join(ROOT, 'bin/vault-lint.js')} --no-color`,
              language: 'system',
              files: hook!.files,
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, '.pre-commit-config.yaml'), JSON.stringify(config));
    for (const [name, source] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      copyFileSync(join(ROOT, source), join(dir, name));
    }
    execFileSync('git', ['add', '-A'], { cwd: dir });
    return dir;
  }

  function run(dir: string) {
    return spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache'), NO_COLOR: '1' },
    });
  }

  it('selects values files by name and fails the commit on findings, at their lines', () => {
    const dir = repo({
      'deploy/vault/override-values.yml': 'fixtures/guide/override-values.yml',
      'deploy/vault/deployment.yaml': 'fixtures/yaml-syntax/invalid/tab-indentation.values.yaml',
    });
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('deploy/vault/override-values.yml');
    expect(result.stdout).toMatch(/117:16\s+error/);
    // deployment.yaml is no values file: the hook's pattern does not pass it.
    expect(result.stdout).not.toContain('deployment.yaml');
  });

  it('passes a production-ready values file', () => {
    const dir = repo({ 'values.yaml': 'fixtures/_cli/production.values.yaml' });
    const result = run(dir);
    expect(result.stdout).toMatch(/vault-lint\.+Passed/);
    expect(result.status).toBe(0);
  });
});
