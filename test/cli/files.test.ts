import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { expandTargets } from '../../src/cli/files.js';
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
