import type { Rule } from '../../src/engine/rule.js';
import type { RuleOption } from '../../src/engine/types.js';
import { describeScope } from '../../src/engine/scope.js';

/** The README's rules table, generated from rule metadata. */
export function rulesTable(rules: readonly Rule[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(
      (rule) =>
        `| [\`${rule.id}\`](rules/${rule.id}.md) | ${rule.meta.severity} | ${rule.meta.description} | ${describeScope(rule.meta.appliesTo)} | ${rule.meta.guide} |`,
    );
  return ['| rule | severity | checks | applies to | guide section |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Where a rule page's generated options table sits. */
export const OPTIONS_START = '<!-- options:start (generated from the rule metadata by test/meta.test.ts; UPDATE_README=1 rewrites it) -->';
export const OPTIONS_END = '<!-- options:end -->';

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function typeOf(option: RuleOption): string {
  switch (option.type) {
    case 'boolean':
      return 'boolean';
    case 'integer': {
      const bounds = [
        option.minimum !== undefined ? `≥ ${option.minimum}` : undefined,
        option.maximum !== undefined ? `≤ ${option.maximum}` : undefined,
      ].filter((bound) => bound !== undefined);
      return bounds.length > 0 ? `integer, ${bounds.join(', ')}` : 'integer';
    }
    case 'string':
      return option.enum !== undefined ? option.enum.map(code).join(' or ') : 'string';
    case 'string[]':
      return 'list of strings';
  }
}

/** A rule page's options table, generated from the option declarations; undefined for a rule without options. */
export function optionsTable(rule: Rule): string | undefined {
  const options = Object.entries(rule.meta.options ?? {});
  if (options.length === 0) return undefined;
  const rows = options.map(
    ([name, option]) =>
      `| \`${name}\` | ${typeOf(option)} | ${code(option.default)} | ${code(option.strict ?? option.default)} | ${option.description.replaceAll('|', '\\|')} |`,
  );
  return ['| option | type | default | `strict` preset | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README's list of the options the `strict` preset changes, generated from the option declarations. */
export function strictOptionsList(rules: readonly Rule[]): string {
  const lines: string[] = [];
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const changed = Object.entries(rule.meta.options ?? {}).filter(([, option]) => option.strict !== undefined);
    if (changed.length === 0) continue;
    const settings = changed.map(([name, option]) => `\`${name}: ${JSON.stringify(option.strict)}\``).join(', ');
    lines.push(`- [\`${rule.id}\`](rules/${rule.id}.md): ${settings}`);
  }
  return lines.join('\n');
}
