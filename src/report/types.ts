import type { FileResult, Finding, RuleInfo, Severity, Summary } from '../engine/types.js';

/** What every reporter is told besides the findings themselves. */
export interface ReportOptions {
  /** Emit ANSI colours. Decided by the CLI (TTY, `--color`, `NO_COLOR`); reporters never look themselves. */
  color: boolean;
  /** The vault-lint version, for the tool sections of JSON and SARIF. */
  toolVersion: string;
  /**
   * The directory paths are relative to. SARIF makes its artifact URIs relative to it and the
   * GitHub reporter resolves file names against it; without it names are used as given.
   */
  cwd?: string;
  /**
   * SARIF `automationDetails.id`: the category code scanning files the results under, so that
   * several uploads for one commit (one per environment, say) do not replace each other.
   */
  sarifCategory?: string;
  /**
   * The project's home page, for the tool sections that link to one (SARIF `informationUri`); the
   * CLI derives it from package.json and leaves it out when the package names none.
   */
  homepage?: string;
}

/**
 * A reporter: a pure function from findings and rule metadata to the text to print. The text is
 * empty or ends with a newline, so the CLI can write it as is.
 */
export type Formatter = (results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions) => string;

/**
 * A reporter that prints as results arrive, so a run over many files holds one file's findings
 * at a time: `start` before the first file, `file` for each, `end` after the last (summaries
 * and tables that need the whole run). Each returns text to print as is; still pure.
 */
export interface ReportStream {
  start(): string;
  file(result: FileResult): string;
  end(): string;
}

/** Makes a ReportStream for one run. */
export type StreamingFormatter = (rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions) => ReportStream;

/** A streaming reporter as a Formatter: every result at once, one string. */
export function collect(stream: ReportStream, results: readonly FileResult[]): string {
  let out = stream.start();
  for (const result of results) out += stream.file(result);
  return out + stream.end();
}

/** The name every machine-facing output uses for the tool. */
export const TOOL_NAME = 'vault-lint';

/**
 * Count findings by severity over a run.
 *
 * Lives here rather than in one reporter because stylish and JSON both need it and neither
 * should load the other.
 */
export function summarize(results: readonly FileResult[]): Summary {
  const tally = new Tally();
  for (const result of results) tally.add(result);
  return tally.summary();
}

/** Counts findings by severity as results stream past. */
export class Tally {
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private files = 0;

  add(result: FileResult): void {
    this.files += 1;
    for (const finding of result.findings) this.counts[finding.severity] += 1;
  }

  summary(): Summary {
    return { errors: this.counts.error, warnings: this.counts.warning, infos: this.counts.info, files: this.files };
  }
}

/**
 * True for a Windows path (`C:\x`, `C:/x`, `\\server\share`). Reporters pick Windows or POSIX path
 * rules from the names they are given rather than from the platform they run on, so output is the
 * same wherever the tests run.
 */
export function isWindowsPath(value: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

/**
 * Join two sentences of our own metadata or a message and its hint into one text, for formats
 * with a single text field (SARIF, GitHub annotations). Messages carry no trailing period by
 * convention, so one is added before the second sentence to keep the two apart.
 */
export function joinSentences(first: string, second: string | undefined): string {
  if (second === undefined || second === '') return first;
  const separator = /[.!?]$/.test(first) ? ' ' : '. ';
  return `${first}${separator}${second}`;
}

/**
 * The guide section a finding cites: the one the engine stamped from the rule's metadata, or for
 * findings built elsewhere, the rule's own `meta.guide`.
 */
export function guideOf(finding: Finding, rules: ReadonlyMap<string, RuleInfo>): string | undefined {
  const guide = finding.guide ?? rules.get(finding.ruleId)?.meta.guide;
  return guide === '' ? undefined : guide;
}

/**
 * A message with its guide citation, for formats with a single text field (SARIF, GitHub
 * annotations): what is wrong, then why, as `(guide: "<section>")`.
 */
export function citeGuide(message: string, guide: string | undefined): string {
  return guide === undefined ? message : `${message} (guide: "${guide}")`;
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` spaces deep in a larger document. */
export function indentJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(depth)}`);
}

/**
 * The members of an object as `JSON.stringify(…, null, 2)` writes them at `depth`, with the
 * opening brace and without the closing one, so a streamed document can add members after them.
 */
export function openObject(value: Record<string, unknown>, depth: number): string {
  const text = indentJson(value, depth);
  return text.slice(0, text.lastIndexOf('\n'));
}
