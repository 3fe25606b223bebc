import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { applySuppressions, type LocatedDirective } from '../../src/engine/suppress.js';
import type { Finding } from '../../src/engine/types.js';

/** `ruleId/messageId line` of every finding whose rule id or `ruleId/messageId` is listed. */
async function found(text: string, ids: string[]): Promise<string[]> {
  const findings = await lintText(text);
  return findings
    .filter((finding) => ids.includes(finding.ruleId) || ids.includes(`${finding.ruleId}/${finding.messageId}`))
    .map((finding) => `${finding.ruleId}/${finding.messageId} ${finding.location.line}`);
}

// The chart side of TLS off, alone: the listener serves TLS, so the finding sits at line 2.
const TLS_OFF =
  'global:\n  tlsDisable: true\nserver:\n  standalone:\n    config: |\n      listener "tcp" {\n        tls_cert_file = "/vault/userconfig/tls/tls.crt"\n        tls_key_file = "/vault/userconfig/tls/tls.key"\n      }\n';

describe('inline directives are read from comments only', () => {
  it('a real YAML comment switches a rule off', async () => {
    expect(await found(TLS_OFF, ['tls-enabled/chartTlsDisabled'])).toEqual(['tls-enabled/chartTlsDisabled 2']);
    expect(await found(`# vault-lint-disable tls-enabled\n${TLS_OFF}`, ['tls-enabled/chartTlsDisabled'])).toEqual([]);
    expect(
      await found(TLS_OFF.replace('true\n', 'true # vault-lint-disable-line tls-enabled -- reason\n'), ['tls-enabled/chartTlsDisabled']),
    ).toEqual([]);
  });

  it('a "#vault-lint-disable" inside a quoted value switches nothing off', async () => {
    const text = `ui:\n  annotations:\n    runbook: "https://wiki/x#vault-lint-disable"\n    other: 'a # vault-lint-disable'\n${TLS_OFF}`;
    expect(await found(text, ['tls-enabled/chartTlsDisabled'])).toEqual(['tls-enabled/chartTlsDisabled 6']);
  });

  it('a "# vault-lint-disable" line inside a block scalar that is not a config is text', async () => {
    const text = `injector:\n  extraArgs: |\n    # vault-lint-disable\n${TLS_OFF}`;
    expect(await found(text, ['tls-enabled/chartTlsDisabled'])).toEqual(['tls-enabled/chartTlsDisabled 5']);
  });

  it('a comment of the embedded config aims at the next values-file line; a "#" in an HCL string does not', async () => {
    const config = (comment: string, address: string): string =>
      `server:\n  standalone:\n    config: |\n      listener "tcp" {\n        address = "${address}"\n${comment}        tls_disable = true\n      }\n      storage "file" { path = "/d" }\n`;
    expect(await found(config('', '[::]:8200'), ['tls-enabled/tlsDisabled'])).toEqual(['tls-enabled/tlsDisabled 6']);
    expect(await found(config('        # vault-lint-disable-next-line tls-enabled\n', '[::]:8200'), ['tls-enabled/tlsDisabled'])).toEqual(
      [],
    );
    expect(await found(config('', '[::]:8200#vault-lint-disable'), ['tls-enabled/tlsDisabled'])).toEqual(['tls-enabled/tlsDisabled 6']);
  });

  it('syntax findings survive a directive that names them or names no rule', async () => {
    expect(await found('# vault-lint-disable\na: 1\na: 2\n', ['yaml-syntax'])).toEqual(['yaml-syntax/duplicateKey 3']);
    // On a broken file nothing else can run; the directive must not turn the run clean.
    expect(await found('# vault-lint-disable yaml-syntax\nserver: [\n', ['yaml-syntax'])).toEqual(['yaml-syntax/syntax 3']);
  });
});

describe('applySuppressions', () => {
  const finding = (ruleId: string, line: number): Finding => ({
    ruleId,
    messageId: 'm',
    severity: 'error',
    message: 'x',
    location: { file: 'f', line, column: 1, endLine: line, endColumn: 2 },
  });
  const directive = (kind: LocatedDirective['kind'], line: number, rules: string[] = []): LocatedDirective => ({
    kind,
    line,
    rules,
    file: 'f',
  });

  it('applies regions in line order, a rule-specific directive after a general one winning', () => {
    const findings = [finding('a', 1), finding('a', 3), finding('b', 3), finding('a', 5), finding('b', 5), finding('a', 7)];
    const kept = applySuppressions(findings, [directive('disable', 2), directive('enable', 4, ['a']), directive('enable', 6)]);
    expect(kept.map((item) => `${item.ruleId}${item.location.line}`)).toEqual(['a1', 'a5', 'a7']);
  });

  it('stays linear with many directives and findings', { timeout: 20_000 }, () => {
    const count = 50_000;
    const findings = Array.from({ length: count }, (_, i) => finding('a', i + 1));
    const directives = Array.from({ length: count }, (_, i) => directive(i % 2 === 0 ? 'disable' : 'enable', i + 1, ['a']));
    expect(applySuppressions(findings, directives)).toHaveLength(count / 2);
  });
});
