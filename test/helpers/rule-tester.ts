import { describe, expect, it } from 'vitest';
import { buildModel, type LintOptions } from '../../src/engine/lint.js';
import { prepareRules, runRules } from '../../src/engine/run.js';
import { presetOptions } from '../../src/engine/options.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Finding } from '../../src/engine/types.js';

/** Strip the common indentation of a template literal, and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

interface CaseOptions {
  name?: string;
  options?: Record<string, unknown>;
  lint?: LintOptions;
}

export interface ValidCase extends CaseOptions {
  code: string;
}

/** A related location of a finding: its full span and (a substring of) its message. */
export interface ExpectedRelated {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message?: string;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Substrings the message must contain. */
  message?: string | RegExp;
  fromChartDefault?: boolean;
  approximate?: boolean;
  /** Required, in order, whenever the finding has related locations. */
  related?: ExpectedRelated[];
}

export interface InvalidCase extends CaseOptions {
  code: string;
  errors: ExpectedError[];
}

/** Run one rule over a values text, as the engine would (defaults, options, positions). */
export async function runRule(rule: Rule, code: string, options: CaseOptions = {}): Promise<Finding[]> {
  const model = await buildModel({ layers: [{ kind: 'file', label: 'values.yaml', text: code }] }, options.lint);
  const resolved = [{ rule, severity: rule.meta.severity, options: { ...presetOptions(rule.meta, 'recommended'), ...options.options } }];
  await prepareRules(model, resolved);
  return runRules(model, resolved);
}

/**
 * ESLint-style rule tests: every valid case yields nothing; every invalid case yields exactly its
 * errors, in order, each with its messageId and full span. Every messageId must be exercised.
 */
export function testRule(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    for (const [index, raw] of cases.valid.entries()) {
      const item = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid #${index + 1}${item.name ? `: ${item.name}` : ''}`, async () => {
        const findings = await runRule(rule, dedent(item.code), item);
        expect(findings.map((finding) => `${finding.messageId} ${finding.message}`)).toEqual([]);
      });
    }
    for (const [index, item] of cases.invalid.entries()) {
      it(`invalid #${index + 1}${item.name ? `: ${item.name}` : ''}`, async () => {
        const findings = await runRule(rule, dedent(item.code), item);
        const actual = findings.map((finding, i) => {
          const expected = item.errors[i];
          const out: Record<string, unknown> = {
            messageId: finding.messageId,
            line: finding.location.line,
            column: finding.location.column,
            endLine: finding.location.endLine,
            endColumn: finding.location.endColumn,
          };
          if (expected?.fromChartDefault !== undefined) out.fromChartDefault = finding.fromChartDefault === true;
          if (expected?.approximate !== undefined) out.approximate = finding.location.approximate === true;
          if (expected?.message !== undefined) out.message = finding.message;
          if (expected?.related !== undefined || finding.relatedLocations !== undefined) {
            out.related = (finding.relatedLocations ?? []).map(({ location, message }, r) => ({
              line: location.line,
              column: location.column,
              endLine: location.endLine,
              endColumn: location.endColumn,
              ...(expected?.related?.[r]?.message !== undefined ? { message } : {}),
            }));
          }
          return out;
        });
        const wanted = item.errors.map((error) => {
          const { message, related, ...rest } = error;
          const out: Record<string, unknown> =
            message === undefined
              ? rest
              : { ...rest, message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) };
          if (related !== undefined)
            out.related = related.map((item) =>
              item.message === undefined ? item : { ...item, message: expect.stringContaining(item.message) },
            );
          return out;
        });
        expect(actual).toEqual(wanted);
        for (const finding of findings) {
          expect(finding.message).not.toMatch(/\{\{/);
          expect(finding.ruleId).toBe(rule.id);
        }
      });
    }
    it('exercises every messageId', () => {
      const used = new Set(cases.invalid.flatMap((item) => item.errors.map((error) => error.messageId)));
      expect([...Object.keys(rule.meta.messages)].filter((id) => !used.has(id))).toEqual([]);
    });
  });
}
