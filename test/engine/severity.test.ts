import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { modelOf } from '../helpers/model.js';

const mixed = defineRule({
  id: 'mixed-levels',
  meta: {
    description: 'test rule',
    severity: 'warning',
    tags: [],
    guide: 'none',
    messages: { soft: 'Soft', hard: 'Hard' },
    messageSeverities: { hard: 'error' },
  },
  check(context) {
    context.report({ node: context.model.values, messageId: 'soft' });
    context.report({ node: context.model.values, messageId: 'hard' });
  },
});

async function levels(preset: 'recommended' | 'strict', overrides = {}) {
  const model = await modelOf('a: 1\n');
  return runRules(model, resolveRules([mixed], preset, overrides))
    .map((finding) => `${finding.messageId}:${finding.severity}`)
    .sort();
}

describe('per-message severities', () => {
  it('uses a message default that differs from the rule default', async () => {
    expect(await levels('recommended')).toEqual(['hard:error', 'soft:warning']);
  });
  it('raises both under the strict preset', async () => {
    expect(await levels('strict')).toEqual(['hard:error', 'soft:error']);
  });
  it('lets a severity the user sets for the rule win over message defaults', async () => {
    expect(await levels('recommended', { 'mixed-levels': 'info' })).toEqual(['hard:info', 'soft:info']);
    expect(await levels('recommended', { 'mixed-levels': 'off' })).toEqual([]);
  });
});

describe('rule crashes', () => {
  it('names the rule that threw', async () => {
    const broken = defineRule({
      id: 'broken',
      meta: { description: 'x', severity: 'error', tags: [], guide: 'none', messages: { m: 'M' } },
      check() {
        throw new Error('boom');
      },
    });
    const model = await modelOf('a: 1\n');
    expect(() => runRules(model, resolveRules([broken], 'recommended'))).toThrow(/Rule "broken" crashed: boom/);
  });
});
