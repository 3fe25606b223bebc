import { parseEvents, getScalarValue, EVENT_ID, type Event, type ScalarEvent } from 'js-yaml';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';

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
  /** Holds a template expression of a templated values file (`src/parse/template-input.ts`): its value is unknown. */
  templated?: boolean;
}

export interface YPair {
  key: YScalar;
  value: YNode;
}

export interface YMap extends YBase {
  kind: 'map';
  pairs: YPair[];
  flow: boolean;
  /**
   * Pairs a later explicit pair with the same key replaced, each with the key that replaced it: a
   * templated values file writes a key in each branch of a conditional, and every branch's value counts.
   */
  shadowed?: { pair: YPair; by: YScalar }[];
}

export interface YSeq extends YBase {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

/** A syntax problem in the values file; offsets into the text. */
export interface YamlProblem {
  messageId:
    'syntax' | 'duplicateKey' | 'multipleDocuments' | 'complexKey' | 'unknownAlias' | 'aliasBudget' | 'depthLimit' | 'fileTooLarge';
  message: string;
  start: number;
  end: number;
  /** True when the problem leaves nothing readable: the first document could not be read. */
  fatal?: boolean;
  /** Other places of the same problem (a duplicate key's first and later occurrences). */
  related?: { start: number; end: number; message: string }[];
}

/** A YAML comment as the parser delimits it: `#` outside every token, after a space or at a line start. */
export interface YamlComment {
  /** Offset of the `#`. */
  start: number;
  /** Offset of the line end (exclusive). */
  end: number;
  /** The text after the `#`. */
  text: string;
}

export interface YamlDocument {
  /** The first document's root node; null when the text is empty, comments only, or unparseable. */
  root: YNode | null;
  problems: YamlProblem[];
  /** The comments of the first document, in text order (absent when nothing could be parsed). */
  comments?: YamlComment[];
}

/** The limits the tree builder enforces; see `src/limits.ts`. */
export type YamlLimits = Pick<Limits, 'maxAliasExpansion' | 'maxDepth'>;

const STYLES: Record<number, ScalarStyle> = { 1: 'plain', 2: 'single', 3: 'double', 4: 'literal', 5: 'folded' };

/**
 * Parse a values file into a positioned tree, resolving scalars as Helm does (YAML 1.1).
 * Never throws: syntax errors, duplicate keys, extra documents and exceeded limits become problems.
 * Only the first document is kept, as Helm (sigs.k8s.io/yaml over go-yaml v2) decodes only the
 * first; a syntax error in a later document is reported without making the first unreadable.
 * Work is linear in the text plus the alias expansion budget.
 */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_LIMITS): YamlDocument {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: limits.maxDepth });
  } catch (error) {
    return recoverFirstDocument(text, syntaxProblem(text, error, limits), limits);
  }
  return new TreeBuilder(text, events, limits).build();
}

/**
 * A syntax error after the first document leaves the first one as Helm reads it: parse the text
 * before the last document marker that precedes the error, and report the error alongside.
 */
function recoverFirstDocument(text: string, problem: YamlProblem, limits: YamlLimits): YamlDocument {
  const cut = lastDocumentMarker(text, problem.start);
  if (cut > 0) {
    let events: Event[] | undefined;
    try {
      events = parseEvents(text.slice(0, cut), { maxDepth: limits.maxDepth });
    } catch {
      // The error lies in the first document itself.
    }
    if (events) {
      const builder = new TreeBuilder(text, events, limits, cut);
      const document = builder.build();
      if (builder.documents > 0 && !document.problems.some((p) => p.fatal)) {
        if (builder.documents === 1) document.problems.push(secondDocument(cut, cut + 3));
        document.problems.push(problem);
        return document;
      }
    }
  }
  return { root: null, problems: [{ ...problem, fatal: true }] };
}

/**
 * The offset of the last `---` or `...` line at or before `before` (0 when none): a marker at a
 * line start always ends a document, even inside a block or quoted scalar. One forward pass.
 */
function lastDocumentMarker(text: string, before: number): number {
  let found = 0;
  for (let i = 0; i <= before && i < text.length; i++) {
    if (i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous !== 10 && !(previous === 13 && text.charCodeAt(i) !== 10)) continue;
    }
    if (isDocumentMarker(text, i)) found = i;
  }
  return found;
}

/** `---` or `...` at `at`, followed by a blank, a line end or the end of the text. */
function isDocumentMarker(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 45 && c !== 46) return false;
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

function secondDocument(start: number, end: number): YamlProblem {
  return {
    messageId: 'multipleDocuments',
    message: 'Unexpected second YAML document; Helm reads only the first document of a values file',
    start,
    end,
  };
}

function syntaxProblem(text: string, error: unknown, limits: YamlLimits): YamlProblem {
  const err = error as { reason?: string; message?: string; mark?: { position?: number } };
  const position = Math.min(Math.max(err.mark?.position ?? 0, 0), text.length);
  const reason = err.reason ?? String(err.message ?? error).split('\n')[0] ?? 'invalid YAML';
  // A zero-width span would be invisible in editors: cover the offending character when there is one.
  const end = position < text.length && text[position] !== '\n' ? position + 1 : position;
  if (reason.startsWith('nesting exceeded maxDepth')) {
    return { messageId: 'depthLimit', message: depthMessage(limits), start: position, end };
  }
  // A UTF-32 file reaches the parser with NUL characters up front (Helm's reader has no UTF-32 either).
  const encoding = text.charCodeAt(0) === 0 ? '; the file looks UTF-32 encoded, which Helm cannot read: save it as UTF-8' : '';
  return { messageId: 'syntax', message: `Invalid YAML: ${reason}${encoding}`, start: position, end };
}

function depthMessage(limits: YamlLimits): string {
  return `Nesting deeper than the limit of ${limits.maxDepth} levels; the file is not read`;
}

/** A node built from events, with the size and height it has once aliases are expanded. */
interface Built {
  node: YNode;
  /** Nodes in the subtree, aliases and merge keys expanded. */
  size: number;
  /** Levels of maps and lists below and including this node (0 for a scalar). */
  height: number;
}

class TreeBuilder {
  private index = 0;
  private readonly anchors = new Map<string, Built>();
  private readonly problems: YamlProblem[] = [];
  private readonly comments: YamlComment[] = [];
  /** Documents seen in the events. */
  documents = 0;
  private secondDocumentProblem: YamlProblem | undefined;
  /** Nodes added by aliases so far, counted against `maxAliasExpansion`. */
  private expansion = 0;
  /** Open maps and lists around the node being built. */
  private level = 0;
  /** Set once a limit is hit: the document is unreadable and no alias is expanded any more. */
  private stopped = false;
  /** Where the text between tokens has been scanned up to. */
  private cursor = 0;
  /** Set when the first document's content has been built: the next document marker ends it. */
  private afterFirst = false;
  /** Set at the marker that ends the first document: comments after it no longer count. */
  private firstDone = false;
  /** The last document marker the gap scan met after the first document. */
  private marker = -1;

  constructor(
    private readonly text: string,
    private readonly events: Event[],
    private readonly limits: YamlLimits,
    /** Where the parsed text ends (a prefix when recovering from an error in a later document). */
    private readonly end: number = text.length,
  ) {}

  build(): YamlDocument {
    let root: YNode | null = null;
    while (this.index < this.events.length) {
      const event = this.events[this.index++]!;
      if (event.type !== EVENT_ID.DOCUMENT) continue;
      this.documents++;
      if (this.documents === 1) {
        root = this.atEnd() ? null : this.node().node;
        this.expectPop();
        this.afterFirst = true;
        continue;
      }
      // One finding for all further documents: they share one cause and one fix; the third and
      // later ride along as related places.
      const firstEvent = this.events[this.index];
      const at = firstEvent ? Math.min(eventStart(firstEvent), this.end) : this.end;
      this.scanTo(at);
      const place = this.marker >= 0 ? secondDocument(this.marker, this.marker + 3) : secondDocument(at, Math.min(at + 1, this.end));
      if (this.documents === 2) {
        this.secondDocumentProblem = place;
        this.problems.push(place);
      } else if (this.secondDocumentProblem && this.secondDocumentProblem.start !== place.start) {
        (this.secondDocumentProblem.related ??= []).push({ start: place.start, end: place.end, message: 'another document Helm ignores' });
      }
      this.skipDocument();
    }
    if (!this.firstDone) this.scanTo(this.end);
    if (this.stopped) return { root: null, problems: this.problems };
    return { root, problems: this.problems, comments: this.comments };
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

  /**
   * Scan the text between tokens up to `to`: a `#` after a blank or at a line start opens a comment
   * running to the line end; `---`/`...` at a line start is a document marker. Returns the first
   * `stop` character met outside comments (a block scalar's indicator), or -1.
   */
  private scanTo(to: number, stop = -1): number {
    const text = this.text;
    let found = -1;
    let i = this.cursor;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      const previous = i === 0 ? 10 : text.charCodeAt(i - 1);
      if (c === 35 && (previous === 32 || previous === 9 || previous === 10 || previous === 13)) {
        let lineEnd = i + 1;
        while (lineEnd < to && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
        if (!this.firstDone) this.comments.push({ start: i, end: lineEnd, text: text.slice(i + 1, lineEnd) });
        i = lineEnd - 1;
      } else if ((previous === 10 || previous === 13) && isDocumentMarker(text, i)) {
        if (this.afterFirst) {
          this.firstDone = true;
          this.marker = i;
        }
        i += 2;
      } else if (found < 0 && (c === stop || (stop === 124 && c === 62))) {
        found = i;
      }
    }
    this.cursor = Math.max(this.cursor, i);
    return found;
  }

  /** Step over a token: the anchor, tag and value spans of a node, in text order. */
  private skipToken(start: number, end: number): void {
    if (start >= 0) this.scanTo(start);
    this.cursor = Math.max(this.cursor, end);
  }

  private skipProperties(event: { anchorStart: number; anchorEnd: number; tagStart: number; tagEnd: number }): void {
    const anchor = event.anchorStart >= 0 ? [event.anchorStart - 1, event.anchorEnd] : undefined;
    const tag = event.tagStart >= 0 ? [event.tagStart, event.tagEnd] : undefined;
    const spans = [anchor, tag].filter((span): span is number[] => span !== undefined).sort((a, b) => a[0]! - b[0]!);
    for (const [start, end] of spans) this.skipToken(start!, end!);
  }

  private node(): Built {
    const event = this.events[this.index++]!;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        this.skipProperties(event);
        return this.remember(event.anchorStart, event.anchorEnd, { node: this.scalar(event), size: 1, height: 0 });
      case EVENT_ID.MAPPING:
        this.skipProperties(event);
        return this.remember(event.anchorStart, event.anchorEnd, this.mapping(event.start, event.style === 2));
      case EVENT_ID.SEQUENCE:
        this.skipProperties(event);
        return this.remember(event.anchorStart, event.anchorEnd, this.sequence(event.start, event.style === 2));
      case EVENT_ID.ALIAS:
        this.skipToken(Math.max(event.anchorStart - 1, 0), event.anchorEnd);
        return this.alias(event.anchorStart, event.anchorEnd);
      default:
        // A document or pop event where a node belongs cannot come from a well-formed stream.
        return { node: nullAt(0), size: 1, height: 0 };
    }
  }

  /**
   * An alias shares its anchor's node; the model later builds one copy per use, so each use counts
   * the anchor's expanded size against the budget, and its height against the depth limit.
   */
  private alias(anchorStart: number, anchorEnd: number): Built {
    const name = this.text.slice(anchorStart, anchorEnd);
    const start = Math.max(anchorStart - 1, 0);
    const target = this.anchors.get(name);
    if (!target) {
      this.problems.push({ messageId: 'unknownAlias', message: `Unknown alias "*${name}"`, start, end: anchorEnd });
      return { node: nullAt(anchorEnd), size: 1, height: 0 };
    }
    if (this.stopped) return { node: nullAt(anchorEnd), size: 1, height: 0 };
    if (this.expansion + target.size > this.limits.maxAliasExpansion) {
      this.stop({
        messageId: 'aliasBudget',
        message: `Expanding alias "*${name}" exceeds the limit of ${this.limits.maxAliasExpansion} nodes that aliases and merge keys may add; the file is not read`,
        start,
        end: anchorEnd,
      });
      return { node: nullAt(anchorEnd), size: 1, height: 0 };
    }
    if (this.level + target.height > this.limits.maxDepth) {
      this.stop({ messageId: 'depthLimit', message: depthMessage(this.limits), start, end: anchorEnd });
      return { node: nullAt(anchorEnd), size: 1, height: 0 };
    }
    this.expansion += target.size;
    return target;
  }

  private stop(problem: YamlProblem): void {
    this.stopped = true;
    this.problems.push({ ...problem, fatal: true });
  }

  private remember(anchorStart: number, anchorEnd: number, built: Built): Built {
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), built);
    return built;
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
      // Point at the block indicator (the first `|` or `>` between the previous token and the
      // content, outside comments), and stop the span before the trailing line break.
      const indicator = this.scanTo(event.valueStart, 124);
      if (indicator >= 0) start = indicator;
      while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    } else {
      this.scanTo(start);
    }
    this.cursor = Math.max(this.cursor, event.valueEnd + (style === 'single' || style === 'double' ? 1 : 0));
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

  private mapping(start: number, flow: boolean): Built {
    const map: YMap = { kind: 'map', pairs: [], flow, start, end: start };
    const built: Built = { node: map, size: 1, height: 1 };
    // Pairs in order; a replaced pair leaves a hole, removed at the end (no quadratic filtering).
    const entries: (YPair | undefined)[] = [];
    const seen = new Map<string, { key: YScalar; at: number }>();
    const firsts = new Map<string, YScalar>();
    const duplicates = new Map<string, YamlProblem>();
    // Keys that came in through `<<`: an explicit key replaces them without being a duplicate.
    const merged = new Set<string>();
    this.level++;
    while (!this.atEnd()) {
      const key = this.node();
      const value = this.atEnd() ? { node: nullAt(key.node.end), size: 1, height: 0 } : this.node();
      built.size += key.size + value.size;
      built.height = Math.max(built.height, 1 + value.height);
      const keyNode = key.node;
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
        this.merge(entries, value.node, seen, merged);
        map.end = Math.max(map.end, value.node.end);
        continue;
      }
      const name = keyName(keyNode);
      const previous = seen.get(name);
      // A key that came in through `<<` is replaced, not shadowed: the explicit key is the value written here.
      const fromMerge = previous !== undefined && merged.delete(name);
      if (previous && !fromMerge) {
        // One problem per key of a map, at its first repeat: a key written three times is one mistake.
        const problem = duplicates.get(name);
        if (problem) problem.related!.push({ start: keyNode.start, end: keyNode.end, message: 'written again' });
        else {
          const first = firsts.get(name) ?? previous.key;
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
      }
      if (previous) {
        const replaced = entries[previous.at];
        if (replaced && !fromMerge) (map.shadowed ??= []).push({ pair: replaced, by: keyNode });
        entries[previous.at] = undefined;
      }
      if (!firsts.has(name)) firsts.set(name, keyNode);
      seen.set(name, { key: keyNode, at: entries.length });
      entries.push({ key: keyNode, value: value.node });
      map.end = Math.max(map.end, value.node.end, keyNode.end);
    }
    this.level--;
    this.expectPop();
    map.pairs = entries.filter((pair): pair is YPair => pair !== undefined);
    if (flow) map.end = closingBracket(this.text, map.end, '}');
    return built;
  }

  /** YAML 1.1 merge keys (`<<: *base`), which Helm's parser honours: explicit keys win. */
  private merge(entries: (YPair | undefined)[], source: YNode, seen: Map<string, { key: YScalar; at: number }>, merged: Set<string>): void {
    const sources = source.kind === 'seq' ? source.items : [source];
    for (const item of sources) {
      if (item.kind !== 'map') continue;
      for (const pair of item.pairs) {
        const name = keyName(pair.key);
        if (seen.has(name)) continue;
        seen.set(name, { key: pair.key, at: entries.length });
        merged.add(name);
        entries.push(pair);
      }
    }
  }

  private sequence(start: number, flow: boolean): Built {
    const seq: YSeq = { kind: 'seq', items: [], flow, start, end: start };
    const built: Built = { node: seq, size: 1, height: 1 };
    this.level++;
    while (!this.atEnd()) {
      const item = this.node();
      built.size += item.size;
      built.height = Math.max(built.height, 1 + item.height);
      seq.items.push(item.node);
      seq.end = Math.max(seq.end, item.node.end);
    }
    this.level--;
    this.expectPop();
    if (flow) seq.end = closingBracket(this.text, seq.end, ']');
    return built;
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
