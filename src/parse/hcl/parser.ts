/**
 * The HCL v1 grammar: tokens to the positioned tree, with error recovery and warnings.
 *
 * It mirrors HCL v1's parser function by function so that what it accepts, drops and absorbs is
 * decided the same way: commas between items are optional, `a =` at the end of the input is
 * silently dropped, several keys before `=` are rejected, an item that fails on a `}` is dropped
 * together with that `}` (the block then closes one brace later), and keys spread over lines read
 * as one block. Unlike HCL v1 it does not stop at the first error: it records the error, skips to
 * the next line that starts a key or to the closing brace, and keeps parsing, so rules still see
 * everything around a typo. What HCL v1 accepts but reads differently from what was written is a
 * warning.
 */
import type { HclItem, HclKey, HclList, HclObject, HclNode, HclString } from '../hcl-types.js';
import { ASSIGN, BOOL, COMMA, EOF, FLOAT, HEREDOC, IDENT, LBRACE, LBRACK, NUMBER, RBRACE, RBRACK, STRING, type Token } from './tokens.js';
import { assignedItem, Failure, TreeBuilder } from './tree-builder.js';

interface ListResult {
  items: HclItem[];
  /** An error HCL v1 swallows because it happened on a `}`; see `objectType`. */
  swallowed?: Failure;
}

export class HclParser extends TreeBuilder {
  /** Items rebuilt from a recognisable mistake, such as `address "x"` missing its `=`. */
  private readonly repaired: HclItem[] = [];
  /** Items HCL v1 dropped along with the `}` after them (see `objectType`). */
  private readonly absorbed: Failure[] = [];

  constructor(text: string) {
    super(text, false);
  }

  /** The whole text as an HCL body. */
  override parseDocument(): HclObject {
    if (this.text.indexOf('\u0000') >= 0) {
      const at = this.text.indexOf('\u0000');
      this.error(at, at + 1, 'Unexpected character U+0000');
    }
    if (this.text.indexOf('\ue123') >= 0) {
      const at = this.text.indexOf('\ue123');
      this.error(at, at + 1, 'Unexpected character U+E123');
    }
    const { items } = this.objectList(false);
    const body: HclObject = { type: 'object', items, start: 0, end: this.n };
    this.reportInvalidStrings(body);
    this.checkSurrogates(this.n);
    return body;
  }

  private objectList(inBraces: boolean): ListResult {
    const items: HclItem[] = [];
    for (;;) {
      if (inBraces) {
        const next = this.scan();
        this.unscan();
        if (next.type === RBRACE) break;
      }
      const result = this.objectItem();
      for (const repaired of this.repaired.splice(0)) items.push(repaired);
      if (result === null) break;
      if (result instanceof Failure) {
        if (inBraces && this.tok.type === RBRACE && !result.noSwallow) return { items, swallowed: result };
        this.record(result);
        if (result.item) items.push(result.item);
        this.recover(inBraces, result.openLists);
        continue;
      }
      items.push(result);
      if (this.scan().type !== COMMA) this.unscan();
    }
    return { items };
  }

  /** Skips what follows an error up to the next line that starts a key, or the enclosing `}`. */
  private recover(inBraces: boolean, openLists: number): void {
    const bad = this.tok;
    if (bad.type === EOF || (bad.type === RBRACE && inBraces)) {
      this.unscan();
      return;
    }
    this.scanner.discardPushback();
    let depth = bad.type === LBRACE || bad.type === LBRACK ? 1 : 0;
    let lists = openLists;
    for (;;) {
      const token = this.scan();
      const type = token.type;
      if (type === EOF) {
        this.unscan();
        return;
      }
      if (depth === 0) {
        if (type === RBRACE) {
          if (inBraces) {
            this.unscan();
            return;
          }
          continue;
        }
        if (type === RBRACK && lists > 0) {
          lists--;
          continue;
        }
        if (lists === 0 && token.nl && (type === IDENT || type === STRING)) {
          this.unscan();
          return;
        }
      }
      if (type === LBRACE || type === LBRACK) depth++;
      else if ((type === RBRACE || type === RBRACK) && depth > 0) depth--;
    }
  }

  /** One item; `null` at the end of input (including HCL v1's silent drop of `a =` there). */
  private objectItem(): HclItem | Failure | null {
    let keys: HclKey[] = [];
    // Whether a line break precedes each key: keys spread over lines usually mean a missing `=`.
    const breaks: boolean[] = [];
    let token = this.scan();
    while (token.type === IDENT || token.type === STRING) {
      keys.push(this.makeKey(token));
      breaks.push(token.nl);
      token = this.scan();
    }
    switch (token.type) {
      case EOF: {
        if (keys.length === 0) return null;
        const failure = this.fail(token, `Expected "=" or "{" after ${keyPhrase(keys)}, found end of input`);
        failure.noSwallow = true;
        return failure;
      }
      case ASSIGN: {
        if (keys.length === 0) return this.fail(token, 'Expected a key before "="');
        if (keys.length > 1) keys = this.splitKeys(keys, breaks, token);
        return this.assignment(keys, token);
      }
      case LBRACE: {
        if (keys.length === 0) return this.fail(token, 'Expected a key before "{"');
        const broken = breaks.indexOf(true, 1);
        if (broken > 0) {
          this.warn(
            keys[0]!.start,
            keys[keys.length - 1]!.end,
            `Block keys "${keys.map((key) => key.name).join(' ')}" span several lines; HCL v1 reads them as one block (missing "=" after ${keyPhrase(keys.slice(0, broken))}?)`,
          );
        }
        const value = this.objectType(keys.map((key) => key.name).join(' '));
        return { keys, assign: false, value, start: keys[0]!.start, end: value.end };
      }
      default: {
        const message =
          keys.length === 0
            ? `Expected a key, found ${this.describe(token)}`
            : `Expected "=" or "{" after ${keyPhrase(keys)}, found ${this.describe(token)}`;
        const failure = this.fail(token, message);
        // HCL v1 turns this `}` into EOF before returning, so no enclosing block absorbs it.
        if (keys.length > 0 && token.type === RBRACE) failure.noSwallow = true;
        return failure;
      }
    }
  }

  /**
   * HCL v1 rejects `=` after several keys (`storage "raft" = {}`). When a line break separates
   * the keys, the mistake is a missing `=` or `{` on the earlier line: report it there and parse
   * the last line's keys as the item. Otherwise report the `=` and parse the item anyway.
   */
  private splitKeys(keys: HclKey[], breaks: boolean[], assign: Token): HclKey[] {
    const split = breaks.lastIndexOf(true);
    if (split > 0) {
      const before = keys.slice(0, split);
      const first = before[0]!;
      // `address "x"` on its own line is an attribute missing its `=`.
      const second = before[1]!;
      if (before.length === 2 && second.quoted) {
        this.error(first.start, first.end, `Expected "=" after key "${first.name}"`);
        const value: HclString = { type: 'string', value: second.name, heredoc: false, start: second.start, end: second.end };
        this.repaired.push({ keys: [first], assign: true, value, start: first.start, end: second.end });
      } else this.error(first.start, before[before.length - 1]!.end, `Expected "=" or "{" after ${keyPhrase(before)}`);
      keys = keys.slice(split);
      if (keys.length === 1) return keys;
    }
    this.error(assign.start, assign.end, `Expected "{" after block labels "${keys.map((key) => key.name).join(' ')}", found "="`);
    return keys;
  }

  private assignment(keys: HclKey[], assign: Token): HclItem | Failure | null {
    const name = keys.map((key) => key.name).join(' ');
    const value = this.value(name);
    if (value === null) {
      const first = keys[0]!;
      this.warn(first.start, assign.end, `Missing value for "${name}" at the end of the input; HCL v1 ignores "${name}"`);
      return null;
    }
    return assignedItem(keys, value);
  }

  private value(name: string): HclNode | Failure | null {
    const token = this.scan();
    switch (token.type) {
      case NUMBER:
      case FLOAT:
      case BOOL:
      case STRING:
      case HEREDOC:
        return this.literal(token);
      case LBRACE:
        return this.objectType(name);
      case LBRACK:
        return this.listType();
      case EOF:
        return null;
      default:
        return this.fail(token, `Expected a value for "${name}", found ${this.describe(token)}`);
    }
  }

  private objectType(name: string): HclObject {
    const open = this.tok;
    if (this.tooDeep(open)) return { type: 'object', items: [], start: open.start, end: open.end };
    this.depth++;
    const { items, swallowed } = this.objectList(true);
    this.depth--;
    const close = this.scan();
    if (swallowed) {
      // HCL v1 swallows an error that stopped on a `}` and then wants another `}`: the item is
      // dropped and the block closes one brace later than written.
      if (close.type === RBRACE) {
        this.warn(swallowed.start, swallowed.end, `${swallowed.message}; HCL v1 drops the item and closes the block at the next "}"`);
        this.absorbed.push(swallowed);
        return { type: 'object', items, start: open.start, end: close.end };
      }
      this.record(swallowed);
      this.unscan();
      return { type: 'object', items, start: open.start, end: swallowed.end };
    }
    if (close.type === RBRACE) return { type: 'object', items, start: open.start, end: close.end };
    // At the end of the input the place to fix is the brace left open, not the empty last line.
    if (close.type === EOF) this.error(open.start, open.end, `Unclosed "{" of "${name}": the input ends before its "}"`);
    else this.error(close.start, close.end, `Expected "}" to close "${name}", found ${this.describe(close)}`);
    // A `}` absorbed by an item without value inside this block is the likely cause: say so there.
    for (const cause of this.absorbed) if (cause.start > open.start) this.record(cause);
    this.absorbed.length = 0;
    this.unscan();
    const last = items[items.length - 1];
    return { type: 'object', items, start: open.start, end: last ? last.end : open.end };
  }

  private listType(): HclList | Failure {
    const open = this.tok;
    const list: HclList = { type: 'list', items: [], start: open.start, end: open.end };
    if (this.tooDeep(open)) return list;
    this.depth++;
    try {
      let needComma = false;
      for (;;) {
        const token = this.scan();
        const type = token.type;
        if (needComma && type !== COMMA && type !== RBRACK) {
          return this.listFailure(list, token, `Expected "," or "]" after a list element, found ${this.describe(token)}`);
        }
        switch (type) {
          case BOOL:
          case NUMBER:
          case FLOAT:
          case STRING:
          case HEREDOC:
            this.push(list, this.literal(token));
            needComma = true;
            break;
          case COMMA:
            needComma = false;
            break;
          case LBRACE:
            this.push(list, this.objectType('list element'));
            needComma = true;
            break;
          case LBRACK: {
            // HCL v1 does not ask for a comma after a nested list.
            const inner = this.listType();
            if (inner instanceof Failure) {
              const partial = inner.item?.value;
              if (partial) this.push(list, partial);
              inner.openLists++;
              inner.item = this.partialItem(list);
              return inner;
            }
            this.push(list, inner);
            break;
          }
          case RBRACK:
            list.end = token.end;
            return list;
          default:
            return this.listFailure(list, token, `Expected a list element or "]", found ${this.describe(token)}`);
        }
      }
    } finally {
      this.depth--;
    }
  }
}

function keyPhrase(keys: HclKey[]): string {
  return `${keys.length === 1 ? 'key' : 'keys'} "${keys.map((key) => key.name).join(' ')}"`;
}
