import type { Rule } from '../../src/engine/rule.js';

/** The README's rules table, generated from rule metadata. */
export function rulesTable(rules: readonly Rule[]): string {
  const rows = [...rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((rule) => `| [\`${rule.id}\`](rules/${rule.id}.md) | ${rule.meta.severity} | ${rule.meta.description} | ${rule.meta.guide} |`);
  return ['| rule | severity | checks | guide section |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
