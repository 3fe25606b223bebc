/** What an inline directive switches: one line, the next line, or a region until `enable`. */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** The rule ids named; empty means every rule. */
  rules: string[];
}

const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable', 'enable'];
const PREFIX = 'vault-lint-';

/**
 * Read a directive from the text of one comment (what follows its `#`, `//` or `/*`):
 * `vault-lint-disable-line [ids]`, `vault-lint-disable-next-line [ids]`, `vault-lint-disable [ids]`,
 * `vault-lint-enable [ids]`. Ids are separated by blanks or commas; text after ` -- ` is the reason.
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
  const ruleText = rest.slice(kind.length).split(' -- ')[0]!;
  const rules = ruleText.split(/[\s,]+/).filter((rule) => rule !== '' && isRuleId(rule));
  return { kind, rules };
}

function isSeparator(code: number): boolean {
  return code === 32 || code === 9 || code === 44;
}

function isRuleId(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}
