/** What an inline directive switches: one line, the next line, or a region until `enable`. */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** The rule ids named; empty means every rule. */
  rules: string[];
  /** `until=YYYY-MM-DD`: the last day (UTC) the directive holds; after it, it suppresses nothing and is reported. */
  until?: string;
  /** The text after ` -- `, trimmed: why the finding is accepted. */
  reason?: string;
  /** Words that are neither a rule id nor a valid `until=` date; each makes the directive a finding. */
  invalid?: string[];
}

const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable', 'enable'];
const PREFIX = 'vault-lint-';

/**
 * Read a directive from the text of one comment (what follows its `#`, `//` or `/*`):
 * `vault-lint-disable-line [ids]`, `vault-lint-disable-next-line [ids]`, `vault-lint-disable [ids]`,
 * `vault-lint-enable [ids]`. Ids are separated by blanks or commas; `until=YYYY-MM-DD` limits how long it
 * holds; text after ` -- ` is the reason.
 * Only the parsers decide what is a comment, so a `#vault-lint-disable` inside a value is text.
 */
export function parseDirective(comment: string): Directive | undefined {
  const body = comment.trim();
  if (!body.startsWith(PREFIX)) return undefined;
  const rest = body.slice(PREFIX.length);
  const kind = KINDS.find(
    (candidate) => rest.startsWith(candidate) && (rest.length === candidate.length || isSeparator(rest.charCodeAt(candidate.length))),
  );
  if (!kind) return undefined;
  const tail = rest.slice(kind.length);
  // ` -- ` starts the reason; a bare ` --` at the end (trailing blanks trimmed) is an empty one.
  const split = tail.endsWith(' --') ? tail.length - 3 : tail.indexOf(' -- ');
  const words = (split < 0 ? tail : tail.slice(0, split)).split(/[\s,]+/).filter((word) => word !== '');
  const directive: Directive = { kind, rules: [] };
  if (split >= 0) {
    const reason = tail.slice(split + 3).trim();
    if (reason !== '') directive.reason = reason;
  }
  for (const word of words) {
    if (word.startsWith(UNTIL) && directive.until === undefined && isDate(word.slice(UNTIL.length)))
      directive.until = word.slice(UNTIL.length);
    else if (isRuleId(word)) directive.rules.push(word);
    else (directive.invalid ??= []).push(word);
  }
  return directive;
}

const UNTIL = 'until=';

/** A real calendar date written `YYYY-MM-DD`. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function isSeparator(code: number): boolean {
  return code === 32 || code === 9 || code === 44;
}

function isRuleId(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 47)) return false;
  }
  return true;
}
