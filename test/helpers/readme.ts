import type { Rule } from '../../src/engine/rule.js';
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
