import { createHash } from 'node:crypto';
import { originLabel, type FileResult, type Finding, type RuleInfo, type Severity } from '../engine/types.js';
import { collect, joinSentences, type ReportOptions, type ReportStream } from './types.js';

/** GitLab's severities (a subset of Code Climate's), as GitLab's own linters' reports map them. */
const SEVERITIES: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * Format findings as a GitLab Code Quality report: a JSON array of issues with `description`,
 * `check_name`, `fingerprint`, `severity` and `location` (`path`, `lines.begin`/`end`), which
 * GitLab shows in merge requests (`artifacts: reports: codequality`). The fingerprint is stable
 * across unrelated edits: rule, message, file and values/config path, and an occurrence count.
 */
export function formatCodequality(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamCodequality(rules, options), results);
}

/** The Code Quality reporter, file by file: the array opens first and closes last. */
export function streamCodequality(_rules: ReadonlyMap<string, RuleInfo>, _options: ReportOptions): ReportStream {
  let count = 0;
  return {
    start: () => '[',
    file(result) {
      const occurrences = new Map<string, number>();
      let out = '';
      for (const finding of result.findings) {
        out += `${count > 0 ? ',' : ''}\n  ${JSON.stringify(toIssue(finding, occurrences))}`;
        count += 1;
      }
      return out;
    },
    end: () => (count > 0 ? '\n]\n' : ']\n'),
  };
}

function toIssue(finding: Finding, occurrences: Map<string, number>): Record<string, unknown> {
  const { location } = finding;
  // A `--set` argument is no file: the issue goes on the values file it overrides, naming the argument.
  const path = location.kind === 'file' ? location.file : (location.onto ?? location.argument);
  const text = joinSentences(finding.message, finding.hint);
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: location.kind === 'file' ? text : `${location.argument}: ${text}`,
    categories: ['Security'],
    fingerprint: fingerprint(finding, occurrences),
    severity: SEVERITIES[finding.severity],
    location: {
      path: path.replaceAll('\\', '/'),
      lines: location.kind === 'file' ? { begin: location.line, end: location.endLine } : { begin: 1 },
    },
  };
}

function fingerprint(finding: Finding, occurrences: Map<string, number>): string {
  const { location } = finding;
  const key = JSON.stringify([finding.ruleId, finding.messageId, originLabel(location), location.yamlPath ?? [], location.hclPath ?? []]);
  const count = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, count);
  return createHash('sha256').update(`${key}\u0000${count}`).digest('hex').slice(0, 32);
}
