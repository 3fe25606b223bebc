import { createHash } from 'node:crypto';
import { ConfigError } from '../engine/config.js';
import { originLabel, type FileResult, type Finding } from '../engine/types.js';
import { LineIndex } from '../parse/lines.js';
import { quoteName } from './errors.js';
import { readOwnFile } from './input.js';

/**
 * A baseline: the findings a team has accepted for now, so that adopting the linter on an existing
 * repository gates only on new ones. An entry is keyed by release, file, rule, message, the values
 * path and config path of the finding, and a digest of the (masked) text at its place — never by
 * line, so edits elsewhere in the file keep it valid, while changing the offending value makes the
 * finding new again. The same key may occur several times (`count`).
 */
export interface BaselineEntry {
  /** The release the finding belongs to: the values files layered into it, as named on the command line. */
  release: string;
  file: string;
  rule: string;
  messageId: string;
  /** The values path, dotted (`server.ha.replicas`); absent at the top of the file. */
  path?: string;
  /** Inside an embedded Vault config: the config path, dotted (`listener.tcp.tls_disable`). */
  config?: string;
  /** `sha256:` and the first 16 hex digits of the digest of the text at the finding's place. */
  digest: string;
  count: number;
}

interface BaselineDocument {
  vaultLintBaseline: 1;
  entries: BaselineEntry[];
}

const FORMAT = 1;

type Key = string;

/** The accepted findings of a baseline file, consumed as findings match them. */
export class Baseline {
  private readonly remaining = new Map<Key, { entry: BaselineEntry; left: number }>();

  private constructor(entries: readonly BaselineEntry[]) {
    for (const entry of entries) {
      const key = entryKey(entry);
      const known = this.remaining.get(key);
      if (known) known.left += entry.count;
      else this.remaining.set(key, { entry, left: entry.count });
    }
  }

  /** Read a baseline file's text; anything but a baseline this version wrote is a ConfigError naming the file. */
  static parse(text: string, name: string): Baseline {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`Baseline ${quoteName(name)} is not JSON: ${(error as Error).message}`);
    }
    if (!isDocument(document)) {
      throw new ConfigError(
        `Baseline ${quoteName(name)} is not a vault-lint baseline (expected {"vaultLintBaseline": ${FORMAT}, "entries": [...]})`,
      );
    }
    return new Baseline(document.entries);
  }

  /** Split a file's findings into new ones and those the baseline accepts (each entry matches `count` findings). */
  match(release: string, result: FileResult): { fresh: Finding[]; accepted: Finding[] } {
    const fresh: Finding[] = [];
    const accepted: Finding[] = [];
    const text = placeText(result);
    for (const finding of result.findings) {
      const known = this.remaining.get(entryKey(entryOf(release, finding, text)));
      if (known && known.left > 0) {
        known.left -= 1;
        accepted.push(finding);
      } else fresh.push(finding);
    }
    return { fresh, accepted };
  }

  /** The entries no finding matched: fixed since the baseline was written. */
  stale(): BaselineEntry[] {
    const out: BaselineEntry[] = [];
    for (const { entry, left } of this.remaining.values()) if (left > 0) out.push({ ...entry, count: left });
    return out;
  }

  /** The entries findings matched, for `--baseline-prune`. */
  used(): BaselineEntry[] {
    const out: BaselineEntry[] = [];
    for (const { entry, left } of this.remaining.values()) if (left < entry.count) out.push({ ...entry, count: entry.count - left });
    return out;
  }
}

/** Collects entries for `--write-baseline`. */
export class BaselineWriter {
  private readonly entries = new Map<Key, BaselineEntry>();

  add(release: string, result: FileResult): void {
    const text = placeText(result);
    for (const finding of result.findings) {
      const entry = entryOf(release, finding, text);
      const key = entryKey(entry);
      const known = this.entries.get(key);
      if (known) known.count += 1;
      else this.entries.set(key, entry);
    }
  }

  get size(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.count;
    return total;
  }

  toString(): string {
    return serializeBaseline([...this.entries.values()]);
  }
}

/** A baseline file's text: entries in a stable order, so that the file diffs well in review. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => compare(entryKey(a), entryKey(b)));
  const document: BaselineDocument = { vaultLintBaseline: FORMAT, entries: sorted };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entryKey(entry: BaselineEntry): Key {
  return JSON.stringify([entry.release, entry.file, entry.rule, entry.messageId, entry.path ?? '', entry.config ?? '', entry.digest]);
}

function entryOf(release: string, finding: Finding, text: (finding: Finding) => string): BaselineEntry {
  const { location } = finding;
  const entry: BaselineEntry = {
    release,
    file: originLabel(location),
    rule: finding.ruleId,
    messageId: finding.messageId,
    digest: `sha256:${createHash('sha256').update(text(finding)).digest('hex').slice(0, 16)}`,
    count: 1,
  };
  if (location.yamlPath && location.yamlPath.length > 0) entry.path = location.yamlPath.join('.');
  if (location.hclPath && location.hclPath.length > 0) entry.config = location.hclPath.join('.');
  return entry;
}

/** The text at a finding's place in the file's masked source (secrets already replaced), blanks at its ends trimmed. */
function placeText(result: FileResult): (finding: Finding) => string {
  const source = result.source;
  if (source === undefined) return () => '';
  let index: LineIndex | undefined;
  return ({ location }) => {
    index ??= new LineIndex(source);
    return source.slice(index.offset(location.line, location.column), index.offset(location.endLine, location.endColumn)).trim();
  };
}

function isDocument(value: unknown): value is BaselineDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { vaultLintBaseline, entries } = value as Partial<BaselineDocument>;
  return vaultLintBaseline === FORMAT && Array.isArray(entries) && entries.every(isEntry);
}

function isEntry(value: unknown): value is BaselineEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const text = (key: string): boolean => typeof entry[key] === 'string';
  const optional = (key: string): boolean => entry[key] === undefined || text(key);
  return (
    text('release') &&
    text('file') &&
    text('rule') &&
    text('messageId') &&
    text('digest') &&
    optional('path') &&
    optional('config') &&
    Number.isInteger(entry.count) &&
    (entry.count as number) > 0
  );
}

/** What `--baseline`, `--baseline-prune` and `--write-baseline` do to a run, file by file. */
export interface BaselineStage {
  /** The result as reported: accepted findings dropped, or kept as `external` suppressions for SARIF. */
  filter(release: string, result: FileResult): FileResult;
  /** After the last file: write what has to be written, and the line to print on standard error (if any). */
  finish(write: (path: string, text: string) => void): string | undefined;
  /** `--write-baseline` accepts every finding: the run passes. */
  readonly accepting: boolean;
}

/**
 * The baseline stage of a run. `read` returns a file's text (or throws a ConfigError/EnvironmentError
 * naming it); `keepAccepted` keeps accepted findings as suppressed results (SARIF with `--include-suppressed`).
 */
export function baselineStage(
  flags: { baseline?: string; writeBaseline?: string; prune?: boolean },
  read: (path: string) => string,
  keepAccepted: boolean,
): BaselineStage | undefined {
  const { baseline: path, writeBaseline, prune } = flags;
  if (path !== undefined && writeBaseline !== undefined) {
    throw new ConfigError('--baseline and --write-baseline cannot be combined: write a new baseline, or lint against one');
  }
  if (prune && path === undefined) throw new ConfigError('--baseline-prune needs --baseline FILE');
  if (writeBaseline !== undefined) {
    const writer = new BaselineWriter();
    return {
      accepting: true,
      filter(release, result) {
        writer.add(release, { ...result, findings: result.findings.filter((finding) => !finding.suppression) });
        return result;
      },
      finish(write) {
        write(writeBaseline, writer.toString());
        return `vault-lint: wrote ${writer.size} ${writer.size === 1 ? 'finding' : 'findings'} to the baseline ${quoteName(writeBaseline)}`;
      },
    };
  }
  if (path === undefined) return undefined;
  const baseline = Baseline.parse(read(path), path);
  return {
    accepting: false,
    filter(release, result) {
      const open = result.findings.filter((finding) => !finding.suppression);
      const { accepted } = baseline.match(release, { ...result, findings: open });
      if (accepted.length === 0) return result;
      const marked = new Set(accepted);
      if (!keepAccepted) return { ...result, findings: result.findings.filter((finding) => !marked.has(finding)) };
      return {
        ...result,
        findings: result.findings.map((finding) =>
          marked.has(finding)
            ? { ...finding, suppression: { kind: 'external', justification: `accepted in the baseline ${path}` } }
            : finding,
        ),
      };
    },
    finish(write) {
      const stale = baseline.stale();
      const count = stale.reduce((total, entry) => total + entry.count, 0);
      if (count === 0) return undefined;
      const entries = `${count} baseline ${count === 1 ? 'entry matches' : 'entries match'} no finding any more (fixed)`;
      if (!prune) return `vault-lint: ${entries}; --baseline-prune removes them from ${quoteName(path)}`;
      write(path, serializeBaseline(baseline.used()));
      return `vault-lint: ${entries}; removed from ${quoteName(path)}`;
    },
  };
}

/** A baseline file's text; a missing file is a usage error, an unreadable one an environment error. */
export function readBaselineFile(path: string, name: string): string {
  return readOwnFile(path, name, 'baseline', `No baseline file ${quoteName(name)}; create one with --write-baseline ${name}`);
}
