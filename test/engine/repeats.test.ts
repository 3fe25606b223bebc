import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { modelOf } from '../helpers/model.js';

/** Reports the same place twice with the same message, and once with another. */
const twice = defineRule({
  id: 'twice',
  meta: { description: 'x', severity: 'error', tags: [], guide: 'none', messages: { say: 'Said {{what}}' } },
  check(context) {
    const node = context.model.values;
    context.report({ node, messageId: 'say', data: { what: 'a' } });
    context.report({ node, messageId: 'say', data: { what: 'a' } });
    context.report({ node, messageId: 'say', data: { what: 'b' } });
  },
});

describe('repeated findings', () => {
  it('keeps one of several identical findings (copies of one range body) and every distinct one', async () => {
    const findings = runRules(await modelOf('a: 1\n'), resolveRules([twice], 'recommended'));
    expect(findings.map((finding) => finding.message)).toEqual(['Said a', 'Said b']);
  });
});
