import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE, ROOT, runCli, tempDir } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  messageId: string;
}

const ids = (stdout: string): string[] =>
  (JSON.parse(stdout).results as { findings: Finding[] }[]).flatMap((result) =>
    result.findings.map((finding) => `${finding.ruleId}/${finding.messageId}`),
  );

/** A scratch folder holding a copy of the guide example as values.yaml, and a baseline of it. */
async function withBaseline(): Promise<{ dir: string; values: string; baseline: string; original: string }> {
  const dir = tempDir();
  const values = join(dir, 'values.yaml');
  copyFileSync(join(ROOT, GUIDE), values);
  const written = await runCli(['values.yaml', '--write-baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
  expect(written.code).toBe(0);
  expect(written.stderr).toBe('vault-lint: wrote 7 findings to the baseline "baseline.json"\n');
  // The report of the run that wrote the baseline is the full report.
  expect(ids(written.stdout)).toHaveLength(7);
  return { dir, values, baseline: join(dir, 'baseline.json'), original: readFileSync(values, 'utf8') };
}

describe('baseline', () => {
  it('accepts the findings it was written from, and survives lines inserted above them', async () => {
    const { dir, values, original } = await withBaseline();
    const again = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(ids(again.stdout)).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');

    writeFileSync(values, `# Production release, reviewed 2026-12\nfullnameOverride: vault\n\n${original}`);
    const shifted = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(ids(shifted.stdout)).toEqual([]);
    expect(shifted.code).toBe(0);
  });

  it('reports a finding again once its value changes, and says which entries went stale', async () => {
    const { dir, values, original } = await withBaseline();
    // A different liveness path is a different finding; the accepted one is gone (stale).
    writeFileSync(values, original.replace(/path: "\/v1\/sys\/health\?standbyok=true"/, 'path: "/v1/sys/health"'));
    const changed = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'json'], { cwd: dir });
    expect(ids(changed.stdout)).toEqual(['health-probes/livenessFailsHealthyPods']);
    expect(changed.stderr).toBe(
      'vault-lint: 1 baseline entry matches no finding any more (fixed); --baseline-prune removes them from "baseline.json"\n',
    );
  });

  it('--baseline-prune removes the entries of fixed findings from the file', async () => {
    const { dir, values, baseline, original } = await withBaseline();
    writeFileSync(values, original.replace(/\n {2}resources:[^\n]*\n(?: {4}[^\n]*\n)*/, '\n'));
    const before = JSON.parse(readFileSync(baseline, 'utf8')).entries as { rule: string }[];
    const pruned = await runCli(['values.yaml', '--baseline', 'baseline.json', '--baseline-prune', '-o', 'json'], { cwd: dir });
    expect(pruned.stderr).toMatch(/^vault-lint: 1 baseline entry matches no finding any more \(fixed\); removed from "baseline.json"\n$/);
    const after = JSON.parse(readFileSync(baseline, 'utf8')).entries as { rule: string }[];
    expect(after).toHaveLength(before.length - 1);
    expect(after.map((entry) => entry.rule)).not.toContain('values-schema');
    expect(ids(pruned.stdout)).toEqual([]);
  });

  it('keeps accepted findings in SARIF as external suppressions with --include-suppressed', async () => {
    const { dir } = await withBaseline();
    const sarif = await runCli(['values.yaml', '--baseline', 'baseline.json', '-o', 'sarif', '--include-suppressed'], { cwd: dir });
    const results = JSON.parse(sarif.stdout).runs[0].results as { suppressions?: { kind: string; justification: string }[] }[];
    expect(results).toHaveLength(7);
    expect(results.every((result) => result.suppressions?.[0]?.kind === 'external')).toBe(true);
    expect(results[0]!.suppressions![0]!.justification).toBe('accepted in the baseline baseline.json');
    expect(sarif.code).toBe(0);
  });

  it('is keyed by paths and a digest of the masked text, and never holds a secret', async () => {
    const dir = tempDir();
    const token = 'hvs.CAESIJ3kqkQk0d9Tq3yPq7nHLsS1vTzQ8yWvE4x5dR2mN7bGh';
    writeFileSync(join(dir, 'values.yaml'), `server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: ${token}\n`);
    const written = await runCli(['values.yaml', '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(written.code).toBe(0);
    const text = readFileSync(join(dir, 'baseline.json'), 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4, 20));
    const entry = (JSON.parse(text).entries as { rule: string; path?: string; digest: string }[]).find(
      (item) => item.rule === 'no-inline-secrets',
    );
    expect(entry).toMatchObject({
      path: 'server.extraEnvironmentVars.VAULT_TOKEN',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
    });
  });

  it('refuses bad combinations and files with one line and exit 2, and never writes over an input', async () => {
    const { dir, original, values } = await withBaseline();
    const cases: [string[], RegExp][] = [
      [
        ['--baseline', 'baseline.json', '--write-baseline', 'other.json'],
        /^vault-lint: --baseline and --write-baseline cannot be combined/,
      ],
      [['--baseline-prune'], /^vault-lint: --baseline-prune needs --baseline FILE/],
      [['--baseline', 'missing.json'], /^vault-lint: No baseline file "missing.json"; create one with --write-baseline missing.json/],
      [['--baseline', 'values.yaml'], /^vault-lint: Baseline "values.yaml" is not JSON/],
      [['--write-baseline', 'values.yaml'], /values\.yaml/],
    ];
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    cases.push([['--baseline', 'list.json'], /^vault-lint: Baseline "list.json" is not a vault-lint baseline/]);
    for (const [flags, message] of cases) {
      const run = await runCli(['values.yaml', ...flags], { cwd: dir });
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr.split('\n').filter(Boolean), flags.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(readFileSync(values, 'utf8')).toBe(original);
  });
});
