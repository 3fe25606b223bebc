import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { describeScope, HA_MODES, inScope, type RuleScope } from '../../src/engine/scope.js';
import { modelOf } from '../helpers/model.js';

/** A rule that reports once wherever it runs, so its findings show where the engine ran it. */
function everywhere(appliesTo: RuleScope) {
  return defineRule({
    id: 'scoped',
    meta: { description: 'test rule', severity: 'warning', tags: [], guide: 'none', messages: { ran: 'Ran' }, appliesTo },
    check(context) {
      context.report({ node: context.model.values, messageId: 'ran' });
    },
  });
}

const RELEASES = {
  standalone: 'server:\n  standalone:\n    enabled: true\n',
  dev: 'server:\n  dev:\n    enabled: true\n',
  haOne: 'server:\n  ha:\n    enabled: true\n    replicas: 1\n',
  haThree: 'server:\n  ha:\n    enabled: true\n    replicas: 3\n    raft:\n      enabled: true\n',
  external: 'global:\n  externalVaultAddr: https://vault.example.com\n',
};

async function ranOn(appliesTo: RuleScope): Promise<string[]> {
  const out: string[] = [];
  for (const [name, text] of Object.entries(RELEASES)) {
    const model = await modelOf(text);
    if (runRules(model, resolveRules([everywhere(appliesTo)], 'recommended')).length > 0) out.push(name);
  }
  return out;
}

describe('rule scope (meta.appliesTo)', () => {
  it('runs a rule only in the modes it declares', async () => {
    expect(await ranOn({ modes: ['dev', 'standalone'] })).toEqual(['standalone', 'dev']);
    expect(await ranOn({ modes: HA_MODES })).toEqual(['haOne', 'haThree']);
  });

  it('skips releases with fewer server pods than minReplicas', async () => {
    expect(await ranOn({ modes: HA_MODES, minReplicas: 2 })).toEqual(['haThree']);
    expect(await ranOn({ minReplicas: 1 })).toEqual(['standalone', 'dev', 'haOne', 'haThree']);
  });

  it('runs everywhere without a scope', async () => {
    expect(await ranOn({})).toEqual(Object.keys(RELEASES));
    const model = await modelOf(RELEASES.external);
    expect(inScope(model, undefined)).toBe(true);
  });

  it('describes the scope in words for the README and the rule pages', () => {
    expect(describeScope(undefined)).toBe('every mode');
    expect(describeScope({ modes: ['standalone', 'ha-raft', 'ha-other'] })).toBe('standalone, HA');
    expect(describeScope({ modes: ['ha-raft'], minReplicas: 2 })).toBe('HA (Raft); 2+ server pods');
    expect(describeScope({ modes: ['ha-other', 'none'] })).toBe('HA (other storage), no server mode');
  });
});
