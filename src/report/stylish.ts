import { Chalk, type ChalkInstance } from 'chalk';
import { originLabel, type FileResult, type Finding, type Location, type RuleInfo, type Severity } from '../engine/types.js';
import { collect, guideOf, Tally, type ReportOptions, type ReportStream } from './types.js';

/** Columns a tab advances to in code frames: the next multiple of this. */
export const TAB_WIDTH = 4;

/** At most this many source lines of one span are shown; the rest is summarised in one line. */
export const MAX_FRAME_LINES = 3;

const SEVERITY_COLORS: Record<Severity, 'red' | 'yellow' | 'blue'> = { error: 'red', warning: 'yellow', info: 'blue' };

// Control characters from the user's file or from quoted values in messages would otherwise reach
// the terminal raw: an ESC could forge colours (or worse) even with colour off. Tab is handled by
// expansion and line breaks by splitting, so they are not in this set.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const NAME_CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Frames show at most this many UTF-16 code units of a source line, cut around the marked column. */
export const MAX_FRAME_WIDTH = 160;
/** How much of a cut line is kept before the marked column. */
const FRAME_CONTEXT = 40;
const ELLIPSIS = '\u2026';

/**
 * Format findings for people, in the manner of ESLint's stylish formatter: per file an underlined
 * name, per finding an aligned `line:col  severity  message  rule-id` row, the hint and the guide
 * section it cites below it, notes
 * for approximate positions and chart defaults, one `related: file:line:col message` line per
 * related location, and a code frame when the file's source is known;
 * then one summary line. Returns an empty string when there is nothing to report.
 */
export function formatStylish(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamStylish(rules, options), results);
}

/** The stylish reporter, file by file: each file's block as it comes, the summary line at the end. */
export function streamStylish(rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): ReportStream {
  // An explicit level, so the output follows options.color and never chalk's own terminal sniffing.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const tally = new Tally();
  let blocks = 0;
  return {
    start: () => '',
    file(result) {
      tally.add(result);
      if (result.findings.length === 0) return '';
      // A blank line between files.
      const text = `${blocks > 0 ? '\n' : ''}${formatFile(result, rules, chalk)}`;
      blocks += 1;
      return text;
    },
    end() {
      const summary = tally.summary();
      const total = summary.errors + summary.warnings + summary.infos;
      if (total === 0) return '';
      const counts =
        `${total} ${plural(total, 'problem')} (${summary.errors} ${plural(summary.errors, 'error')}, ` +
        `${summary.warnings} ${plural(summary.warnings, 'warning')}, ${summary.infos} ${plural(summary.infos, 'info')})`;
      const worst: Severity = summary.errors > 0 ? 'error' : summary.warnings > 0 ? 'warning' : 'info';
      return `\n${chalk[SEVERITY_COLORS[worst]].bold(`\u2716 ${counts}`)}\n`;
    },
  };
}

/** Messages up to this length get their rule ids aligned in a column. */
const MAX_ALIGNED_MESSAGE = 72;

function formatFile(result: FileResult, rules: ReadonlyMap<string, RuleInfo>, chalk: ChalkInstance): string {
  const rows = result.findings.map((finding) => ({
    finding,
    position: `${finding.location.line}:${finding.location.column}`,
    messageLines: clean(finding.message).split(/\r\n|\r|\n/),
  }));
  // Widths are measured on plain text, before colouring, so ANSI codes never skew the columns.
  // Loops, not Math.max(...array): a spread of one argument per finding overflows the stack.
  let positionWidth = 0;
  let severityWidth = 0;
  let longestMessage = 0;
  for (const row of rows) {
    positionWidth = Math.max(positionWidth, row.position.length);
    severityWidth = Math.max(severityWidth, row.finding.severity.length);
    longestMessage = Math.max(longestMessage, row.messageLines[0]!.length);
  }
  // Align rule ids for short messages only: one long message must not push every id off screen.
  const messageWidth = Math.min(MAX_ALIGNED_MESSAGE, longestMessage);
  const indent = ' '.repeat(2 + positionWidth + 2 + severityWidth + 2);
  // Split where the engine counts lines (parse/lines.ts: at LF, CRLF and a lone CR), or the frames
  // of a file with lone CRs would show the wrong line or none.
  const sourceLines = result.source === undefined ? undefined : result.source.split(/\r\n|\r|\n/);

  const lines = [chalk.underline(defuseCommand(escapeName(originLabel(result))))];
  for (const { finding, position, messageLines } of rows) {
    const [first = '', ...rest] = messageLines;
    lines.push(
      `  ${chalk.dim(position.padEnd(positionWidth))}  ` +
        `${chalk[SEVERITY_COLORS[finding.severity]](finding.severity.padEnd(severityWidth))}  ` +
        `${first.padEnd(messageWidth)}  ${chalk.dim(finding.ruleId)}`,
    );
    for (const line of rest) lines.push(`${indent}${defuseCommand(line)}`);
    if (finding.hint !== undefined && finding.hint !== '') {
      for (const line of clean(finding.hint).split(/\r\n|\r|\n/)) lines.push(`${indent}${chalk.cyan(defuseCommand(line))}`);
    }
    const guide = guideOf(finding, rules);
    if (guide !== undefined) lines.push(`${indent}${chalk.dim(`guide: "${clean(guide)}"`)}`);
    for (const note of notes(finding)) lines.push(`${indent}${chalk.dim(note)}`);
    for (const { location, message } of finding.relatedLocations ?? []) {
      lines.push(`${indent}${chalk.dim(`related: ${clean(originLabel(location))}:${location.line}:${location.column}`)} ${clean(message)}`);
    }
    if (sourceLines !== undefined) {
      for (const line of codeFrame(sourceLines, finding.location, chalk)) lines.push(line);
    }
  }
  return `${lines.join('\n')}\n`;
}

function notes(finding: Finding): string[] {
  const out: string[] = [];
  if (finding.location.approximate === true) out.push('(approximate position)');
  if (finding.fromChartDefault === true) out.push('(decided by a chart default this file does not override)');
  return out;
}

/**
 * The span's source lines under a line-number gutter, each with a marker under the exact columns
 * it covers: from the start column on the first line, from the first non-blank character on later
 * ones, to the end column on the last. A zero-width span gets a single caret. A line longer than
 * MAX_FRAME_WIDTH is cut to a window around the marked columns, with an ellipsis on each cut side,
 * so a frame costs the same on a one-line 75 KB file as on a short line.
 */
function codeFrame(sourceLines: readonly string[], location: Location, chalk: ChalkInstance): string[] {
  const { line, column, endColumn } = location;
  // A span that stops at column 1 ends with the previous line's break: that line is its last.
  const endLine = location.endLine > line && endColumn === 1 ? location.endLine - 1 : location.endLine;
  if (line < 1 || line > sourceLines.length) return [];
  const lastShown = Math.min(endLine, line + MAX_FRAME_LINES - 1, sourceLines.length);
  const gutterWidth = String(lastShown).length;
  const frame: string[] = [];

  for (let number = line; number <= lastShown; number += 1) {
    const text = sourceLines[number - 1]!;
    const from = number === line ? column : firstNonBlankColumn(text);
    const to = number === location.endLine ? endColumn : text.length + 1;
    const window = frameWindow(text, from);
    const before = window.start > 0 ? ELLIPSIS : '';
    const after = window.end < text.length ? ELLIPSIS : '';
    const { expanded, offsets } = expandTabs(clean(text.slice(window.start, window.end)));
    frame.push(`    ${chalk.dim(`${String(number).padStart(gutterWidth)} |`)} ${before}${expanded}${after}`.trimEnd());
    const start = before.length + displayColumn(offsets, from - window.start);
    const end = before.length + displayColumn(offsets, to - window.start);
    // Continuation lines that are blank carry no marker; the first line always does, to show where.
    if (number !== line && end <= start) continue;
    const marker = ' '.repeat(start) + '^'.repeat(Math.max(1, end - start));
    frame.push(`    ${chalk.dim(`${' '.repeat(gutterWidth)} |`)} ${chalk.red(marker)}`);
  }
  if (lastShown < endLine) {
    const more = endLine - lastShown;
    frame.push(`    ${chalk.dim(`${' '.repeat(gutterWidth)} | \u2026 ${more} more ${plural(more, 'line')}`)}`);
  }
  return frame;
}

/**
 * The part of a line a frame shows, in UTF-16 offsets: the whole line when it fits in
 * MAX_FRAME_WIDTH, else MAX_FRAME_WIDTH code units starting FRAME_CONTEXT before the marked
 * column (less at the line's end), never splitting a surrogate pair.
 */
function frameWindow(text: string, column: number): { start: number; end: number } {
  if (text.length <= MAX_FRAME_WIDTH) return { start: 0, end: text.length };
  let start = Math.max(0, Math.min(column - 1 - FRAME_CONTEXT, text.length - MAX_FRAME_WIDTH));
  let end = Math.min(text.length, start + MAX_FRAME_WIDTH);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return { start, end };
}

/**
 * Expand tabs to the next multiple of TAB_WIDTH and record, for every UTF-16 code unit of the
 * line, the display column it starts at, so a caret lines up with the character it points at. A
 * surrogate pair occupies one display column; a column past the end maps to the end.
 */
function expandTabs(text: string): { expanded: string; offsets: number[] } {
  let expanded = '';
  let width = 0;
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    offsets.push(width);
    const char = text[i]!;
    if (char === '\t') {
      const spaces = TAB_WIDTH - (width % TAB_WIDTH);
      expanded += ' '.repeat(spaces);
      width += spaces;
    } else if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      // The low half shares the column of the high half: both are one character on screen.
      expanded += text.slice(i, i + 2);
      offsets.push(width);
      width += 1;
      i += 1;
    } else {
      expanded += char;
      width += 1;
    }
  }
  offsets.push(width);
  return { expanded, offsets };
}

/** The display column of a 1-based column; columns before the text map to its start, past it to its end. */
function displayColumn(offsets: readonly number[], column: number): number {
  const index = Math.min(Math.max(column - 1, 0), offsets.length - 1);
  return offsets[index]!;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function firstNonBlankColumn(text: string): number {
  const index = text.search(/[^ \t]/);
  return index === -1 ? text.length + 1 : index + 1;
}

/**
 * A file name for the terminal: every control character, line breaks included, written as an
 * escape (`\n`, `\x1b`), so a name can neither forge a line (a GitHub workflow command read from
 * the log) nor send terminal escapes.
 */
export function escapeName(name: string): string {
  return name.replace(NAME_CONTROL_CHARS, (char) => {
    const code = char.charCodeAt(0);
    return char === '\n' ? '\\n' : char === '\r' ? '\\r' : char === '\t' ? '\\t' : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/**
 * A CI log line whose text starts with `::` after leading blanks is a GitHub workflow command to
 * the runner. A file name or a message line quoting the user's data could start so and forge an
 * annotation: a zero-width space before it keeps it text, and invisible.
 */
function defuseCommand(line: string): string {
  return /^[ \t]*::/.test(line) ? line.replace('::', '\u200b::') : line;
}

/** Replace terminal control characters one-for-one, so columns are unchanged. */
function clean(text: string): string {
  return text.replace(CONTROL_CHARS, '\ufffd');
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
