import { originPart, SEVERITIES, type FileResult, type Finding, type Origin, type Severity } from './types.js';
import { DEFAULT_LIMITS, fileTooLargeMessage } from '../limits.js';

export { fileTooLargeMessage, formatBytes } from '../limits.js';

/** Default of `--max-file-size`: a values file above this many bytes is not read past it. */
export const DEFAULT_MAX_FILE_SIZE = DEFAULT_LIMITS.maxFileSize;

/** Default of `--max-findings-per-file`: findings past this many in one file become one summary finding. */
export const DEFAULT_MAX_FINDINGS_PER_FILE = 1000;

/**
 * The rule that reports inputs that could not be read as YAML, a file over the size limit among
 * them. The reader reports it before anything is parsed, so the rule's own check never does.
 */
export const FILE_TOO_LARGE_RULE = 'yaml-syntax';
export const FILE_TOO_LARGE_MESSAGE_ID = 'fileTooLarge';
export const FILE_TOO_LARGE_HINT =
  'Split it into smaller values files, or raise the limit with --max-file-size if it really is one values file.';

/** The id of the finding that says how many findings of a file were left out. */
export const FINDINGS_LIMIT_RULE = 'vault-lint';
export const FINDINGS_LIMIT_MESSAGE_ID = 'findingsLimit';

/**
 * The result of a file that was not read past `limit` bytes: one `yaml-syntax` error at its
 * start, since none of it was parsed.
 */
export function fileTooLargeResult(origin: Origin, limit: number): FileResult {
  return {
    ...origin,
    findings: [
      {
        ruleId: FILE_TOO_LARGE_RULE,
        messageId: FILE_TOO_LARGE_MESSAGE_ID,
        severity: 'error',
        message: fileTooLargeMessage(limit),
        hint: FILE_TOO_LARGE_HINT,
        location: { ...origin, line: 1, column: 1, endLine: 1, endColumn: 1 },
      },
    ],
  };
}

/**
 * Keep the first `max` findings of a file (they are sorted by position) and replace the rest
 * with one finding that says how many were left out, as severe as the worst of them so that a
 * gate still fails on them. A negative `max` keeps everything.
 */
export function limitFindings(result: FileResult, max: number): FileResult {
  if (max < 0 || result.findings.length <= max) return result;
  const kept = result.findings.slice(0, max);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (let i = max; i < result.findings.length; i += 1) counts[result.findings[i]!.severity] += 1;
  const omitted = result.findings.length - max;
  const worst = SEVERITIES.find((severity) => counts[severity] > 0) ?? 'info';
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map(
    (severity) => `${counts[severity]} ${severity}${counts[severity] === 1 ? '' : 's'}`,
  );
  const first = result.findings[max]!.location;
  const note: Finding = {
    ruleId: FINDINGS_LIMIT_RULE,
    messageId: FINDINGS_LIMIT_MESSAGE_ID,
    severity: worst,
    message: `${omitted} more ${omitted === 1 ? 'finding' : 'findings'} in this file (${parts.join(', ')}) left out: at most ${max} per file are reported`,
    hint: 'Fix the findings shown and run again, or raise the limit with --max-findings-per-file.',
    // Where the first one left out is, so the list stays in position order.
    location: { ...originPart(first), line: first.line, column: first.column, endLine: first.endLine, endColumn: first.endColumn },
  };
  kept.push(note);
  return { ...result, findings: kept };
}
