import { originLabel, type FileResult, type Finding, type RuleInfo, type Severity } from '../engine/types.js';
import { Fingerprints } from './fingerprint.js';
import { collect, joinSentences, type ReportOptions, type ReportStream } from './types.js';

/** GitLab's severities (a subset of Code Climate's), as GitLab's own linters' reports map them. */
const SEVERITIES: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * Format findings as a GitLab Code Quality report: a JSON array of issues with `description`,
 * `check_name`, `fingerprint`, `severity` and `location` (`path`, `lines.begin`/`end`), which
 * GitLab shows in merge requests (`artifacts: reports: codequality`). The fingerprint is stable
 * across unrelated edits: the one SARIF's partial fingerprint has (report/fingerprint.ts).
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
      const fingerprints = new Fingerprints();
      let out = '';
      for (const finding of result.findings) {
        out += `${count > 0 ? ',' : ''}\n  ${JSON.stringify(toIssue(finding, fingerprints))}`;
        count += 1;
      }
      return out;
    },
    end: () => (count > 0 ? '\n]\n' : ']\n'),
  };
}

function toIssue(finding: Finding, fingerprints: Fingerprints): Record<string, unknown> {
  const { location } = finding;
  // A `--set` argument is no file: the issue goes on the values file it overrides, naming the argument.
  const path = location.kind === 'file' ? location.file : (location.onto ?? location.argument);
  const text = joinSentences(finding.message, finding.hint);
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: location.kind === 'file' ? text : `${location.argument}: ${text}`,
    categories: ['Security'],
    fingerprint: fingerprints.next(finding, originLabel(location)),
    severity: SEVERITIES[finding.severity],
    location: {
      path: path.replaceAll('\\', '/'),
      lines: location.kind === 'file' ? { begin: location.line, end: location.endLine } : { begin: 1 },
    },
  };
}
