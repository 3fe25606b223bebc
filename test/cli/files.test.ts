import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { expandTargets, selectTargets } from '../../src/cli/files.js';
import { GUIDE, ROOT, runCli, tempDir } from '../helpers/cli.js';

// A folder whose listing fails, as one without read permission does for anyone but root.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = (path: import('node:fs').PathLike, options?: unknown) => {
    if (String(path).includes('locked-folder'))
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES', syscall: 'scandir' });
    return fs.readdirSync(path, options as { withFileTypes: true });
  };
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

const VALUES = 'server:\n  ha:\n    enabled: true\n';

describe('file selection: a path that exists is a file, whatever its name holds', () => {
  it.each(['values-[z-a].yaml', 'a*b?.yaml', 'x{a,b}.yaml', '[prod].yaml'])(
    'reads %j as the file it names, not as a glob',
    async (name) => {
      const dir = tempDir();
      writeFileSync(join(dir, name), VALUES);
      writeFileSync(join(dir, 'a-other-b.yaml'), VALUES);
      expect(await expandTargets([name], dir)).toEqual([name]);
    },
  );

  it('says no file matches an invalid range such as values-[z-a].yaml, as a usage error, not an internal one', async () => {
    const { code, stderr } = await runCli(['values-[z-a].yaml'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: No files match the pattern "values-[z-a].yaml"\n');
  });

  it('says no file matches a glob under a folder that does not exist', async () => {
    const { code, stderr } = await runCli(['nowhere/**/*.yaml'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: No files match the pattern "nowhere/**/*.yaml"\n');
  });

  it('handles a path of 16 nested folders literally named ** as a file, and globs through it', async () => {
    const dir = tempDir();
    const deep = join('d', ...Array.from({ length: 16 }, () => '**'));
    mkdirSync(join(dir, deep), { recursive: true });
    writeFileSync(join(dir, deep, 'values.yaml'), VALUES);
    expect(await expandTargets([`${deep}/values.yaml`], dir)).toEqual([`${deep}/values.yaml`]);
    expect(await expandTargets(['d/**/*.yaml'], dir)).toEqual([`${deep}/values.yaml`]);
    await expect(expandTargets([`${deep}/nothing*.yaml`], dir)).rejects.toThrow(/No files match/);
  });

  it('expands globs with picomatch syntax in sorted walk order, keeping the directory rules', async () => {
    const dir = tempDir();
    for (const file of [
      'b/values.yaml',
      'a/values.yml',
      'a-c.yaml',
      'a/charts/sub/values.yaml',
      'a/node_modules/x.yaml',
      'a/templates/t.yaml',
      'a/Chart.yaml',
      'a/.hidden/values.yaml',
      'a/notes.txt',
    ]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), VALUES);
    }
    expect(await expandTargets(['**/*.{yaml,yml}'], dir)).toEqual(['a/values.yml', 'a-c.yaml', 'b/values.yaml']);
    expect(await expandTargets(['.'], dir)).toEqual(['a/values.yml', 'a-c.yaml', 'b/values.yaml']);
    expect(await expandTargets(['a'], dir)).toEqual(['a/values.yml']);
  });

  it('names what a glob matched in skipped places, and searches a place the pattern names itself', async () => {
    const dir = tempDir();
    for (const file of ['values.yaml', 'charts/vault/values.yaml', 'charts/vault/templates/t.yaml', 'node_modules/x/values.yaml']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), VALUES);
    }
    expect(await selectTargets(['**/values.yaml'], dir)).toMatchObject({
      files: ['values.yaml'],
      skipped: [{ pattern: '**/values.yaml', files: ['charts/vault/values.yaml'] }],
    });
    expect(await selectTargets(['charts/**/values.yaml'], dir)).toMatchObject({ files: ['charts/vault/values.yaml'], skipped: [] });
    const run = await runCli(['**/values.yaml', '-o', 'json'], { cwd: dir });
    expect(run.stderr).toBe(
      'vault-lint: "**/values.yaml" also matches 1 file under charts/, templates/ or dist/ (or a Chart.yaml), skipped as no values files; name that folder in the pattern to lint them (--verbose lists them)\n',
    );
  });

  it('skips Kubernetes manifests that a directory search finds, saying so with --verbose, and lints a named one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'values.yaml'), VALUES);
    writeFileSync(join(dir, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const files = async (args: string[]) => {
      const run = await runCli([...args, '-o', 'json'], { cwd: dir });
      return { names: (JSON.parse(run.stdout).results as { file: string }[]).map((result) => result.file), stderr: run.stderr };
    };
    expect(await files(['.'])).toEqual({ names: ['values.yaml'], stderr: '' });
    expect(await files(['.', '--verbose'])).toEqual({
      names: ['values.yaml'],
      stderr: 'vault-lint: skipped "deployment.yaml": a Kubernetes manifest (apiVersion and kind), not a values file\n',
    });
    expect((await files(['deployment.yaml'])).names).toEqual(['deployment.yaml']);
  });

  it('names standard input as --stdin-filename says, in every output', async () => {
    const stdin = readFileSync(join(ROOT, GUIDE), 'utf8');
    const json = await runCli(['-', '-o', 'json', '--stdin-filename', 'deploy/values.yaml'], { stdin });
    const [result] = JSON.parse(json.stdout).results as { file: string; findings: { location: { file: string } }[] }[];
    expect(result!.file).toBe('deploy/values.yaml');
    expect(new Set(result!.findings.map((finding) => finding.location.file))).toEqual(new Set(['deploy/values.yaml']));
    const sarif = JSON.parse((await runCli(['-', '-o', 'sarif', '--stdin-filename', 'deploy/values.yaml'], { stdin })).stdout);
    expect(sarif.runs[0].artifacts[0].location.uri).toBe('deploy/values.yaml');
  });

  it('says which folder it cannot read when a glob walks into one, instead of "No files match"', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'deploy', 'locked-folder'), { recursive: true });
    const { code, stderr } = await runCli(['deploy/**/*.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: cannot read directory "deploy/locked-folder" while expanding "deploy/**/*.yaml": permission denied\n');
  });

  it('says which folder it cannot read under a directory argument', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked-folder'), { recursive: true });
    copyFileSync(join(ROOT, GUIDE), join(dir, 'values.yaml'));
    const { code, stderr } = await runCli(['.'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^vault-lint: cannot read directory "locked-folder" while expanding "\.": permission denied\n$/);
  });
});
