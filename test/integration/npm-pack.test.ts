import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * pre-commit installs a `language: node` hook by running `npm pack` in a clone of the hook's
 * repository, taking its whole standard output as the tarball's file name, then
 * `npm install -g <tarball>`. This test does the same on a copy of this checkout (so the build it
 * triggers never touches the dist/ other tests run), with the checkout's node_modules linked in
 * place of pre-commit's `npm install`.
 */
describe('the package as pre-commit installs it', () => {
  it('packs with the tarball name alone on standard output, and the installed command lints', () => {
    const copy = mkdtempSync(join(tmpdir(), 'vault-lint-pack-'));
    for (const entry of [
      'package.json',
      '.npmrc',
      'LICENSE',
      'README.md',
      'tsconfig.json',
      'tsconfig.build.json',
      'vite.bundle.config.ts',
      'bin',
      'src',
      'rules',
      'schemas',
    ]) {
      cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

    const pack = spawnSync('npm', ['pack'], { cwd: copy, encoding: 'utf8', env });
    expect(pack.status, pack.stderr).toBe(0);
    expect(pack.stdout).toMatch(/^vault-lint-[\d.]+\.tgz\n$/);
    const tarball = join(copy, pack.stdout.trim());
    expect(existsSync(tarball)).toBe(true);
    // What the package ships: the command, the build, schemas, rule pages, licence and readme; no tests or fixtures.
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const tops = new Set(entries.map((entry) => entry.replace(/^package\//, '').split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'rules', 'schemas']);
    expect(entries.filter((entry) => entry.startsWith('package/rules/') && !entry.endsWith('.md'))).toEqual([]);
    expect(entries).toContain('package/dist/bundle/vault-lint.js');

    const prefix = join(copy, 'global');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: copy, env, stdio: 'pipe' });
    const run = spawnSync(join(prefix, 'bin', 'vault-lint'), ['--no-color', join(ROOT, 'fixtures/guide/override-values.yml')], {
      encoding: 'utf8',
      env,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\d+ problems? \(1 error/);
  }, 180_000);
});
