import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema, describeErrors } from '../report/schema.js';
import { ROOT, runCli } from '../helpers/cli.js';

// The chart side of TLS off with a directive that accepts it on the same line.
const SUPPRESSED = [
  'global:',
  '  tlsDisable: true # vault-lint-disable-line tls-enabled -- TLS ends at the service mesh',
  'server:',
  '  standalone:',
  '    config: |',
  '      listener "tcp" {',
  '        tls_cert_file = "/vault/userconfig/tls/tls.crt"',
  '        tls_key_file = "/vault/userconfig/tls/tls.key"',
  '      }',
  '',
].join('\n');

interface SarifResult {
  ruleId: string;
  suppressions?: { kind: string; justification?: string }[];
}

const sarifResults = (stdout: string): SarifResult[] => JSON.parse(stdout).runs[0].results as SarifResult[];

describe('suppressions on the command line', () => {
  it('--include-suppressed keeps suppressed findings in SARIF, marked inSource with the reason, and they do not fail the run', async () => {
    const plain = await runCli(['-', '-o', 'sarif', '--rule', 'tls-enabled=error'], { stdin: SUPPRESSED });
    expect(sarifResults(plain.stdout).some((result) => result.ruleId === 'tls-enabled')).toBe(false);

    const kept = await runCli(['-', '-o', 'sarif', '--include-suppressed'], { stdin: SUPPRESSED });
    const log = JSON.parse(kept.stdout);
    const validate = compileSchema('test/vendor/sarif-2.1.0.json', { strict: false });
    expect(validate(log), describeErrors(validate)).toBe(true);
    const tls = sarifResults(kept.stdout).filter((result) => result.ruleId === 'tls-enabled');
    expect(tls).toHaveLength(1);
    expect(tls[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'TLS ends at the service mesh' }]);
    expect(kept.code).toBe(plain.code);
  });

  it('--include-suppressed changes nothing in the other formats', async () => {
    const json = await runCli(['-', '-o', 'json', '--include-suppressed'], { stdin: SUPPRESSED });
    const ids = JSON.parse(json.stdout).results[0].findings.map((finding: { ruleId: string }) => finding.ruleId);
    expect(ids).not.toContain('tls-enabled');
  });

  it('--require-disable-reason and --report-unused-disable-directives report directives', async () => {
    const noReason = SUPPRESSED.replace(' -- TLS ends at the service mesh', '');
    const required = await runCli(['-', '-o', 'json', '--require-disable-reason'], { stdin: noReason });
    const found = (stdout: string): string[] =>
      JSON.parse(stdout).results[0].findings.map(
        (finding: { ruleId: string; messageId: string }) => `${finding.ruleId}/${finding.messageId}`,
      );
    expect(found(required.stdout)).toContain('vault-lint/missingReason');
    expect(required.code).toBe(1);
    expect(found((await runCli(['-', '-o', 'json'], { stdin: noReason })).stdout)).not.toContain('vault-lint/missingReason');

    const clean = readFileSync(join(ROOT, 'fixtures/_cli/production.values.yaml'), 'utf8');
    const unused = await runCli(['-', '-o', 'json', '--report-unused-disable-directives'], {
      stdin: `# vault-lint-disable-next-line tls-enabled -- kept from an older layout\n${clean}`,
    });
    expect(found(unused.stdout)).toEqual(['vault-lint/unusedDirective']);
  });
});
