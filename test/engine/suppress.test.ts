import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/index.js';
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
    location: { kind: 'file', file: 'f', line, column: 1, endLine: line, endColumn: 2 },
  });
  const directive = (kind: LocatedDirective['kind'], line: number, rules: string[] = []): LocatedDirective => ({
    kind,
    rules,
    location: { kind: 'file', file: 'f', line, column: 1, endLine: line, endColumn: 2 },
  });
  const options = { today: '2026-12-03' };

  it('applies regions in line order, a rule-specific directive after a general one winning', () => {
    const findings = [finding('a', 1), finding('a', 3), finding('b', 3), finding('a', 5), finding('b', 5), finding('a', 7)];
    const kept = applySuppressions(findings, [directive('disable', 2), directive('enable', 4, ['a']), directive('enable', 6)], options);
    expect(kept.map((item) => `${item.ruleId}${item.location.line}`)).toEqual(['a1', 'a5', 'a7']);
  });

  it('stays linear with many directives and findings', { timeout: 20_000 }, () => {
    const count = 50_000;
    const findings = Array.from({ length: count }, (_, i) => finding('a', i + 1));
    const directives = Array.from({ length: count }, (_, i) => directive(i % 2 === 0 ? 'disable' : 'enable', i + 1, ['a']));
    expect(applySuppressions(findings, directives, options)).toHaveLength(count / 2);
  });
});

describe('directives are checked', () => {
  const TODAY = { suppressions: { today: '2026-12-03' } };
  const lines = async (text: string, options = {}): Promise<string[]> =>
    (await lintText(text, { ...TODAY, ...options }))
      .filter((finding) => finding.ruleId === 'vault-lint' || finding.ruleId === 'tls-enabled')
      .map((finding) => `${finding.ruleId}/${finding.messageId} ${finding.location.line} ${finding.severity}`);
  const onLine2 = (directive: string): string => TLS_OFF.replace('true\n', `true # ${directive}\n`);

  it('reports an unknown rule id and a word that is no rule id, and still applies the known ids', async () => {
    expect(await lines(onLine2('vault-lint-disable-line tls-enabld'))).toEqual([
      'tls-enabled/chartTlsDisabled 2 error',
      'vault-lint/unknownRule 2 error',
    ]);
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled, TLS_Enabled'))).toEqual(['vault-lint/invalidDirective 2 error']);
    const [finding] = (await lintText(onLine2('vault-lint-disable-line tls-enabld'), TODAY)).filter((item) => item.ruleId === 'vault-lint');
    expect(finding?.message).toBe('Unknown rule "tls-enabld" in "vault-lint-disable-line"; the directive suppresses nothing for it');
    expect(finding?.location).toMatchObject({ line: 2, column: 20 });
  });

  it('expires a directive after its until= date, and says so', async () => {
    const directive = 'vault-lint-disable-line tls-enabled until=2026-12-02 -- certificates arrive in November';
    expect(await lines(onLine2(directive))).toEqual(['tls-enabled/chartTlsDisabled 2 error', 'vault-lint/expiredDirective 2 warning']);
    // The last day still holds.
    expect(await lines(onLine2(directive.replace('2026-12-02', '2026-12-03')))).toEqual([]);
    // Not a real date: the directive is unreadable, not silently permanent.
    expect(await lines(onLine2(directive.replace('2026-12-02', '2026-02-30')))).toEqual(['vault-lint/invalidDirective 2 error']);
  });

  it('requires a reason when asked', async () => {
    const options = { suppressions: { ...TODAY.suppressions, requireReason: true } };
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled'), options)).toEqual(['vault-lint/missingReason 2 error']);
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled -- TLS ends at the mesh'), options)).toEqual([]);
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled -- '), options)).toEqual(['vault-lint/missingReason 2 error']);
  });

  it('reports unused directives and unused rule ids in them when asked', async () => {
    const options = { suppressions: { ...TODAY.suppressions, reportUnused: true } };
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled'), options)).toEqual([]);
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled, ha-replicas'), options)).toEqual([
      'vault-lint/unusedDirective 2 warning',
    ]);
    expect(await lines(`# vault-lint-disable-next-line\nui:\n  enabled: true\n${TLS_OFF}`, options)).toEqual([
      'vault-lint/unusedDirective 1 warning',
      'tls-enabled/chartTlsDisabled 5 error',
    ]);
    // Not asked: silent.
    expect(await lines(onLine2('vault-lint-disable-line tls-enabled, ha-replicas'))).toEqual([]);
  });

  it('keeps suppressed findings marked with the reason when asked', async () => {
    const options = { suppressions: { ...TODAY.suppressions, keepSuppressed: true } };
    const findings = await lintText(onLine2('vault-lint-disable-line tls-enabled -- TLS ends at the mesh'), options);
    expect(findings.find((finding) => finding.ruleId === 'tls-enabled')?.suppression).toEqual({
      kind: 'inSource',
      justification: 'TLS ends at the mesh',
    });
  });
});
