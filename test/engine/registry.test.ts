import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import updateStrategy from '../../rules/update-strategy-on-delete.js';

const ENGINE = new URL('../../src/engine/', import.meta.url);

describe('the rule registry', () => {
  it('is given to the engine: no engine module imports a rule', () => {
    for (const file of readdirSync(ENGINE).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, ENGINE), 'utf8');
      expect(source, file).not.toMatch(/(?:from|import\()\s*'[./]*\/rules\//);
    }
  });

  it('runs exactly the rules it is given, own rules included', async () => {
    const text = 'server:\n  ha:\n    enabled: true\n    replicas: 3\n  updateStrategyType: RollingUpdate\n';
    const own = defineRule({
      id: 'always',
      meta: { description: 'Reports the file', severity: 'info', tags: [], guide: 'Nowhere', messages: { here: 'Here' } },
      check(context) {
        context.report({ node: context.model.values, messageId: 'here' });
      },
    });
    const findings = await lintText(text, { registry: [updateStrategy, own] });
    expect(findings.map((finding) => `${finding.ruleId}/${finding.messageId}`).sort()).toEqual([
      'always/here',
      'update-strategy-on-delete/rolling',
    ]);
    expect(await lintText(text, { registry: [] })).toEqual([]);
  });
});
