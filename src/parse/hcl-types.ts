/**
 * Positioned HCL v1 syntax tree. Offsets are 0-based UTF-16 indexes into the text given to
 * the parser, `end` exclusive. The embedded-config layer maps them back to the values file.
 */
export interface Span {
  start: number;
  end: number;
}

export type HclNode = HclString | HclNumber | HclBool | HclList | HclObject;

export interface HclString extends Span {
  type: 'string';
  /** Decoded value (escapes resolved; heredoc body with its indentation rules applied). */
  value: string;
  heredoc: boolean;
  /**
   * Source text, quotes included, set only when it differs from the quoted value (the literal
   * has backslash escapes). HCL v1 reads a few values from the source text rather than the value.
   */
  raw?: string;
}

export interface HclNumber extends Span {
  type: 'number';
  value: number;
  /** Source text, e.g. `0x1F`, `0755`, `1e3`. */
  raw: string;
}

export interface HclBool extends Span {
  type: 'bool';
  value: boolean;
}

export interface HclList extends Span {
  type: 'list';
  items: HclNode[];
}

/** A block body or an object literal `{ ... }`; both hold items. */
export interface HclObject extends Span {
  type: 'object';
  items: HclItem[];
}

export interface HclKey extends Span {
  /** The key text, unquoted and unescaped. */
  name: string;
  quoted: boolean;
}

/**
 * One entry of a body: `a = 1` has keys [a]; `storage "raft" { }` has keys [storage, raft];
 * `telemetry { }` has keys [telemetry] and `assign` false. The span covers keys through value.
 */
export interface HclItem extends Span {
  keys: HclKey[];
  /** True when written with `=` (or `:` in JSON). */
  assign: boolean;
  value: HclNode;
}

export interface HclSyntaxError extends Span {
  message: string;
}

export interface HclComment extends Span {
  /** `#`, `//` or `/*`. */
  style: '#' | '//' | '/*';
  text: string;
}

export interface HclFile {
  /** The top-level body; on error, holds every item parsed before and after the error. */
  body: HclObject;
  errors: HclSyntaxError[];
  /**
   * Text HCL v1 accepts but silently drops or reads oddly (a trailing `a =` at the end of input,
   * an item without value right before `}`, block keys spread over lines, JSON after its root
   * object). Vault starts, but not with what the user wrote.
   */
  warnings?: HclSyntaxError[];
  comments: HclComment[];
  /** True when the text was read as JSON (first non-blank character `{`), as HCL v1 does. */
  json: boolean;
}
