import { parseEvents, getScalarValue, EVENT_ID, type Event, type ScalarEvent } from 'js-yaml';

/** How a scalar was written; decides whether offsets inside it map exactly. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface YBase {
  /** Offset of the first character of the node (after anchor and tag). */
  start: number;
  /** Offset after the last character of the node. */
  end: number;
}

export interface YScalar extends YBase {
  kind: 'scalar';
  style: ScalarStyle;
  /** The decoded text (quotes, escapes and block indentation removed). */
  text: string;
  /** The value as Helm resolves it: YAML 1.1 booleans, ints, floats, null; quoted scalars stay strings. */
  value: unknown;
  /** An explicit tag such as `!!str`, if written. */
  tag?: string;
  /** Block scalars only: indentation of the content lines. */
  indent?: number;
  /** Where the raw content lies: inside the quotes, or the block's content lines. */
  contentStart: number;
  contentEnd: number;
}

export interface YPair {
  key: YScalar;
  value: YNode;
}

export interface YMap extends YBase {
  kind: 'map';
  pairs: YPair[];
  flow: boolean;
}

export interface YSeq extends YBase {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

/** A syntax problem in the values file; offsets into the text. */
export interface YamlProblem {
  messageId: 'syntax' | 'duplicateKey' | 'multipleDocuments' | 'complexKey' | 'unknownAlias';
  message: string;
  start: number;
  end: number;
  /** Other places of the same problem (a duplicate key's first and later occurrences). */
  related?: { start: number; end: number; message: string }[];
}

export interface YamlDocument {
  /** The first document's root node; null when the text is empty, comments only, or unparseable. */
  root: YNode | null;
  problems: YamlProblem[];
}

const STYLES: Record<number, ScalarStyle> = { 1: 'plain', 2: 'single', 3: 'double', 4: 'literal', 5: 'folded' };

/**
 * Parse a values file into a positioned tree, resolving scalars as Helm does (YAML 1.1).
 * Never throws: syntax errors, duplicate keys and extra documents become problems.
 * Only the first document is kept, as Helm reads only the first.
 */
export function parseYaml(text: string): YamlDocument {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 200 });
  } catch (error) {
    return { root: null, problems: [syntaxProblem(text, error)] };
  }
  return new TreeBuilder(text, events).build();
}

function syntaxProblem(text: string, error: unknown): YamlProblem {
  const err = error as { reason?: string; message?: string; mark?: { position?: number } };
  const position = Math.min(Math.max(err.mark?.position ?? 0, 0), text.length);
  const reason = err.reason ?? String(err.message ?? error).split('\n')[0] ?? 'invalid YAML';
  // A zero-width span would be invisible in editors: cover the offending character when there is one.
  const end = position < text.length && text[position] !== '\n' ? position + 1 : position;
  return { messageId: 'syntax', message: `Invalid YAML: ${reason}`, start: position, end };
}

class TreeBuilder {
  private index = 0;
  private readonly anchors = new Map<string, YNode>();
  private readonly problems: YamlProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly events: Event[],
  ) {}

  build(): YamlDocument {
    let root: YNode | null = null;
    let documents = 0;
    while (this.index < this.events.length) {
      const event = this.events[this.index++]!;
      if (event.type !== EVENT_ID.DOCUMENT) continue;
      documents++;
      if (documents === 1) {
        root = this.atEnd() ? null : this.node();
      } else {
        const firstEvent = this.events[this.index];
        const at = firstEvent ? eventStart(firstEvent) : this.text.length;
        const marker = this.text.lastIndexOf('---', at);
        const start = marker >= 0 ? marker : at;
        this.problems.push({
          messageId: 'multipleDocuments',
          message: 'Unexpected second YAML document; Helm reads only the first document of a values file',
          start,
          end: marker >= 0 ? marker + 3 : at,
        });
        this.skipDocument();
        continue;
      }
      this.expectPop();
    }
    return { root, problems: this.problems };
  }

  private atEnd(): boolean {
    const next = this.events[this.index];
    return next === undefined || next.type === EVENT_ID.POP;
  }

  private expectPop(): void {
    if (this.events[this.index]?.type === EVENT_ID.POP) this.index++;
  }

  private skipDocument(): void {
    let depth = 1;
    while (this.index < this.events.length && depth > 0) {
      const event = this.events[this.index++]!;
      if (event.type === EVENT_ID.POP) depth--;
      else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) depth++;
    }
  }

  private node(): YNode {
    const event = this.events[this.index++]!;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return this.remember(event.anchorStart, event.anchorEnd, this.scalar(event));
      case EVENT_ID.MAPPING:
        return this.remember(event.anchorStart, event.anchorEnd, this.mapping(event.start, event.style === 2));
      case EVENT_ID.SEQUENCE:
        return this.remember(event.anchorStart, event.anchorEnd, this.sequence(event.start, event.style === 2));
      case EVENT_ID.ALIAS: {
        const name = this.text.slice(event.anchorStart, event.anchorEnd);
        const target = this.anchors.get(name);
        if (target) return target;
        this.problems.push({
          messageId: 'unknownAlias',
          message: `Unknown alias "*${name}"`,
          start: Math.max(event.anchorStart - 1, 0),
          end: event.anchorEnd,
        });
        return nullAt(event.anchorEnd);
      }
      default:
        // A document or pop event where a node belongs cannot come from a well-formed stream.
        return nullAt(0);
    }
  }

  private remember(anchorStart: number, anchorEnd: number, node: YNode): YNode {
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), node);
    return node;
  }

  private scalar(event: ScalarEvent): YScalar {
    const style = STYLES[event.style] ?? 'plain';
    const text = getScalarValue(this.text, event);
    const tag = event.tagStart >= 0 ? this.text.slice(event.tagStart, event.tagEnd) : undefined;
    let start = event.valueStart;
    let end = event.valueEnd;
    if (style === 'single' || style === 'double') {
      // Offsets exclude the quotes; findings on a quoted value should cover them.
      start -= 1;
      end += 1;
    }
    if (style === 'literal' || style === 'folded') {
      // Point at the block indicator, and stop the span before the trailing line break.
      const indicator = this.text.lastIndexOf(style === 'literal' ? '|' : '>', event.valueStart);
      if (indicator >= 0) start = indicator;
      while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    }
    const node: YScalar = {
      kind: 'scalar',
      style,
      text,
      value: resolveScalar(text, style, tag),
      start,
      end,
      contentStart: event.valueStart,
      contentEnd: event.valueEnd,
    };
    if (tag !== undefined) node.tag = tag;
    if (event.indent >= 0) node.indent = event.indent;
    return node;
  }

  private mapping(start: number, flow: boolean): YMap {
    const map: YMap = { kind: 'map', pairs: [], flow, start, end: start };
    const seen = new Map<string, YScalar>();
    const firsts = new Map<string, YScalar>();
    const duplicates = new Map<string, YamlProblem>();
    // Keys that came in through `<<`: an explicit key replaces them without being a duplicate.
    const merged = new Set<string>();
    while (!this.atEnd()) {
      const keyNode = this.node();
      const value = this.atEnd() ? nullAt(keyNode.end) : this.node();
      if (keyNode.kind !== 'scalar') {
        this.problems.push({
          messageId: 'complexKey',
          message: 'Unsupported complex mapping key; Helm values keys are strings',
          start: keyNode.start,
          end: keyNode.end,
        });
        continue;
      }
      if (keyNode.text === '<<' && keyNode.style === 'plain') {
        this.merge(map, value, seen, merged);
        map.end = Math.max(map.end, value.end);
        continue;
      }
      const name = keyName(keyNode);
      const previous = seen.get(name);
      if (previous && merged.delete(name)) {
        map.pairs = map.pairs.filter((pair) => pair.key !== previous);
      } else if (previous) {
        // One problem per key of a map, at its first repeat: a key written three times is one mistake.
        const problem = duplicates.get(name);
        if (problem) problem.related!.push({ start: keyNode.start, end: keyNode.end, message: 'written again' });
        else {
          const first = firsts.get(name) ?? previous;
          const created: YamlProblem = {
            messageId: 'duplicateKey',
            message: `Duplicate key "${name}"; the later value silently replaces the earlier one`,
            start: keyNode.start,
            end: keyNode.end,
            related: [{ start: first.start, end: first.end, message: 'first written here' }],
          };
          duplicates.set(name, created);
          this.problems.push(created);
        }
        map.pairs = map.pairs.filter((pair) => pair.key !== previous);
      }
      if (!firsts.has(name)) firsts.set(name, keyNode);
      seen.set(name, keyNode);
      map.pairs.push({ key: keyNode, value });
      map.end = Math.max(map.end, value.end, keyNode.end);
    }
    this.expectPop();
    if (flow) map.end = closingBracket(this.text, map.end, '}');
    return map;
  }

  /** YAML 1.1 merge keys (`<<: *base`), which Helm's parser honours: explicit keys win. */
  private merge(map: YMap, source: YNode, seen: Map<string, YScalar>, merged: Set<string>): void {
    const sources = source.kind === 'seq' ? source.items : [source];
    for (const item of sources) {
      if (item.kind !== 'map') continue;
      for (const pair of item.pairs) {
        const name = keyName(pair.key);
        if (seen.has(name)) continue;
        seen.set(name, pair.key);
        merged.add(name);
        map.pairs.push(pair);
      }
    }
  }

  private sequence(start: number, flow: boolean): YSeq {
    const seq: YSeq = { kind: 'seq', items: [], flow, start, end: start };
    while (!this.atEnd()) {
      const item = this.node();
      seq.items.push(item);
      seq.end = Math.max(seq.end, item.end);
    }
    this.expectPop();
    if (flow) seq.end = closingBracket(this.text, seq.end, ']');
    return seq;
  }
}

function eventStart(event: Event): number {
  if (event.type === EVENT_ID.SCALAR) return event.valueStart;
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart;
  return 0;
}

function nullAt(offset: number): YScalar {
  return { kind: 'scalar', style: 'plain', text: '', value: null, start: offset, end: offset, contentStart: offset, contentEnd: offset };
}

function closingBracket(text: string, from: number, bracket: string): number {
  const at = text.indexOf(bracket, from);
  return at >= 0 ? at + 1 : from;
}

/** The key as Helm sees it: keys are strings; a YAML 1.1 boolean or number key becomes its string form. */
export function keyName(key: YScalar): string {
  if (key.style !== 'plain') return key.text;
  const value = key.value;
  if (value === null) return key.text === '' ? '' : 'null';
  return typeof value === 'string' ? value : String(value);
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const YAML11_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT_DECIMAL = /^[-+]?(0|[1-9][0-9_]*)$/;
const INT_OCTAL = /^[-+]?0[0-7_]+$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const INT_BINARY = /^[-+]?0b[01_]+$/;
const INT_SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/;
const FLOAT = /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/;
const FLOAT_EXP = /^[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)$/;
const FLOAT_SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/;

/**
 * Resolve a scalar the way Helm's YAML 1.1 parser does: plain `yes`/`no`/`on`/`off`/`y`/`n`
 * are booleans, `1.10` is the number 1.1, `0755` is octal. Quoted and block scalars are strings.
 */
export function resolveScalar(text: string, style: ScalarStyle, tag?: string): unknown {
  if (tag === '!!str' || tag === '!') return text;
  if (style !== 'plain') return text;
  if (YAML11_NULL.has(text)) return null;
  if (YAML11_TRUE.has(text)) return true;
  if (YAML11_FALSE.has(text)) return false;
  const first = text.charCodeAt(0);
  // Numbers start with a digit, sign or dot; anything else is a string, cheaply.
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return text;
  const clean = text.replace(/_/g, '');
  if (INT_DECIMAL.test(text)) return Number(clean);
  if (INT_HEX.test(text)) return signed(clean, (digits) => parseInt(digits.slice(2), 16));
  if (INT_BINARY.test(text)) return signed(clean, (digits) => parseInt(digits.slice(2), 2));
  if (INT_OCTAL.test(text)) return signed(clean, (digits) => parseInt(digits, 8));
  if (INT_SEXAGESIMAL.test(text)) return signed(clean, sexagesimal);
  if (FLOAT.test(text) && /[0-9]/.test(text)) return Number(clean);
  if (FLOAT_EXP.test(text)) return Number(clean);
  if (FLOAT_SEXAGESIMAL.test(text)) return signed(clean, sexagesimal);
  const lower = text.toLowerCase();
  if (lower === '.inf' || lower === '+.inf') return Infinity;
  if (lower === '-.inf') return -Infinity;
  if (lower === '.nan') return NaN;
  return text;
}

function signed(text: string, parse: (digits: string) => number): number {
  if (text.startsWith('-')) return -parse(text.slice(1));
  if (text.startsWith('+')) return parse(text.slice(1));
  return parse(text);
}

function sexagesimal(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Whether a plain scalar is a YAML 1.1 boolean word that YAML 1.2 tools read as a string. */
export function isYaml11OnlyBoolean(node: YScalar): boolean {
  return node.style === 'plain' && typeof node.value === 'boolean' && !/^(true|false)$/i.test(node.text);
}
