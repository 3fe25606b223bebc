import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GUIDE = 'fixtures/guide/override-values.yml';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => stdin,
    env: {},
    cwd: ROOT,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

type JsonFinding = { ruleId: string; messageId: string; severity: string };
const findingsOf = (stdout: string): JsonFinding[] =>
  JSON.parse(stdout).results.flatMap((result: { findings: JsonFinding[] }) => result.findings);

describe('--preset', () => {
  it('strict raises every guide finding one level and adds the stricter options', async () => {
    const recommended = findingsOf((await cli([GUIDE, '-o', 'json'])).stdout);
    const strict = await cli([GUIDE, '-o', 'json', '--preset', 'strict']);
    expect(strict.code).toBe(1);
    const findings = findingsOf(strict.stdout);
    expect(recommended.map((finding) => finding.severity)).toContain('warning');
    // Warnings become errors and infos warnings: nothing stays at info level.
    expect(findings.filter((finding) => finding.severity === 'info')).toEqual([]);
    expect(findings.filter((finding) => finding.severity === 'error').length).toBeGreaterThan(
      recommended.filter((finding) => finding.severity === 'error').length,
    );
    expect(findings.map((finding) => `${finding.ruleId}/${finding.messageId}`)).toContain('image-tag-pinned/notDigest');
    expect(findings.length).toBeGreaterThan(recommended.length);
  });

  it('turns a warnings-only file from exit 0 into exit 1', async () => {
    const text = readFileSync(join(ROOT, 'fixtures/auto-unseal/invalid/shamir.values.yaml'), 'utf8');
    const recommended = await cli(['-', '-o', 'json'], text);
    expect(recommended.code).toBe(0);
    const warned = findingsOf(recommended.stdout).map((finding) => `${finding.ruleId}/${finding.messageId}`);
    expect(warned).toContain('auto-unseal/missingSeal');
    const strict = await cli(['-', '-o', 'json', '--preset', 'strict'], text);
    expect(strict.code).toBe(1);
    const raised = findingsOf(strict.stdout);
    expect(raised.map((finding) => `${finding.ruleId}/${finding.messageId}`)).toEqual(expect.arrayContaining(warned));
    for (const id of warned) expect(raised.find((finding) => `${finding.ruleId}/${finding.messageId}` === id)?.severity).not.toBe('info');
    expect(raised.find((finding) => finding.ruleId === 'auto-unseal')?.severity).toBe('error');
  });

  it("lets --rule override the preset's severity", async () => {
    const { stdout } = await cli([GUIDE, '-o', 'json', '--preset', 'strict', '--rule', 'auto-unseal=info']);
    expect(findingsOf(stdout).find((finding) => finding.ruleId === 'auto-unseal')?.severity).toBe('info');
  });

  it('exits 2 with one line for an unknown preset', async () => {
    const { code, stderr, stdout } = await cli([GUIDE, '--preset', 'lax']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('vault-lint: Invalid value "lax" for --preset; choose one of: recommended, strict\n');
  });
});
