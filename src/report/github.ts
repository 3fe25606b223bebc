import { posix, win32 } from 'node:path';
import type { FileResult, Finding, RuleInfo, Severity } from '../engine/types.js';
import { citeGuide, collect, guideOf, isWindowsPath, joinSentences, type ReportOptions, type ReportStream } from './types.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Format findings as GitHub Actions workflow commands, one `::error|warning|notice` line per
 * finding, which the runner turns into annotations on the run and the pull request diff.
 *
 * Only the main location is annotated: a finding is one root cause, and an annotation per related
 * place would count it several times in the checks summary. Related places are in SARIF and JSON.
 *
 * With `options.cwd` a relative file name is resolved to an absolute path: the runner makes
 * absolute paths relative to the workspace itself (translating container paths on the way),
 * while a relative one would be taken as relative to the repository root and go wrong whenever
 * vault-lint runs in a sub-directory.
 */
export function formatGithub(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamGithub(rules, options), results);
}

/** The GitHub reporter, file by file: one command line per finding, nothing before or after. */
export function streamGithub(rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): ReportStream {
  return {
    start: () => '',
    file(result) {
      let out = '';
      for (const finding of result.findings) out += `${formatCommand(finding, guideOf(finding, rules), options.cwd)}\n`;
      return out;
    },
    end: () => '',
  };
}

function formatCommand(finding: Finding, guide: string | undefined, cwd: string | undefined): string {
  const { location } = finding;
  const properties: [string, string | number][] = [];
  // An annotation shows this text alone: what is wrong, why (the guide section) and the fix.
  let message = joinSentences(citeGuide(finding.message, guide), finding.hint);
  if (location.kind === 'set') {
    // A `--set` argument is no file in the repository: an annotation pointing at it would link to
    // nothing, so it becomes a run-level annotation that names the argument instead.
    message = `${location.argument}: ${message}`;
  } else {
    properties.push(['file', resolveFile(location.file, cwd)], ['line', location.line]);
    properties.push(['endLine', location.endLine]);
    // The runner drops columns (with a debug note) unless the span is on one line, so they are
    // only sent when they will be used.
    if (location.line === location.endLine) {
      properties.push(['col', location.column], ['endColumn', location.endColumn]);
    }
  }
  properties.push(['title', finding.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMANDS[finding.severity]} ${props}::${escapeData(message)}`;
}

function resolveFile(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const path = isWindowsPath(cwd) || isWindowsPath(file) ? win32 : posix;
  return path.isAbsolute(file) ? file : path.resolve(cwd, file);
}

/**
 * Escape the message part of a workflow command. The runner splits commands at line breaks and
 * decodes exactly these three sequences, so the order matters: `%` first, or the escapes
 * themselves would be escaped.
 */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/**
 * Escape a property value of a workflow command: as data, plus `:` (a `::` ends the property
 * list) and `,` (which starts the next property).
 */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
