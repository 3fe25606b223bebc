/**
 * What the HCL and JSON grammars share: the scanner, the problem lists, the nesting limit, and
 * turning tokens into positioned nodes.
 *
 * Values are decoded as HCL v1 decodes them: numbers by Go's rules (a number that fails to decode
 * is kept as NaN with its source text), strings by HCL v1's `Unquote`, JSON `null` as `""`. HCL v1
 * panics on a string escape it scanned but cannot decode (`\400`, `\U00110000`), but only when it
 * decodes the value, which it skips for items it drops: such errors wait until the final tree is
 * known. Text with a lone UTF-16 surrogate has no UTF-8 form; HCL v1, reading bytes, fails on the
 * first invalid one, but only within what it scanned.
 */
import type { HclComment, HclItem, HclKey, HclList, HclNode, HclNumber, HclObject, HclString, HclSyntaxError } from '../hcl-types.js';
import { DEFAULT_LIMITS } from '../../limits.js';
import { parseGoFloat, parseGoInt } from './numbers.js';
import { Scanner } from './scanner.js';
import { BOOL, EOF, FLOAT, HEREDOC, IDENT, NULL, NUMBER, type Token } from './tokens.js';
import { normaliseNewlines, unindentHeredoc, unquote } from './strings.js';

/** Deeper nesting than this is reported instead of recursed into, so no input can overflow the stack. */
const MAX_DEPTH = DEFAULT_LIMITS.maxConfigDepth;

/** A parse failure travelling up to the enclosing body, as HCL v1 returns it up its call chain. */
export class Failure {
  /** Lists opened between the enclosing body and the failure; recovery must skip their `]`. */
  openLists = 0;
  /** HCL v1 rewrites the current token in this case, so the enclosing block cannot absorb it. */
  noSwallow = false;
  /** JSON `{}` or a trailing comma: an "error" HCL v1 expects and absorbs. */
  benign = false;
  /** What was parsed of the failing item, kept in the tree for the rules. */
  item: HclItem | undefined;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly message: string,
  ) {}
}

/** An `=` (or JSON `:`) item from its keys and value; a failed value keeps what parsed of it. */
export function assignedItem(keys: HclKey[], value: HclNode | Failure): HclItem | Failure {
  if (value instanceof Failure) {
    const partial = value.item?.value;
    value.item = partial ? { keys, assign: true, value: partial, start: keys[0]!.start, end: partial.end } : undefined;
    return value;
  }
  return { keys, assign: true, value, start: keys[0]!.start, end: value.end };
}

/** Parser state and node building; `HclParser` and `JsonParser` add the grammars. */
export abstract class TreeBuilder {
  readonly errors: HclSyntaxError[] = [];
  readonly warnings: HclSyntaxError[] = [];
  readonly comments: HclComment[] = [];
  protected readonly n: number;
  protected readonly scanner: Scanner;
  protected depth = 0;
  private readonly invalidStrings: Array<{ owner: object; error: HclSyntaxError }> = [];

  constructor(
    protected readonly text: string,
    protected readonly json: boolean,
  ) {
    this.n = text.length;
    this.scanner = new Scanner(text, json, this.errors, this.comments);
  }

  /** Parses the whole text; call once. */
  abstract parseDocument(): HclObject;

  // ---------------------------------------------------------------------------------------------
  // Tokens

  protected scan(): Token {
    return this.scanner.scan();
  }

  protected unscan(): void {
    this.scanner.unscan();
  }

  /** The token last scanned. */
  protected get tok(): Token {
    return this.scanner.current;
  }

  // ---------------------------------------------------------------------------------------------
  // Problems

  protected error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }

  protected warn(start: number, end: number, message: string): void {
    this.warnings.push({ start, end, message });
  }

  protected fail(token: Token, message: string): Failure {
    return new Failure(token.start, token.end, message);
  }

  protected record(failure: Failure): void {
    this.error(failure.start, failure.end, failure.message);
  }

  protected describe(token: Token): string {
    if (token.type === EOF) return 'end of input';
    const source = this.text.slice(token.start, token.end);
    const shown = source.length > 24 ? `${source.slice(0, 24)}…` : source;
    return `"${shown.replaceAll('\n', '\\n')}"`;
  }

  // ---------------------------------------------------------------------------------------------
  // Nodes

  private slice(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    return this.json ? raw : normaliseNewlines(raw);
  }

  protected makeKey(token: Token): HclKey {
    if (token.type === IDENT) return { name: this.text.slice(token.start, token.end), quoted: false, start: token.start, end: token.end };
    const key: HclKey = { name: '', quoted: true, start: token.start, end: token.end };
    key.name = this.stringValue(token, key);
    return key;
  }

  /**
   * Decodes a string token. HCL v1 panics on an escape it scanned but cannot decode (`\400`,
   * `\U00110000`), but only when it decodes the value, which it skips for dropped items: the
   * error waits in `invalidStrings` until the final tree is known.
   */
  private stringValue(token: Token, owner: object): string {
    let raw = this.slice(token.start, token.end);
    if (token.bad) {
      if (raw.length < 2 || raw.charCodeAt(raw.length - 1) !== 34) raw += '"';
      return unquote(raw, !this.json).value;
    }
    const result = unquote(raw, !this.json);
    if (!result.ok) {
      this.invalidStrings.push({
        owner,
        error: { start: token.start, end: token.end, message: `Invalid escape in string ${this.describe(token)}: value out of range` },
      });
    }
    return result.value;
  }

  /** Reports the undecodable strings that made it into the final tree. */
  protected reportInvalidStrings(body: HclObject): void {
    if (this.invalidStrings.length === 0) return;
    const reachable = new Set<object>();
    const visit = (node: HclNode): void => {
      reachable.add(node);
      if (node.type === 'object') {
        for (const item of node.items) {
          for (const key of item.keys) reachable.add(key);
          visit(item.value);
        }
      } else if (node.type === 'list') for (const element of node.items) visit(element);
    };
    visit(body);
    for (const { owner, error } of this.invalidStrings) if (reachable.has(owner)) this.errors.push(error);
  }

  protected literal(token: Token): HclNode {
    const { start, end } = token;
    switch (token.type) {
      case BOOL:
        return { type: 'bool', value: this.text.charCodeAt(start) === 116, start, end };
      case NUMBER:
      case FLOAT: {
        const raw = this.slice(start, end);
        const parsed = token.type === NUMBER ? parseGoInt(raw) : parseGoFloat(raw);
        return { type: 'number', value: typeof parsed === 'number' ? parsed : Number.NaN, raw, start, end } satisfies HclNumber;
      }
      case HEREDOC: {
        const value = token.bad ? '' : unindentHeredoc(this.slice(start, end));
        return { type: 'string', value, heredoc: true, start, end };
      }
      case NULL:
        // HCL v1 turns JSON null into an empty string token.
        return { type: 'string', value: '', heredoc: false, start, end };
      default: {
        const node: HclString = { type: 'string', value: '', heredoc: false, start, end };
        node.value = this.stringValue(token, node);
        if (token.escaped) node.raw = this.slice(start, end);
        return node;
      }
    }
  }

  /**
   * A lone surrogate is text that has no UTF-8 form; HCL v1 reads bytes and stops at the first
   * invalid one ("illegal UTF-8 encoding"), but only within the text it scanned.
   */
  protected checkSurrogates(scannedEnd: number): void {
    const text = this.text;
    const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
    if (wellFormed && wellFormed.call(text)) return;
    for (let i = 0; i < scannedEnd; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      this.error(i, i + 1, 'Invalid text: unpaired UTF-16 surrogate (no UTF-8 encoding)');
      return;
    }
  }

  protected tooDeep(token: Token): boolean {
    if (this.depth < MAX_DEPTH) return false;
    this.error(token.start, token.end, `Nesting deeper than ${MAX_DEPTH} levels`);
    // Give up on the rest of the input rather than recurse further.
    this.scanner.skipToEnd();
    return true;
  }

  protected push(list: HclList, node: HclNode): void {
    list.items.push(node);
    list.end = node.end;
  }

  protected listFailure(list: HclList, token: Token, message: string): Failure {
    const failure = this.fail(token, message);
    failure.openLists = 1;
    failure.item = this.partialItem(list);
    return failure;
  }

  /** A keyless carrier for a partial value; `assignment` gives it the item's keys. */
  protected partialItem(value: HclNode): HclItem {
    return { keys: [], assign: true, value, start: value.start, end: value.end };
  }
}
