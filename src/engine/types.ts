import type { RuleScope } from './scope.js';

/** Severity of a finding, and of a rule by default. */
export type Severity = 'error' | 'warning' | 'info';

/** Ordered from most to least severe; the index is the sort key. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Text a location points into: a values file as the user named it (or `<stdin>`). */
export interface FileOrigin {
  kind: 'file';
  file: string;
}

/** Text a location points into: one `--set`, `--set-string` or `--set-file` argument, which has no file. */
export interface SetOrigin {
  kind: 'set';
  /** 1-based position of the argument among the release's `--set`-family arguments, in the order Helm applies them. */
  index: number;
  /** The flag and the argument as given, every secret masked one character for one: `--set server.image.tag=latest`. */
  argument: string;
  /**
   * The values file the argument is layered onto (the release's first file): where a format that
   * must name a file (SARIF) places the finding. Absent when the release has no file.
   */
  onto?: string;
}

/** What a location or a result is about: a values file, or a `--set` argument. */
export type Origin = FileOrigin | SetOrigin;

/** The name people read for an origin: the file as named, or the flag and its argument. */
export function originLabel(origin: Origin): string {
  return origin.kind === 'file' ? origin.file : origin.argument;
}

/** The origin of a location or a result alone, without its positions, findings or source. */
export function originPart(origin: Origin): Origin {
  if (origin.kind === 'file') return { kind: 'file', file: origin.file };
  const out: SetOrigin = { kind: 'set', index: origin.index, argument: origin.argument };
  if (origin.onto !== undefined) out.onto = origin.onto;
  return out;
}

/**
 * Where a finding lies: a position in a values file or in a `--set` argument (then the line is 1
 * and the columns count inside the argument, the flag not included). 1-based line and column,
 * the end exclusive (the column after the last character), columns in UTF-16 code units.
 */
export type Location = Origin & {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Path of the YAML node in the values file, e.g. `['server', 'ha', 'replicas']`. */
  yamlPath?: (string | number)[];
  /** Inside an embedded Vault config: the path of the HCL node, e.g. `['listener', 'tcp', 'tls_disable']`. */
  hclPath?: (string | number)[];
  /** Inside an embedded Vault config: the 1-based line within the config text. */
  hclLine?: number;
  /** True when the exact place could not be mapped (escaped or folded scalar) and the span covers the whole scalar. */
  approximate?: boolean;
};

/** A secondary place of a finding: another place the same root cause shows, or that changes with the fix. */
export interface RelatedLocation {
  location: Location;
  /** A short phrase saying what this place has to do with the finding. Never contains a secret value. */
  message: string;
}

/** One problem found by one rule. */
export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  /** One sentence: what is wrong. Never contains a secret value. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** The documentation page of the rule. */
  docsUrl?: string;
  location: Location;
  /** The other places of the same root cause, in the order the rule gave them; absent when none. */
  relatedLocations?: RelatedLocation[];
  /** Set when the value that matters comes from the chart's defaults, not from the user's files. */
  fromChartDefault?: boolean;
  /**
   * Set only on findings that are suppressed but kept for SARIF (`--include-suppressed`): `inSource`
   * by an inline directive, `external` by the baseline. SARIF reports them with `suppressions`; other
   * formats never receive them, and the exit code ignores them.
   */
  suppression?: { kind: 'inSource' | 'external'; justification?: string };
  /** Fix suggestions are not produced yet; kept for reporters that carry them. */
}

/** Metadata of one rule, declared once; docs links, SARIF rules and the README table derive from it. */
export interface RuleMeta {
  description: string;
  severity: Severity;
  tags: string[];
  /** The deployment guide section (or hardening source) the rule enforces. */
  guide: string;
  messages: Record<string, string>;
  hints?: Record<string, string>;
  /**
   * Default severities of single messages that differ from the rule's (e.g. a wrong type is an
   * error where an unknown key is a warning). A severity set by the user for the rule wins over
   * these; the `strict` preset raises them like the rule's own.
   */
  messageSeverities?: Record<string, Severity>;
  /** Options the rule accepts, with their defaults. */
  options?: Record<string, RuleOption>;
  /** Where the rule's concern exists (modes, fewest server pods); the engine skips the rule elsewhere. */
  appliesTo?: RuleScope;
}

export interface RuleOption {
  type: 'boolean' | 'number' | 'string' | 'string[]';
  default: boolean | number | string | string[];
  description: string;
}

/** What reporters see of a rule. */
export interface RuleInfo {
  id: string;
  meta: RuleMeta;
  docsUrl: string;
}

/** The findings of one linted values file or `--set` argument, as reporters receive them. */
export type FileResult = Origin & {
  /** Sorted by line, column, rule id. */
  findings: Finding[];
  /** The text with every secret value masked, for code frames; absent for stdin-less or unreadable targets. */
  source?: string;
};

/** Counts over a run, used by reporters and the exit code. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}
