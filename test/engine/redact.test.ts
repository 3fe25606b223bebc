import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import { redactSource, RuleCrashError, runRules } from '../../src/engine/run.js';
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
    const findings = runRules(model, resolveRules([quoting], 'recommended'));
    expect(findings).toHaveLength(6);
    const text = findings.map((finding) => `${finding.message}\n${finding.hint}`).join('\n');
    for (const fragment of ['gcp-fixture-0001', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001', 'service_account'])
      expect(text).not.toContain(fragment);
    expect(text).toContain('****');
  });

  it('masks the source for code frames at the secret and wherever its text (or a line of it) recurs, keeping offsets', async () => {
    const model = await modelOf(`${VALUES}  annotations:\n    copy: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCfixture0001 pasted again\n`);
    const layer = model.userLayers[0]!;
    const source = redactSource(model, layer)!;
    expect(source.length).toBe(layer.source!.length);
    expect(source.split('\n').length).toBe(layer.source!.split('\n').length);
    expect(source).not.toMatch(/gcp-fixture-0001|fixture0001|BEGIN PRIVATE KEY/);
    expect(source).toContain('GOOGLE_CREDENTIALS: ****');
    expect(source).toContain(`  copy: ${'*'.repeat(43)} pasted again`);
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
    const redacted = (caught as RuleCrashError).redacted(model.redactor);
    expect(redacted.message).not.toContain('gcp-fixture-0001');
    expect(redacted.message).toContain('cannot handle ****');
    expect(redacted.ruleId).toBe('crashing');
  });
});
