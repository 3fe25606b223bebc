import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE, ROOT, runShell, tempDir } from '../helpers/cli.js';

// What a plain lint loads is a structure, not a timing: the built bundle (npm run build first) is
// run with a module hook that logs every file of dist/bundle the run imports. Each file is one more
// read and compile on every run of a pre-commit hook; a new one on this path should be a decision,
// made by changing the list below, not a side effect of code splitting.
const BUNDLE = join(ROOT, 'dist/bundle');

function bundleFilesLoaded(args: string, cwd: string): string[] {
  writeFileSync(
    join(cwd, 'hooks.mjs'),
    "import { writeSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.includes('/dist/bundle/')) writeSync(2, `LOAD ${url.slice(url.lastIndexOf('/') + 1)}\\n`);\n  return next(url, context);\n}\n",
  );
  writeFileSync(join(cwd, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  const run = runShell(`node --import ./register.mjs "$VAULT_LINT" ${args}`, cwd);
  expect(run.status, run.stderr).toBe(1);
  return [...run.stderr.matchAll(/^LOAD (.+)$/gm)].map((match) => match[1]!);
}

/** The chart data of the selected version (its defaults and its values validator) under one name each. */
const chartData = (file: string): string =>
  file.replace(/^v\d+-\d+-\d+\.js$/, '<chart defaults>').replace(/^values-[\d.]+\.js$/, '<values validator>');

describe('start-up of a plain lint', () => {
  it('loads the entry chunk, the rules, the formatter and the chart data of one version, nothing else', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'values.yaml'), readFileSync(join(ROOT, GUIDE)));
    // Once with the config search (none found in a fresh folder), once without it.
    for (const args of ['values.yaml', '--no-config values.yaml']) {
      const loaded = bundleFilesLoaded(args, dir).map(chartData).sort();
      expect(loaded, args).toEqual(
        [
          'vault-lint.js',
          'rolldown-runtime.js',
          'rules.js',
          'stylish.js',
          'types.js',
          '<chart defaults>',
          '<values validator>',
          'vault-config.js',
        ].sort(),
      );
    }
  });

  it('keeps the optional machinery out of it: policies, CEL, Ajv, plugins, module resolution, secretlint, check-rules', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'values.yaml'), readFileSync(join(ROOT, GUIDE)));
    const loaded = bundleFilesLoaded('-o sarif values.yaml', dir);
    for (const chunk of ['policy.js', 'cel.js', 'schema.js', 'plugins.js', 'esm.js', 'secretlint.js', 'check-rules.js', 'rule-source.js'])
      expect(loaded).not.toContain(chunk);
    // Each of them is still a chunk of its own, imported where it is needed.
    const files = readdirSync(BUNDLE);
    for (const chunk of ['policy.js', 'cel.js', 'plugins.js', 'secretlint.js', 'check-rules.js']) expect(files).toContain(chunk);
  });

  it('is ASCII throughout, so that Node reads each file as a one-byte string', () => {
    // One character outside ASCII (a "…" in a message or a comment) makes Node decode the whole file
    // to a two-byte string: twice the memory and a slower compile, on every run.
    const wide = readdirSync(BUNDLE)
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /[^\x00-\x7f]/.test(readFileSync(join(BUNDLE, file), 'latin1')));
    expect(wide).toEqual([]);
  });
});
