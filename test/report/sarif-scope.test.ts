import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../src/engine/types.js';
import { formatSarif } from '../../src/report/sarif.js';

function rulesTable(info: RuleInfo): Record<string, unknown>[] {
  const log = JSON.parse(formatSarif([], new Map([[info.id, info]]), { color: false, toolVersion: '0.1.0', cwd: '/repo' })) as {
    runs: [{ tool: { driver: { rules: { properties: Record<string, unknown> }[] } } }];
  };
  return log.runs[0].tool.driver.rules.map((rule) => rule.properties);
}

const base: RuleInfo = {
  id: 'scoped-rule',
  docsUrl: 'https://example.com/scoped-rule.md',
  meta: { description: 'A scoped rule', severity: 'warning', tags: ['ha'], guide: 'none', messages: { ran: 'Ran' } },
};

describe('SARIF rules table scope', () => {
  it('carries the rule scope in the words of the README', () => {
    const [properties] = rulesTable({ ...base, meta: { ...base.meta, appliesTo: { modes: ['ha-raft', 'ha-other'], minReplicas: 2 } } });
    expect(properties?.appliesTo).toBe('HA; 2+ server pods');
  });

  it('leaves it out for a rule that runs everywhere', () => {
    const [properties] = rulesTable(base);
    expect(properties).not.toHaveProperty('appliesTo');
  });
});
