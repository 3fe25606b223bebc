import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { GUIDE, ROOT, tempDir } from '../helpers/cli.js';
import { readmeBlock } from '../helpers/readme-examples.js';

interface Step {
  name: string;
  run: string;
  env?: Record<string, string>;
}

/**
 * Runs the lint step of action.yml in a scratch repository as the runner would: its `run` script
 * with bash, the inputs in its environment, GITHUB_ACTION_PATH at this checkout (already built,
 * so the install step, an `npm ci` there, is not repeated).
 */
describe('the GitHub Action', () => {
  const action = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };
  const lint = action.runs.steps.find((step) => step.name === 'Lint')!;

  function runStep(inputs: Record<string, string>, files: Record<string, string>) {
    const dir = tempDir();
    for (const [name, source] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      copyFileSync(join(ROOT, source), join(dir, name));
    }
    const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([key, input]) => [key, input.default])), ...inputs };
    // The runner substitutes ${{ inputs.x }} before the step runs.
    const env = Object.fromEntries(
      Object.entries(lint.env ?? {}).map(([key, value]) => [
        key,
        value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/, (_, name: string) => values[name] ?? ''),
      ]),
    );
    const result = spawnSync('bash', ['-e', '-c', lint.run], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: ROOT, NO_COLOR: '1' },
    });
    return { ...result, dir };
  }

  it('is a composite action whose install step builds this package', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]!.run).toMatch(/npm ci --prefix "\$GITHUB_ACTION_PATH"/);
  });

  it('annotates findings, writes SARIF and fails the step on errors', () => {
    const run = runStep({ files: 'values.yaml', args: '--sarif-category vault/prod' }, { 'values.yaml': GUIDE });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=.*values\.yaml,line=\d+/m);
    const sarif = JSON.parse(readFileSync(join(run.dir, 'vault-lint.sarif'), 'utf8'));
    expect(sarif.runs[0].automationDetails).toEqual({ id: 'vault/prod/' });
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it("runs with the README's inputs at the tag the README names, writing the SARIF file its upload step reads", () => {
    const steps = load(readmeBlock('### Code scanning', 'yaml', '<this repository>@')) as { uses: string; with: Record<string, string> }[];
    const [use, upload] = steps;
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(use!.uses).toBe(`<this repository>@v${version}`);
    const run = runStep(use!.with, { [use!.with.files!]: GUIDE });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^::error file=[^,]*\/deploy\/vault\/values\.yaml,line=117,/m);
    const sarif = JSON.parse(readFileSync(join(run.dir, upload!.with.sarif_file!), 'utf8'));
    expect(sarif.runs[0].automationDetails).toEqual({ id: 'vault/prod/' });
    expect(sarif.runs[0].results).toHaveLength(7);
  });

  it('passes a clean file, and stops with 2 and no SARIF on a usage error', () => {
    expect(runStep({ files: 'values.yaml' }, { 'values.yaml': 'fixtures/_cli/production.values.yaml' }).status).toBe(0);
    const bad = runStep({ files: 'values.yaml', args: '--chart-version 0.1.0' }, { 'values.yaml': GUIDE });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^vault-lint: /);
    expect(existsSync(join(bad.dir, 'vault-lint.sarif'))).toBe(false);
  });
});
