import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/lint.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

describe('the model over input at the limits', () => {
  it('layers an expansion just under the alias budget: one 2,000-key anchor merged into 24 maps', { timeout: 30_000 }, async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
    const merges = Math.floor(DEFAULT_LIMITS.maxAliasExpansion / 4001);
    const maps = Array.from({ length: merges }, (_, i) => `    m${i}: {<<: *base, k0: own}`).join('\n');
    const model = await buildModel({
      layers: [{ kind: 'file', label: 'values.yaml', text: `base: &base {${keys}}\nserver:\n  extraLabels:\n${maps}\n` }],
    });
    expect(model.syntaxProblems).toEqual([]);
    const last = model.get(['server', 'extraLabels', `m${merges - 1}`])!;
    expect(last.children.size).toBe(2000);
    expect(last.get('k0')!.value).toBe('own');
    expect(last.get('k1999')!.value).toBe(1999);
  });

  it(
    'stops one 2,000-key anchor merged into 2,000 maps (a 55 KB file) with one finding and nothing layered',
    { timeout: 30_000 },
    async () => {
      const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
      const maps = Array.from({ length: 2000 }, (_, i) => `  m${i}: {<<: *base}`).join('\n');
      const model = await buildModel({
        layers: [{ kind: 'file', label: 'values.yaml', text: `base: &base {${keys}}\nserver:\n${maps}\n` }],
      });
      expect(model.valuesReadable).toBe(false);
      expect(model.syntaxProblems.map((problem) => problem.messageId)).toEqual(['aliasBudget']);
      expect(model.get('server.m0')).toBeUndefined();
    },
  );

  it('leaves a file over maxFileSize unread: no values, only the size finding', async () => {
    const model = await buildModel(
      { layers: [{ kind: 'file', label: 'values.yaml', text: 'server:\n  ha:\n    enabled: true\n' }] },
      { maxFileSize: 10 },
    );
    expect(model.valuesReadable).toBe(false);
    expect(model.syntaxProblems.map((problem) => problem.messageId)).toEqual(['fileTooLarge']);
    expect(model.get('server.ha.enabled')?.isUserSet).toBe(false);
  });

  it('measures the limit in UTF-8 bytes, not characters', async () => {
    const text = `a: "${'é'.repeat(6)}"\n`; // 11 characters, 17 bytes
    const model = await buildModel({ layers: [{ kind: 'file', label: 'values.yaml', text }] }, { maxFileSize: 12 });
    expect(model.syntaxProblems.map((problem) => problem.messageId)).toEqual(['fileTooLarge']);
  });
});
