/**
 * Test-only: the plain data HCL v1 decodes a config to, for the differential tests that compare
 * the parser with reference HCL v1 implementations. Vault itself decodes into typed structs, so
 * the linter never needs this; it lives here so that src/ carries no code only tests run.
 */
import type { HclFile, HclKey, HclNode, Span } from '../../src/parse/hcl-types.js';
import { parseGoFloat, parseGoInt } from '../../src/parse/hcl/numbers.js';

/** Whether Go decodes the literal into a float (`.`, or an exponent outside a hex literal), else an int. */
function isFloatLiteral(raw: string): boolean {
  const body = raw.charCodeAt(0) === 45 ? raw.slice(1) : raw;
  if (body.length > 1 && body.charCodeAt(0) === 48 && (body.charCodeAt(1) | 32) === 120) return false;
  return body.includes('.') || body.includes('e') || body.includes('E');
}

/** A config HCL v1 parses but cannot decode (e.g. `a = 1` then `a = "x"`), with the offending span. */
export class HclDecodeError extends Error implements Span {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'HclDecodeError';
  }
}

type GoValue =
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: number }
  | { k: 'float'; v: number }
  | { k: 'string'; v: string }
  | { k: 'map'; v: Map<string, GoValue> }
  | { k: 'slice'; elem: 'map' | 'iface'; v: GoValue[] };

type Kind = GoValue['k'];

interface ItemView extends Span {
  keys: HclKey[];
  value: HclNode;
}

/** HCL v1's ObjectList (a body, or the items `Filter` selects) and a lone ObjectItem. */
type DecodeNode = HclNode | ({ type: 'olist'; items: ItemView[] } & Span) | ({ type: 'item'; item: ItemView } & Span);

/**
 * The plain value HCL v1 decodes `file` to, as Go's `hcl.Decode` into `map[string]interface{}`
 * followed by JSON encoding would give it: blocks and object values become arrays of objects
 * (`listener "tcp" {}` → `{"listener": [{"tcp": [{}]}]}`), repeated attributes keep the last
 * value converted to the first one's type, repeated blocks and lists concatenate.
 *
 * Decodes whatever the tree holds, even when `file.errors` is not empty. Integers follow 64-bit
 * Go. Throws `HclDecodeError` where HCL v1's decoder fails (conflicting repeated keys, numbers
 * such as `08` that only fail when decoded).
 */
export function toPlain(file: HclFile): unknown {
  const decoder = new Decoder();
  const root: DecodeNode = { type: 'olist', items: file.body.items, start: file.body.start, end: file.body.end };
  return toJs(decoder.decode('root', root, undefined, false));
}

function toJs(value: GoValue): unknown {
  switch (value.k) {
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of value.v) {
        if (key === '__proto__')
          Object.defineProperty(out, key, { value: toJs(entry), enumerable: true, writable: true, configurable: true });
        else out[key] = toJs(entry);
      }
      return out;
    }
    case 'slice':
      return value.v.map(toJs);
    default:
      return value.v;
  }
}

function kindName(node: DecodeNode): string {
  switch (node.type) {
    case 'object':
    case 'olist':
      return 'an object';
    case 'item':
      return 'a labelled block';
    case 'list':
      return 'a list';
    case 'bool':
      return 'a boolean';
    case 'number':
      return 'a number';
    default:
      return node.heredoc ? 'a heredoc' : 'a string';
  }
}

function sourceOf(node: DecodeNode): string {
  switch (node.type) {
    case 'number':
      return `"${node.raw.trimEnd()}"`;
    case 'bool':
      return `"${String(node.value)}"`;
    case 'string':
      return JSON.stringify(node.value);
    default:
      return kindName(node);
  }
}

function equalFold(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/** `root.storage[0].raft` as the user wrote it: `storage.raft`. */
function displayName(name: string): string {
  return name.replace(/^root\.?/, '').replace(/\[\d+\]/g, '');
}

/** Mirrors HCL v1's reflection-driven decoder, whose result depends on the kinds already decoded. */
class Decoder {
  /** Kinds of the values being decoded into, innermost last (HCL v1's `d.stack`). */
  private readonly stack: Kind[] = [];

  decode(name: string, node: DecodeNode, current: GoValue | undefined, mapSlot: boolean): GoValue {
    const kind: Kind | 'interface' = current ? current.k : mapSlot ? 'map' : 'interface';
    if (kind === 'interface') return this.decodeInterface(name, node);
    this.stack.push(kind);
    try {
      switch (kind) {
        case 'bool':
          return this.decodeBool(name, node);
        case 'float':
          return this.decodeFloat(name, node);
        case 'int':
          return this.decodeInt(name, node);
        case 'string':
          return this.decodeString(name, node);
        case 'map':
          return this.decodeMap(name, node, current?.k === 'map' ? current.v : new Map());
        case 'slice':
          return this.decodeSlice(name, node, current as Extract<GoValue, { k: 'slice' }>);
      }
    } finally {
      this.stack.pop();
    }
  }

  private decodeInterface(name: string, node: DecodeNode): GoValue {
    let initial: GoValue;
    switch (node.type) {
      case 'olist':
      case 'object': {
        // At the root or inside a list an object is a map; anywhere else, a list of maps.
        const top = this.stack[this.stack.length - 1];
        initial = top === undefined || top === 'slice' ? { k: 'map', v: new Map() } : { k: 'slice', elem: 'map', v: [] };
        break;
      }
      case 'list':
        initial = { k: 'slice', elem: 'iface', v: [] };
        break;
      case 'bool':
        initial = { k: 'bool', v: false };
        break;
      case 'number':
        initial = isFloatLiteral(node.raw) ? { k: 'float', v: 0 } : { k: 'int', v: 0 };
        break;
      case 'string':
        initial = { k: 'string', v: '' };
        break;
      default:
        throw new HclDecodeError(`Cannot combine "${displayName(name)}" with labelled blocks of the same name`, node.start, node.end);
    }
    return this.decode(name, node, initial, false);
  }

  private decodeMap(name: string, node: DecodeNode, map: Map<string, GoValue>): GoValue {
    let items: ItemView[];
    if (node.type === 'item') items = [node.item];
    else if (node.type === 'object' || node.type === 'olist') items = node.items;
    else
      throw new HclDecodeError(
        `Expected "${displayName(name)}" to be an object like its earlier definition, found ${kindName(node)}`,
        node.start,
        node.end,
      );
    const done = new Set<string>();
    for (const item of items) {
      const first = item.keys[0];
      if (!first) {
        throw new HclDecodeError(`Cannot combine "${displayName(name)}" with labelled blocks of the same name`, item.start, item.end);
      }
      const key = first.name;
      if (done.has(key)) continue;
      let value: DecodeNode = item.value;
      if (item.keys.length > 1) {
        // HCL v1 gathers every item whose first key matches, case-insensitively, into one list.
        const matching: ItemView[] = [];
        for (const other of items) {
          const otherKey = other.keys[0];
          if (otherKey && equalFold(otherKey.name, key))
            matching.push({ keys: other.keys.slice(1), value: other.value, start: other.start, end: other.end });
        }
        value = { type: 'olist', items: matching, start: item.start, end: item.end };
        done.add(key);
      }
      map.set(key, this.decode(`${name}.${key}`, value, map.get(key), false));
    }
    return { k: 'map', v: map };
  }

  private decodeSlice(name: string, node: DecodeNode, current: Extract<GoValue, { k: 'slice' }>): GoValue {
    let elements: DecodeNode[];
    if (node.type === 'olist') elements = node.items.map((item) => ({ type: 'item', item, start: item.start, end: item.end }));
    else if (node.type === 'object') elements = [node];
    else if (node.type === 'list') elements = node.items;
    else
      throw new HclDecodeError(
        `Expected "${displayName(name)}" to be a list or block like its earlier definition, found ${kindName(node)}`,
        node.start,
        node.end,
      );
    const values = current.v.slice();
    elements.forEach((element, index) => {
      values.push(this.decode(`${name}[${index}]`, element, undefined, current.elem === 'map'));
    });
    return { k: 'slice', elem: current.elem, v: values };
  }

  private decodeBool(name: string, node: DecodeNode): GoValue {
    // HCL v1 reads the source text here: quotes removed, case ignored, "1"/"0" allowed.
    let source: string | undefined;
    if (node.type === 'bool') source = String(node.value);
    else if (node.type === 'number' && !isFloatLiteral(node.raw)) source = node.raw;
    else if (node.type === 'string' && !node.heredoc) source = node.raw ?? `"${node.value}"`;
    if (source !== undefined) {
      const text = source.replaceAll('"', '').toLowerCase();
      if (text === '1' || text === 'true') return { k: 'bool', v: true };
      if (text === '0' || text === 'false') return { k: 'bool', v: false };
    }
    throw new HclDecodeError(
      `Expected "${displayName(name)}" to be a boolean like its earlier definition, found ${sourceOf(node)}`,
      node.start,
      node.end,
    );
  }

  private decodeFloat(name: string, node: DecodeNode): GoValue {
    if (node.type === 'number') {
      const value = parseGoFloat(node.raw);
      if (typeof value === 'number') return { k: 'float', v: value };
      throw new HclDecodeError(
        value === 'range' ? `Number ${sourceOf(node)} is out of range` : `Invalid number ${sourceOf(node)} for "${displayName(name)}"`,
        node.start,
        node.end,
      );
    }
    throw new HclDecodeError(
      `Expected "${displayName(name)}" to be a number like its earlier definition, found ${sourceOf(node)}`,
      node.start,
      node.end,
    );
  }

  private decodeInt(name: string, node: DecodeNode): GoValue {
    let text: string | undefined;
    if (node.type === 'number' && !isFloatLiteral(node.raw)) text = node.raw;
    else if (node.type === 'string' && !node.heredoc) text = node.value;
    if (text === undefined) {
      throw new HclDecodeError(
        `Expected "${displayName(name)}" to be an integer like its earlier definition, found ${sourceOf(node)}`,
        node.start,
        node.end,
      );
    }
    const value = parseGoInt(text);
    if (typeof value === 'number') return { k: 'int', v: value };
    throw new HclDecodeError(
      value === 'range' ? `Integer ${sourceOf(node)} is out of range` : `Invalid integer ${sourceOf(node)} for "${displayName(name)}"`,
      node.start,
      node.end,
    );
  }

  private decodeString(name: string, node: DecodeNode): GoValue {
    if (node.type === 'number') return { k: 'string', v: node.raw };
    if (node.type === 'bool') return { k: 'string', v: String(node.value) };
    if (node.type === 'string') return { k: 'string', v: node.value };
    throw new HclDecodeError(
      `Expected "${displayName(name)}" to be a string like its earlier definition, found ${kindName(node)}`,
      node.start,
      node.end,
    );
  }
}
