import type { Directive } from '../parse/directives.js';
import { UNSUPPRESSIBLE_RULES } from '../model/model.js';
import { originLabel, type Finding, type Location } from './types.js';

/**
 * Inline suppressions, written as comments in the values file or in an embedded config:
 * `# vault-lint-disable-line [ids]`, `# vault-lint-disable-next-line [ids]`,
 * `# vault-lint-disable [ids]` … `# vault-lint-enable [ids]`. No ids means every rule;
 * `until=YYYY-MM-DD` limits how long a directive holds; text after ` -- ` is the reason. Only
 * comments the parsers found count (the model's `directives`), and `yaml-syntax`/`hcl-syntax`
 * findings are never suppressed.
 *
 * The directives are checked too, as a gate must not trust a suppression it cannot read: an
 * unknown rule id or word, an expired `until`, a missing reason (when required) and, when asked,
 * a directive that suppressed nothing are findings of their own (`SUPPRESSION_RULE`).
 */
export interface LocatedDirective extends Directive {
  /** Where the comment is: the directive's own findings are placed there. */
  location: Location;
}

/** The rule id of the findings about directives themselves (as ESLint reports its own directives). */
export const SUPPRESSION_RULE = 'vault-lint';

export interface SuppressionOptions {
  /** Every rule id that exists, enabled or not: any other id in a directive is reported (not checked when absent). */
  knownRules?: ReadonlySet<string>;
  /** Today (UTC), `YYYY-MM-DD`: a directive `until` an earlier day has expired. */
  today: string;
  /** Every `disable` directive must say why (` -- reason`). */
  requireReason?: boolean;
  /** Report `disable` directives (and rule ids in them) that suppressed no finding. */
  reportUnused?: boolean;
  /** Keep suppressed findings, marked with `suppression`, instead of dropping them (SARIF shows them as suppressed). */
  keepSuppressed?: boolean;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

interface FileDirectives {
  /** Single-line directives (`disable-line`, `disable-next-line`) by the line they cover. */
  lines: Map<number, LocatedDirective[]>;
  /** `disable`/`enable` in line order. */
  regions: LocatedDirective[];
}

/** Which directive suppressed what: the directive and the rule ids it was used for. */
type Usage = Map<LocatedDirective, Set<string>>;

/**
 * Drop (or mark) the findings that an inline directive in their own file suppresses, and add the
 * findings about the directives themselves. Linear in findings and directives (after sorting).
 */
export function applySuppressions(findings: Finding[], directives: readonly LocatedDirective[], options: SuppressionOptions): Finding[] {
  if (directives.length === 0) return findings;
  const active = directives.filter((directive) => directive.until === undefined || directive.until >= options.today);
  const files = new Map<string, FileDirectives>();
  for (const directive of active) {
    const name = originLabel(directive.location);
    let file = files.get(name);
    if (!file) files.set(name, (file = { lines: new Map(), regions: [] }));
    if (directive.kind === 'disable' || directive.kind === 'enable') {
      file.regions.push(directive);
      continue;
    }
    const line = directive.kind === 'disable-line' ? directive.location.line : directive.location.line + 1;
    const list = file.lines.get(line);
    if (list) list.push(directive);
    else file.lines.set(line, [directive]);
  }
  const suppressed = new Map<Finding, LocatedDirective>();
  const usage: Usage = new Map();
  for (const [name, file] of files) {
    const own = findings.filter((finding) => originLabel(finding.location) === name && !UNSUPPRESSIBLE_RULES.has(finding.ruleId));
    for (const finding of own) {
      const directive = file.lines.get(finding.location.line)?.find((candidate) => covers(candidate.rules, finding.ruleId));
      if (directive) suppress(finding, directive, suppressed, usage);
    }
    sweepRegions(own, file.regions, suppressed, usage);
  }
  const out: Finding[] = [];
  for (const finding of findings) {
    const directive = suppressed.get(finding);
    if (!directive) out.push(finding);
    else if (options.keepSuppressed) {
      out.push({
        ...finding,
        suppression: { kind: 'inSource', ...(directive.reason !== undefined ? { justification: directive.reason } : {}) },
      });
    }
  }
  for (const directive of directives) for (const finding of directiveFindings(directive, usage.get(directive), options)) out.push(finding);
  return out;
}

function suppress(finding: Finding, directive: LocatedDirective, suppressed: Map<Finding, LocatedDirective>, usage: Usage): void {
  if (suppressed.has(finding)) return;
  suppressed.set(finding, directive);
  let used = usage.get(directive);
  if (!used) usage.set(directive, (used = new Set()));
  used.add(finding.ruleId);
}

/**
 * A rule is off at a line when the last `disable`/`enable` at or before that line naming it (or
 * naming no rule) is a `disable`. One sweep over findings and regions, both in line order.
 */
function sweepRegions(findings: Finding[], regions: LocatedDirective[], suppressed: Map<Finding, LocatedDirective>, usage: Usage): void {
  if (regions.length === 0) return;
  const ordered = regions
    .map((directive, order) => ({ directive, order }))
    .sort((a, b) => a.directive.location.line - b.directive.location.line || a.order - b.order);
  const byLine = [...findings].sort((a, b) => a.location.line - b.location.line);
  // The latest directive for every rule, and for all rules, with its sequence number.
  let all: { directive: LocatedDirective; seq: number } | undefined;
  const perRule = new Map<string, { directive: LocatedDirective; seq: number }>();
  let next = 0;
  for (const finding of byLine) {
    for (; next < ordered.length && ordered[next]!.directive.location.line <= finding.location.line; next++) {
      const { directive } = ordered[next]!;
      const state = { directive, seq: next };
      if (directive.rules.length === 0) all = state;
      for (const rule of directive.rules) perRule.set(rule, state);
    }
    const own = perRule.get(finding.ruleId);
    const decisive = own && (!all || own.seq > all.seq) ? own : all;
    if (decisive?.directive.kind === 'disable') suppress(finding, decisive.directive, suppressed, usage);
  }
}

function covers(rules: readonly string[], ruleId: string): boolean {
  return rules.length === 0 || rules.includes(ruleId);
}

const HINTS = {
  unknownRule: 'Use a rule id from vault-lint --list-rules, or remove it from the directive.',
  invalidDirective: 'Write rule ids separated by blanks or commas, an optional until=YYYY-MM-DD, then " -- " and the reason.',
  expiredDirective: 'Fix the finding it suppressed, or, if it is still accepted, set a new until= date and say why after " -- ".',
  missingReason:
    'Add " -- " and why the finding is accepted, e.g. "# vault-lint-disable-line tls-enabled -- TLS ends at the mesh sidecar".',
  unusedDirective: 'Remove the directive (or the rule id from it): the finding it was written for is gone.',
} as const;

/** The findings about one directive: unknown ids, unreadable words, expiry, a missing reason, no use. */
function directiveFindings(directive: LocatedDirective, used: ReadonlySet<string> | undefined, options: SuppressionOptions): Finding[] {
  const out: Finding[] = [];
  const text = `vault-lint-${directive.kind}`;
  const add = (messageId: keyof typeof HINTS, severity: Finding['severity'], message: string): void => {
    out.push({ ruleId: SUPPRESSION_RULE, messageId, severity, message, hint: HINTS[messageId], location: directive.location });
  };
  for (const rule of directive.rules) {
    if (options.knownRules && !options.knownRules.has(rule))
      add('unknownRule', 'error', `Unknown rule "${rule}" in "${text}"; the directive suppresses nothing for it`);
  }
  for (const word of directive.invalid ?? []) {
    add('invalidDirective', 'error', `Unreadable "${word}" in "${text}": neither a rule id nor until=YYYY-MM-DD with a real date`);
  }
  const disables = directive.kind !== 'enable';
  if (directive.until !== undefined && directive.until < options.today) {
    add('expiredDirective', 'warning', `Expired "${text}" (until=${directive.until}): it no longer suppresses anything`);
    return out;
  }
  if (disables && options.requireReason && directive.reason === undefined) {
    add('missingReason', 'error', `Missing reason on "${text}": suppressions must say why after " -- "`);
  }
  if (disables && options.reportUnused) {
    if (directive.rules.length === 0) {
      if (!used) add('unusedDirective', 'warning', `Unused "${text}": it suppressed no finding`);
    } else {
      for (const rule of directive.rules) {
        if ((options.knownRules?.has(rule) ?? true) && !UNSUPPRESSIBLE_RULES.has(rule) && !used?.has(rule))
          add('unusedDirective', 'warning', `Unused "${text} ${rule}": no ${rule} finding was suppressed`);
      }
    }
  }
  return out;
}
