import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: () => true },
    readStdin: async () => '',
    env: {},
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout };
}

/** `ruleId/messageId line:column` of every finding in a JSON report. */
function found(stdout: string): string[] {
  const results = JSON.parse(stdout).results as {
    findings: { ruleId: string; messageId: string; location: { line: number; column: number } }[];
  }[];
  return results.flatMap((result) =>
    result.findings.map((finding) => `${finding.ruleId}/${finding.messageId} ${finding.location.line}:${finding.location.column}`),
  );
}

describe('input the CLI reads as Helm does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-lint-input-'));
  const text = 'server:\n  enabled: true\n  ha:\n    enabled: true\n    replicas: 3\n    replicas: 5\n';

  it('reads a UTF-16 file with a byte order mark like its UTF-8 twin', async () => {
    writeFileSync(join(dir, 'utf8.yaml'), text);
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const utf8 = await cli(['utf8.yaml', '-o', 'json'], dir);
    const utf16 = await cli(['utf16.yaml', '-o', 'json'], dir);
    expect(found(utf16.stdout)).toEqual(found(utf8.stdout));
    expect(found(utf16.stdout)).toContain('yaml-syntax/duplicateKey 6:5');
  });

  it('does not exit 0 on a broken file whose comment asks to disable yaml-syntax', async () => {
    writeFileSync(join(dir, 'broken.yaml'), '# vault-lint-disable yaml-syntax\nserver: [\n');
    const { code, stdout } = await cli(['broken.yaml', '-o', 'json'], dir);
    expect(code).toBe(1);
    expect(found(stdout)).toEqual(['yaml-syntax/syntax 3:1']);
  });
});
