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
  /**
   * The deployment guide section (or hardening source) the finding enforces: the "why" of the
   * message, from the rule's metadata. Reporters render it; messages do not repeat it.
   */
  guide?: string;
  /** The documentation page of the rule, pinned to the package version; absent when the package names no repository. */
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
  /** The deployment guide section (or hardening source) the rule enforces; findings cite it. */
  guide: string;
  /**
   * Guide sections of single messages that cite a different or narrower source than the rule's
   * `guide` (e.g. one storage rule whose path message cites "Stateful storage").
   */
  messageGuides?: Record<string, string>;
  messages: Record<string, string>;
  hints?: Record<string, string>;
  /**
   * Default severities of single messages that differ from the rule's (e.g. a wrong type is an
   * error where an unknown key is a warning). A severity set by the user for the rule wins over
   * these; the `strict` preset raises them like the rule's own.
   */
  messageSeverities?: Record<string, Severity>;
  /** Options the rule accepts: the one declaration defaults, presets, docs and schemas derive from. */
  options?: Record<string, RuleOption>;
  /** Where the rule's concern exists (modes, fewest server pods); the engine skips the rule elsewhere. */
  appliesTo?: RuleScope;
  /**
   * The page of a rule from outside vault-lint (a plugin's), as an https URL: its link in every
   * output. vault-lint's own rules leave it out: their page derives from the id (`docs.ts`).
   */
  docs?: string;
}

/**
 * One option of a rule, declared once: its default, its value under the `strict` preset, its JSON
 * Schema (derived by `optionSchema`) and the rule page's options table all come from here.
 */
export type RuleOption = BooleanOption | IntegerOption | StringOption | StringListOption;

interface OptionBase<T> {
  default: T;
  /** The value the `strict` preset sets; the default when omitted. */
  strict?: T;
  /** What the option does, one sentence without a trailing period (docs tables, JSON Schema). */
  description: string;
}

export interface BooleanOption extends OptionBase<boolean> {
  type: 'boolean';
}

export interface IntegerOption extends OptionBase<number> {
  type: 'integer';
  minimum?: number;
  maximum?: number;
}

export interface StringOption extends OptionBase<string> {
  type: 'string';
  /** The accepted values, when the option is a choice. */
  enum?: readonly string[];
}

export interface StringListOption extends OptionBase<readonly string[]> {
  type: 'string[]';
}

/** The value type an option declaration stands for. */
export type OptionValue<T extends RuleOption> = T extends BooleanOption
  ? boolean
  : T extends IntegerOption
    ? number
    : T extends StringOption
      ? string
      : readonly string[];

/** The options object a rule's `check` receives, typed from its declarations. */
// `unknown` for anything that is no option declaration: a registry's `Rule` (any options) then takes any options object.
export type OptionValues<P extends Record<string, RuleOption>> = { [K in keyof P]: P[K] extends RuleOption ? OptionValue<P[K]> : unknown };

/** What reporters see of a rule. */
export interface RuleInfo {
  id: string;
  meta: RuleMeta;
  /** The rule's page, pinned to the package version; absent when the package names no repository. */
  docsUrl?: string;
  /**
   * The rule's page itself (`rules/<id>.md`, shipped in the package), for formats that carry help
   * text (SARIF) when there is no page to link to.
   */
  documentation?: string;
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
