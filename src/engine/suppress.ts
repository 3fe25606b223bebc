import type { Layer } from '../model/values.js';
import type { Finding } from './types.js';

/**
 * Inline suppressions, written as comments in the values file or in an embedded config (both use `#`):
 * `# vault-lint-disable-line [ids]`, `# vault-lint-disable-next-line [ids]`,
 * `# vault-lint-disable [ids]` … `# vault-lint-enable [ids]`. No ids means every rule;
 * text after ` -- ` is the reason and is ignored.
 */
const DIRECTIVE = /#\s*vault-lint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)/g;

interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  line: number;
  /** Empty means all rules. */
  rules: string[];
}

function parseDirectives(source: string): Directive[] {
  if (!source.includes('vault-lint-')) return [];
  const out: Directive[] = [];
  let line = 1;
  let lineScan = 0;
  for (const match of source.matchAll(DIRECTIVE)) {
    for (; lineScan < match.index; lineScan++) if (source.charCodeAt(lineScan) === 10) line++;
    const ruleText = (match[2] ?? '').split(' -- ')[0]!;
    const rules = ruleText.split(/[\s,]+/).filter((rule) => /^[a-z0-9-]+$/.test(rule));
    out.push({ kind: match[1] as Directive['kind'], line, rules });
  }
  return out;
}

function covers(rules: string[], ruleId: string): boolean {
  return rules.length === 0 || rules.includes(ruleId);
}

/** Drop the findings that an inline directive in their own file suppresses. */
export function applySuppressions(findings: Finding[], layers: readonly Layer[]): Finding[] {
  const byFile = new Map<string, Directive[]>();
  for (const layer of layers) if (layer.kind === 'file' && layer.source) byFile.set(layer.label, parseDirectives(layer.source));
  if (![...byFile.values()].some((directives) => directives.length > 0)) return findings;
  return findings.filter((finding) => !isSuppressed(finding, byFile.get(finding.location.file) ?? []));
}

function isSuppressed(finding: Finding, directives: Directive[]): boolean {
  const { line } = finding.location;
  let regionOff = false;
  for (const directive of directives) {
    if (!covers(directive.rules, finding.ruleId)) continue;
    if (directive.kind === 'disable-line' && directive.line === line) return true;
    if (directive.kind === 'disable-next-line' && directive.line + 1 === line) return true;
    if (directive.line <= line) {
      if (directive.kind === 'disable') regionOff = true;
      if (directive.kind === 'enable') regionOff = false;
    }
  }
  return regionOff;
}
