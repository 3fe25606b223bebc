/**
 * The JSON grammar of HCL v1, chosen when the first non-blank character is `{`.
 *
 * HCL v1's JSON parser is lenient where JSON is strict and strict where it is lenient: trailing
 * commas, a missing final `}` and anything after the root object are accepted, while booleans and
 * nested arrays inside arrays vanish. The result is then flattened the way HCL v1 does it, so
 * `{"storage": {"raft": {...}}}` reads like `storage "raft" {...}`. Errors HCL v1 absorbs become
 * warnings; recovery skips to the next member or the end of the object.
 */
import type { HclItem, HclKey, HclList, HclNode, HclObject } from '../hcl-types.js';
import { isGoSpace } from './chars.js';
import { BOOL, COLON, COMMA, EOF, FLOAT, LBRACE, LBRACK, NULL, NUMBER, RBRACE, RBRACK, STRING } from './tokens.js';
import { assignedItem, Failure, TreeBuilder } from './tree-builder.js';

export class JsonParser extends TreeBuilder {
  constructor(text: string) {
    super(text, true);
  }

  /** The whole text as one JSON object, flattened into an HCL body. */
  override parseDocument(): HclObject {
    const open = this.scan();
    if (open.type !== LBRACE) {
      this.error(open.start, open.end, `Expected "{" to start the JSON document, found ${this.describe(open)}`);
      return { type: 'object', items: [], start: 0, end: this.n };
    }
    const body = this.jsonObject();
    flattenObject(body);
    this.reportInvalidStrings(body);
    const scanned = this.scanner.scannedEnd;
    this.checkSurrogates(scanned);
    let rest = scanned;
    while (rest < this.n && isGoSpace(this.text.charCodeAt(rest))) rest++;
    if (rest < this.n) this.warn(rest, this.n, 'Text after the JSON object is ignored by HCL v1');
    return body;
  }

  private jsonObject(): HclObject {
    const open = this.tok;
    const object: HclObject = { type: 'object', items: [], start: open.start, end: open.end };
    if (this.tooDeep(open)) return object;
    this.depth++;
    try {
      for (;;) {
        const result = this.jsonItem();
        if (result === null) {
          this.warn(this.n, this.n, 'Missing "}" at the end of the JSON input; HCL v1 accepts the truncated document');
          object.end = this.n;
          return object;
        }
        if (result instanceof Failure) {
          if (this.tok.type === RBRACE) {
            if (!result.benign) this.warn(result.start, result.end, `${result.message}; HCL v1 drops this member`);
            object.end = this.tok.end;
            return object;
          }
          this.record(result);
          if (result.item) object.items.push(result.item);
          const stop = this.jsonRecover(result.openLists);
          object.end = this.tok.end;
          if (stop === COMMA) continue;
          return object;
        }
        object.items.push(result);
        object.end = result.end;
        const after = this.scan();
        if (after.type === COMMA) continue;
        if (after.type === RBRACE) object.end = after.end;
        else if (after.type === EOF)
          this.warn(this.n, this.n, 'Missing "}" at the end of the JSON input; HCL v1 accepts the truncated document');
        else
          this.warn(
            after.start,
            after.end,
            `Expected "," or "}" after a JSON member, found ${this.describe(after)}; HCL v1 ends the object here`,
          );
        return object;
      }
    } finally {
      this.depth--;
    }
  }

  /** Skips to the next member (`,`) or the end of the object (`}`), past unclosed arrays. */
  private jsonRecover(openLists: number): number {
    const bad = this.tok;
    if (bad.type === EOF) return EOF;
    let depth = bad.type === LBRACE || bad.type === LBRACK ? 1 : 0;
    let lists = openLists;
    for (;;) {
      const token = this.scan();
      const type = token.type;
      if (type === EOF) return EOF;
      if (depth === 0) {
        if (type === RBRACK && lists > 0) {
          lists--;
          continue;
        }
        if (type === RBRACE) return RBRACE;
        if (type === COMMA && lists === 0) return COMMA;
      }
      if (type === LBRACE || type === LBRACK) depth++;
      else if ((type === RBRACE || type === RBRACK) && depth > 0) depth--;
    }
  }

  private jsonItem(): HclItem | Failure | null {
    const keys: HclKey[] = [];
    for (;;) {
      const token = this.scan();
      if (token.type === EOF) return null;
      if (token.type === STRING) {
        keys.push(this.makeKey(token));
        continue;
      }
      if (token.type === COLON) {
        if (keys.length > 0) break;
        return this.fail(token, 'Expected a string key before ":"');
      }
      const failure = this.fail(token, `Expected a string key, found ${this.describe(token)}`);
      failure.benign = keys.length === 0 && token.type === RBRACE;
      return failure;
    }
    const name = keys.map((key) => key.name).join(' ');
    const value = this.jsonValue(name);
    if (value === null) return null;
    return assignedItem(keys, value);
  }

  private jsonValue(name: string): HclNode | Failure | null {
    const token = this.scan();
    switch (token.type) {
      case NUMBER:
      case FLOAT:
      case BOOL:
      case NULL:
      case STRING:
        return this.literal(token);
      case LBRACE:
        return this.jsonObject();
      case LBRACK:
        return this.jsonList();
      case EOF:
        return null;
      default:
        return this.fail(token, `Expected a JSON value for "${name}", found ${this.describe(token)}`);
    }
  }

  private jsonList(): HclList | Failure {
    const open = this.tok;
    const list: HclList = { type: 'list', items: [], start: open.start, end: open.end };
    if (this.tooDeep(open)) return list;
    this.depth++;
    try {
      for (;;) {
        const token = this.scan();
        switch (token.type) {
          case NUMBER:
          case FLOAT:
          case STRING:
            this.push(list, this.literal(token));
            break;
          case COMMA:
            break;
          case LBRACE:
            this.push(list, this.jsonObject());
            break;
          case BOOL:
            this.warn(token.start, token.end, 'HCL v1 drops booleans inside JSON arrays');
            break;
          case LBRACK:
            this.warn(
              token.start,
              token.end,
              'HCL v1 does not support nested JSON arrays: it skips this "[" and ends the array at the first "]"',
            );
            break;
          case RBRACK:
            list.end = token.end;
            return list;
          default:
            return this.listFailure(list, token, `Expected a JSON array element or "]", found ${this.describe(token)}`);
        }
      }
    } finally {
      this.depth--;
    }
  }
}

// -----------------------------------------------------------------------------------------------
// JSON flattening: HCL v1 rewrites `"a": {"b": {...}}` into the item `a "b" {...}` when every
// member is an object, and `"a": [{...}, {...}]` into two `a {...}` items, recursively.

function flattenObject(object: HclObject): void {
  object.items = flattenItems(object.items);
  for (const item of object.items) flattenValue(item.value);
}

function flattenValue(node: HclNode): void {
  if (node.type === 'object') flattenObject(node);
  else if (node.type === 'list') for (const element of node.items) flattenValue(element);
}

function flattenItems(items: HclItem[]): HclItem[] {
  const out: HclItem[] = [];
  const frontier = items.slice();
  // A stack, as HCL v1 does it; the reversal at the end restores source order.
  for (let item = frontier.pop(); item; item = frontier.pop()) {
    const value = item.value;
    if (value.type === 'object' && value.items.length > 0 && value.items.every((sub) => sub.value.type === 'object')) {
      for (const sub of value.items) {
        frontier.push({ keys: [...item.keys, ...sub.keys], assign: item.assign, value: sub.value, start: item.start, end: sub.value.end });
      }
    } else if (value.type === 'list' && value.items.length > 0 && value.items.every((element) => element.type === 'object')) {
      for (const element of value.items) {
        frontier.push({ keys: [...item.keys], assign: item.assign, value: element, start: item.start, end: element.end });
      }
    } else out.push(item);
  }
  return out.reverse();
}
