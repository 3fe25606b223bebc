import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS, resolveRules } from '../../src/engine/config.js';
import { lintText } from '../../src/index.js';
import { rules } from '../../rules/index.js';

const GUIDE = readFileSync(new URL('../../fixtures/guide/override-values.yml', import.meta.url), 'utf8');
const RAISED = { error: 'error', warning: 'error', info: 'warning' } as const;

describe('presets over the whole registry', () => {
  it('knows recommended and strict', () => {
    expect([...PRESETS]).toEqual(['recommended', 'strict']);
  });

  it('recommended runs every rule at its declared severity, with its default options', () => {
    const resolved = resolveRules(rules, 'recommended');
    expect(resolved.map((entry) => entry.rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const { rule, severity, options, messageSeverities } of resolved) {
      expect({ id: rule.id, severity, options }).toEqual({
        id: rule.id,
        severity: rule.meta.severity,
        options: Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([name, option]) => [name, option.default])),
      });
      expect(messageSeverities).toEqual(rule.meta.messageSeverities);
    }
  });

  it('strict raises warnings to errors and info to warnings, per rule and per message', () => {
    for (const { rule, severity, messageSeverities } of resolveRules(rules, 'strict')) {
      expect({ id: rule.id, severity }).toEqual({ id: rule.id, severity: RAISED[rule.meta.severity] });
      for (const [messageId, level] of Object.entries(rule.meta.messageSeverities ?? {})) {
        expect({ id: rule.id, messageId, level: messageSeverities?.[messageId] }).toEqual({ id: rule.id, messageId, level: RAISED[level] });
      }
    }
  });

  it('strict sets every option to its declared strict value, and the others to their defaults', () => {
    const declared = rules.flatMap((rule) => Object.values(rule.meta.options ?? {}));
    expect(declared.some((option) => option.strict !== undefined)).toBe(true);
    for (const { rule, options } of resolveRules(rules, 'strict')) {
      const expected = Object.fromEntries(
        Object.entries(rule.meta.options ?? {}).map(([name, option]) => [name, option.strict ?? option.default]),
      );
      expect({ id: rule.id, options }).toEqual({ id: rule.id, options: expected });
      // A strict value that equals the default would be a declaration that says nothing.
      for (const [name, option] of Object.entries(rule.meta.options ?? {}))
        if (option.strict !== undefined) expect(option.strict, `${rule.id}.${name}`).not.toEqual(option.default);
    }
  });

  it('image-tag-pinned asks for explicit component tags and digests under strict', () => {
    const pinned = resolveRules(rules, 'strict').find((entry) => entry.rule.id === 'image-tag-pinned');
    expect(pinned?.options).toMatchObject({ requireExplicitComponentTags: true, requireDigest: true });
  });

  it('a user setting wins over the preset, for severity and options alike', () => {
    const resolved = resolveRules(rules, 'strict', { 'auto-unseal': 'info', 'image-tag-pinned': { options: { requireDigest: false } } });
    expect(resolved.find((entry) => entry.rule.id === 'auto-unseal')?.severity).toBe('info');
    expect(resolved.find((entry) => entry.rule.id === 'image-tag-pinned')?.options).toMatchObject({
      requireExplicitComponentTags: true,
      requireDigest: false,
    });
  });
});

describe('presets on the guide example', () => {
  it("strict raises warnings to errors and info to warnings, and adds the stricter options' findings", async () => {
    const recommended = await lintText(GUIDE, { file: 'guide' });
    const strict = await lintText(GUIDE, { file: 'guide', preset: 'strict' });
    expect(recommended.some((finding) => finding.severity === 'warning')).toBe(true);
    expect(recommended.some((finding) => finding.severity === 'info')).toBe(true);
    const key = (finding: { ruleId: string; messageId: string; location: { line: number } }) =>
      `${finding.location.line}:${finding.ruleId}/${finding.messageId}`;
    const raised: Record<string, string> = { error: 'error', warning: 'error', info: 'warning' };
    const strictByKey = new Map(strict.map((finding) => [key(finding), finding.severity]));
    // Everything recommended finds, strict finds too, one level higher (errors stay errors).
    for (const finding of recommended)
      expect([key(finding), strictByKey.get(key(finding))]).toEqual([key(finding), raised[finding.severity]]);
    expect(strict.some((finding) => finding.severity === 'info')).toBe(false);
    // Strict adds the digest requirement on the pinned enterprise tag.
    const digest = strict.find((finding) => finding.ruleId === 'image-tag-pinned' && finding.messageId === 'notDigest');
    expect(digest?.location.line).toBe(GUIDE.split('\n').findIndex((line) => line.includes('tag: "1.16.1-ent"')) + 1);
    expect(recommended.some((finding) => finding.messageId === 'notDigest')).toBe(false);
  });
});
