import type { Directive } from '../parse/directives.js';
import { UNSUPPRESSIBLE_RULES } from '../model/model.js';
import { originLabel, type Finding } from './types.js';

/**
 * Inline suppressions, written as comments in the values file or in an embedded config:
 * `# vault-lint-disable-line [ids]`, `# vault-lint-disable-next-line [ids]`,
 * `# vault-lint-disable [ids]` … `# vault-lint-enable [ids]`. No ids means every rule;
 * text after ` -- ` is the reason and is ignored. Only comments the parsers found count (the
 * model's `directives`), and `yaml-syntax`/`hcl-syntax` findings are never suppressed.
 */
export interface LocatedDirective extends Directive {
  /** The file the comment is in, as findings name it. */
  file: string;
  /** 1-based line of the comment in its file. */
  line: number;
}

interface FileDirectives {
  /** Rules switched off on single lines (`disable-line` and `disable-next-line`); an empty list means all. */
  lines: Map<number, string[][]>;
  /** `disable`/`enable` in line order. */
  regions: LocatedDirective[];
}

/** Drop the findings that an inline directive in their own file suppresses; linear in findings and directives (after sorting). */
export function applySuppressions(findings: Finding[], directives: readonly LocatedDirective[]): Finding[] {
  if (directives.length === 0) return findings;
  const files = new Map<string, FileDirectives>();
  for (const directive of directives) {
    let file = files.get(directive.file);
    if (!file) files.set(directive.file, (file = { lines: new Map(), regions: [] }));
    if (directive.kind === 'disable' || directive.kind === 'enable') {
      file.regions.push(directive);
      continue;
    }
    const line = directive.kind === 'disable-line' ? directive.line : directive.line + 1;
    const list = file.lines.get(line);
    if (list) list.push(directive.rules);
    else file.lines.set(line, [directive.rules]);
  }
  const suppressed = new Set<Finding>();
  for (const [name, file] of files) {
    const own = findings.filter((finding) => originLabel(finding.location) === name && !UNSUPPRESSIBLE_RULES.has(finding.ruleId));
    for (const finding of own) {
      if (file.lines.get(finding.location.line)?.some((rules) => covers(rules, finding.ruleId))) suppressed.add(finding);
    }
    sweepRegions(own, file.regions, suppressed);
  }
  return suppressed.size === 0 ? findings : findings.filter((finding) => !suppressed.has(finding));
}

/**
 * A rule is off at a line when the last `disable`/`enable` at or before that line naming it (or
 * naming no rule) is a `disable`. One sweep over findings and regions, both in line order.
 */
function sweepRegions(findings: Finding[], regions: LocatedDirective[], suppressed: Set<Finding>): void {
  if (regions.length === 0) return;
  const ordered = regions
    .map((directive, order) => ({ directive, order }))
    .sort((a, b) => a.directive.line - b.directive.line || a.order - b.order);
  const byLine = [...findings].sort((a, b) => a.location.line - b.location.line);
  // The latest directive for every rule, and for all rules, as sequence numbers.
  let all: { off: boolean; seq: number } | undefined;
  const perRule = new Map<string, { off: boolean; seq: number }>();
  let next = 0;
  for (const finding of byLine) {
    for (; next < ordered.length && ordered[next]!.directive.line <= finding.location.line; next++) {
      const { directive } = ordered[next]!;
      const state = { off: directive.kind === 'disable', seq: next };
      if (directive.rules.length === 0) all = state;
      for (const rule of directive.rules) perRule.set(rule, state);
    }
    const own = perRule.get(finding.ruleId);
    const decisive = own && (!all || own.seq > all.seq) ? own : all;
    if (decisive?.off) suppressed.add(finding);
  }
}

function covers(rules: string[], ruleId: string): boolean {
  return rules.length === 0 || rules.includes(ruleId);
}
