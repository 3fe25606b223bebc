import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/registry.js';
import { resolveRules } from '../../src/engine/config.js';
import { lintRun } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import { RuleCrashError, runRules } from '../../src/engine/run.js';
import type { FileResult } from '../../src/engine/types.js';
import { modelOf } from '../helpers/model.js';

const VALUES = `
  server:
    extraEnvironmentVars:
      GOOGLE_CREDENTIALS: '{"type": "service_account", "key": "gcp-fixture-0001"}'
      TLS_KEY: |
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001
        -----END PRIVATE KEY-----
`;

/** A careless rule that quotes every secret it sees, in the ways a message might. */
const quoting = defineRule({
  id: 'quoting',
  meta: {
    description: 'x',
    severity: 'error',
    tags: [],
    guide: 'none',
    messages: { quote: 'Found {{value}}' },
    hints: { quote: 'Hint {{value}}' },
  },
  check(context) {
    for (const secret of context.model.secrets) {
      context.report({ node: context.model.values, messageId: 'quote', data: { value: secret.value } });
      context.report({ node: context.model.values, messageId: 'quote', data: { value: JSON.stringify(secret.value) } });
      context.report({
        node: context.model.values,
        messageId: 'quote',
        data: { value: `"${secret.value.split('\n')[1] ?? secret.value}"` },
      });
    }
  },
});

describe('secret scrubbing in the engine', () => {
  it('masks secrets in messages and hints raw, JSON-escaped, and line by line', async () => {
    const model = await modelOf(VALUES);
    expect(model.secrets.map((secret) => secret.name).sort()).toEqual(['GOOGLE_CREDENTIALS', 'TLS_KEY']);
    const findings = model.mask.scrubAll(runRules(model, resolveRules([quoting], 'recommended')));
    expect(findings).toHaveLength(6);
    const text = findings.map((finding) => `${finding.message}\n${finding.hint}`).join('\n');
    for (const fragment of ['gcp-fixture-0001', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001', 'service_account'])
      expect(text).not.toContain(fragment);
    expect(text).toContain('****');
  });

  it('masks the source for code frames at the secret and wherever its text (or a line of it) recurs, keeping offsets', async () => {
    const model = await modelOf(`${VALUES}  annotations:\n    copy: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001 pasted again\n`);
    const layer = model.userLayers[0]!;
    const source = model.mask.mask(layer.source!, model.secretSpans(layer));
    expect(source.length).toBe(layer.source!.length);
    expect(source.split('\n').length).toBe(layer.source!.split('\n').length);
    expect(source).not.toMatch(/gcp-fixture-0001|fixture0001|BEGIN PRIVATE KEY/);
    expect(source).toContain('GOOGLE_CREDENTIALS: ****');
    expect(source).toContain(`  copy: ${'*'.repeat(43)} pasted again`);
  });

  it('scrubs every string of a result at its one scrub point, also in fields the finding type does not have yet', async () => {
    const model = await modelOf(VALUES);
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001';
    const finding = {
      ...runRules(model, resolveRules([quoting], 'recommended'))[0]!,
      // A field some later change adds: the scrub point must cover it without being told.
      fixes: [{ text: `replace with ${secret}`, range: [1, 2] }],
      extra: { nested: { deeper: [`a ${secret} b`] } },
    };
    const result = { kind: 'file', file: `dir-${secret}/values.yaml`, findings: [finding], source: `key: ${secret}\n` } as FileResult;
    const scrubbed = model.mask.scrubResult(result);
    expect(JSON.stringify(scrubbed)).not.toContain(secret);
    expect(scrubbed.source).toBe(`key: ${'*'.repeat(secret.length)}\n`);
    expect(scrubbed.findings[0]!.location.line).toBe(finding.location.line);
    expect((scrubbed.findings[0] as typeof finding).fixes[0]!.range).toEqual([1, 2]);
  });

  it('masks a secret of one target where another target of the same run repeats it', async () => {
    const secret = 'hvs.crossTargetToken0001';
    const { results, mask } = await lintRun(
      [
        { layers: [{ kind: 'file', label: 'a.yaml', text: 'server:\n  ha:\n    enabled: yes  # hvs.crossTargetToken0001\n' }] },
        { layers: [{ kind: 'file', label: 'b.yaml', text: `server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: ${secret}\n` }] },
      ],
      { registry: loadRules },
    );
    expect(results.map((result) => result.kind === 'file' && result.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(results[0]!.source).toContain(`enabled: yes  # ${'*'.repeat(secret.length)}`);
    expect(JSON.stringify(results)).not.toContain(secret);
    expect(mask.scrub(`error near ${secret}`)).toBe('error near ****');
  });

  it("scrubs a crashing rule's error, which the CLI prints on stderr", async () => {
    const model = await modelOf(VALUES);
    const crashing = defineRule({
      id: 'crashing',
      meta: { description: 'x', severity: 'error', tags: [], guide: 'none', messages: { x: 'x' } },
      check(context) {
        throw new Error(`cannot handle ${context.model.secrets[0]!.value}`);
      },
    });
    let caught: unknown;
    try {
      runRules(model, resolveRules([crashing], 'recommended'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleCrashError);
    const redacted = (caught as RuleCrashError).redacted(model.mask);
    expect(redacted.message).not.toContain('gcp-fixture-0001');
    expect(redacted.message).toContain('cannot handle ****');
    expect(redacted.ruleId).toBe('crashing');
  });
});
