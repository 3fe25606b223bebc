import type { RuleScope } from './scope.js';

/** Severity of a finding, and of a rule by default. */
export type Severity = 'error' | 'warning' | 'info';

/** Ordered from most to least severe; the index is the sort key. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Where a finding lies. Always a values-file position: 1-based line and column, the end
 * exclusive (the column after the last character), columns in UTF-16 code units.
 */
export interface Location {
  /** The file as the user named it (or `<stdin>`, or a `--set` argument's label). */
  file: string;
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
}

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

/** The findings of one linted target, as reporters receive them. */
export interface FileResult {
  /** Display name of the target. */
  file: string;
  /** Sorted by line, column, rule id. */
  findings: Finding[];
  /** The target's text with every secret value masked, for code frames; absent for stdin-less or unreadable targets. */
  source?: string;
}

/** Counts over a run, used by reporters and the exit code. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}
