import { isHelmFunction } from './helm-functions.js';
import type { TemplateContext } from './template.js';
import { CHART_NAME } from './naming.js';

/**
 * What Helm's `tpl` makes of a config string, as far as the linter can tell: the simple forms Helm
 * users write (`range until N`, `range $i, $e := until (int .Values.server.ha.replicas)`, `if`/`else`
 * on values with `eq`, `ne`, `not`, `and`, `or`, `{{ $i }}`, `add`, release facts, `include
 * "vault.fullname"`) are evaluated; everything else is kept as written and marked.
 *
 * Positions: text copied from the template maps back character by character; the output of an
 * action maps to the whole action. A `range` body rendered N times maps N times onto the same
 * source span, so a finding inside the body points at the body, and the same finding from several
 * copies is one finding (the engine drops exact repeats).
 */
export interface TemplateRendering {
  /** The rendered text. */
  text: string;
  /** The template-source span a span of `text` comes from. */
  toSource(start: number, end: number): { start: number; end: number };
  /** Spans of `text` whose content only Helm (or Vault's own go-sockaddr templating) knows. */
  templated: OffsetSpan[];
  /**
   * Spans of `text` rendered from control flow the linter did not evaluate (an `if` on an unknown
   * condition, a `range` over something it cannot list): how many times they appear is unknown.
   */
  unevaluated: OffsetSpan[];
  /** Why Helm would fail to render the template, or where the linter stopped expanding it; source offsets. */
  problems: TemplateProblem[];
}

export interface OffsetSpan {
  start: number;
  end: number;
}

export interface TemplateProblem {
  kind: 'undefinedFunction' | 'undefinedTemplate' | 'floatCount' | 'syntax' | 'expansionLimit';
  /** The action, in template-source offsets. */
  start: number;
  end: number;
  /** The function or template name (`undefinedFunction`, `undefinedTemplate`, `floatCount`), or what went wrong (`syntax`). */
  detail: string;
  /** The action's text as written. */
  action: string;
  /** Found in what the first pass printed (charts from 0.29.1 run tpl twice over a JSON config). */
  secondPass?: boolean;
}

/** A `range` stops being expanded past this many items; the stanzas inside then count as unknown. */
export const MAX_RANGE_ITEMS = 100;
/** Rendering stops when the output grows past this many characters (nested ranges multiply). */
export const MAX_RENDERED_CHARS = 1_000_000;
/** Rendering stops after visiting this many template nodes (nested ranges that print little). */
export const MAX_RENDER_STEPS = 200_000;

// ---------------------------------------------------------------------------------------------
// Lexing: where the actions are.

interface Action {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  trimLeft: boolean;
  trimRight: boolean;
  closed: boolean;
}

const SPACE = /[ \t\r\n]/;

/** The `{{ … }}` actions of a template, with Go's trim markers; quotes and comments may hold `}}`. */
export function lexActions(text: string): Action[] {
  const out: Action[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open < 0) break;
    let innerStart = open + 2;
    const trimLeft = text[innerStart] === '-' && SPACE.test(text[innerStart + 1] ?? '');
    if (trimLeft) innerStart += 2;
    const close = findClose(text, innerStart);
    if (close < 0) {
      out.push({ start: open, end: text.length, innerStart, innerEnd: text.length, trimLeft, trimRight: false, closed: false });
      break;
    }
    const trimRight = close - 2 >= innerStart && text[close - 1] === '-' && SPACE.test(text[close - 2] ?? '');
    out.push({ start: open, end: close + 2, innerStart, innerEnd: trimRight ? close - 1 : close, trimLeft, trimRight, closed: true });
    cursor = close + 2;
  }
  return out;
}

function findClose(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '}' && text[at + 1] === '}') return at;
    if (char === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return -1;
      at = end + 2;
    } else if (char === '"' || char === "'") {
      at++;
      while (at < text.length && text[at] !== char && text[at] !== '\n') at += text[at] === '\\' ? 2 : 1;
      if (text[at] !== char) return -1;
      at++;
    } else if (char === '`') {
      const end = text.indexOf('`', at + 1);
      if (end < 0) return -1;
      at = end + 1;
    } else {
      at++;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Tokens and pipelines of one action.

type Token =
  | { t: 'ident'; v: string }
  | { t: 'field'; v: string[] }
  | { t: 'var'; v: string; fields: string[] }
  | { t: 'lit'; v: Val }
  | { t: '(' | ')' | '|' | ':=' | '=' | ',' };

const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'block',
  'template',
  'break',
  'continue',
  'nil',
  'true',
  'false',
]);

const FIELD = /\.([A-Za-z_][A-Za-z0-9_]*)/y;
const QUOTED = /"(?:[^"\\\n]|\\.)*"/y;
const CHAR = /'(?:[^'\\]|\\.)'/y;
const VARIABLE = /\$[A-Za-z0-9_]*/y;
const DOT_NUMBER = /\.[0-9]+(?:[eE][+-]?[0-9]+)?/y;
const NUMBER = /[-+]?(?:0[xX][0-9a-fA-F_]+|(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9]+)?)/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The tokens of one action's text; undefined for anything the linter does not read. Linear in the text. */
function tokenize(source: string): Token[] | undefined {
  const out: Token[] = [];
  let at = 0;
  const take = (pattern: RegExp, from = at): string | undefined => {
    pattern.lastIndex = from;
    return pattern.exec(source)?.[0];
  };
  const fieldsAt = (from: number): { fields: string[]; next: number } => {
    const fields: string[] = [];
    let next = from;
    for (let field = take(FIELD, next); field !== undefined; field = take(FIELD, next)) {
      fields.push(field.slice(1));
      next += field.length;
    }
    return { fields, next };
  };
  while (at < source.length) {
    const char = source[at]!;
    if (SPACE.test(char)) {
      at++;
    } else if (char === '(' || char === ')' || char === '|' || char === ',') {
      out.push({ t: char });
      at++;
    } else if (char === ':' && source[at + 1] === '=') {
      out.push({ t: ':=' });
      at += 2;
    } else if (char === '=') {
      out.push({ t: '=' });
      at++;
    } else if (char === '"') {
      const quoted = take(QUOTED);
      const value = quoted === undefined ? undefined : decodeGoString(quoted);
      if (quoted === undefined || value === undefined) return undefined;
      out.push({ t: 'lit', v: value });
      at += quoted.length;
    } else if (char === '`') {
      const end = source.indexOf('`', at + 1);
      if (end < 0) return undefined;
      out.push({ t: 'lit', v: source.slice(at + 1, end) });
      at = end + 1;
    } else if (char === "'") {
      const quoted = take(CHAR);
      if (quoted === undefined) return undefined;
      out.push({ t: 'lit', v: decodeGoString(`"${quoted.slice(1, -1)}"`)?.codePointAt(0) ?? 0 });
      at += quoted.length;
    } else if (char === '$') {
      const name = take(VARIABLE)!;
      const { fields, next } = fieldsAt(at + name.length);
      out.push({ t: 'var', v: name, fields });
      at = next;
    } else if (char === '.') {
      const { fields, next } = fieldsAt(at);
      const number = fields.length === 0 ? take(DOT_NUMBER) : undefined;
      if (number !== undefined) {
        out.push({ t: 'lit', v: new GoFloat(Number(number)) });
        at += number.length;
      } else {
        out.push({ t: 'field', v: fields });
        at = fields.length === 0 ? at + 1 : next;
      }
    } else if (/[-+0-9]/.test(char)) {
      const number = take(NUMBER);
      if (number === undefined || number === '-' || number === '+') return undefined;
      const text = number.replace(/_/g, '');
      out.push({ t: 'lit', v: /[.eE]/.test(text) && !/^[-+]?0[xX]/.test(text) ? new GoFloat(Number(text)) : Number(text) });
      at += number.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const name = take(IDENTIFIER)!;
      if (name === 'true' || name === 'false') out.push({ t: 'lit', v: name === 'true' });
      else if (name === 'nil') out.push({ t: 'lit', v: null });
      else out.push({ t: 'ident', v: name });
      at += name.length;
    } else {
      return undefined;
    }
  }
  return out;
}

function decodeGoString(quoted: string): string | undefined {
  try {
    return JSON.parse(
      quoted
        .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
        .replace(/\\a/g, '\\u0007')
        .replace(/\\v/g, '\\u000b')
        .replace(/\\'/g, "'"),
    ) as string;
  } catch {
    return undefined;
  }
}

type Operand =
  { k: 'lit'; v: Val } | { k: 'field'; base: 'dot' | string; fields: string[] } | { k: 'fn'; name: string } | { k: 'pipe'; pipe: Pipeline };

interface Pipeline {
  decl: string[];
  assign: boolean;
  commands: Operand[][];
}

/** Parse a pipeline; undefined when it is not one of the shapes the linter reads. */
function parsePipeline(tokens: Token[]): Pipeline | undefined {
  let at = 0;
  const decl: string[] = [];
  let assign = false;
  const declMatch = (): boolean => {
    let look = 0;
    const names: string[] = [];
    while (tokens[look]?.t === 'var' && (tokens[look] as { fields: string[] }).fields.length === 0) {
      names.push((tokens[look] as { v: string }).v);
      look++;
      if (tokens[look]?.t === ',') look++;
      else break;
    }
    const op = tokens[look]?.t;
    if (names.length === 0 || (op !== ':=' && op !== '=')) return false;
    for (const name of names) decl.push(name);
    assign = op === '=';
    at = look + 1;
    return true;
  };
  declMatch();
  const parseCommands = (stopAtParen: boolean): Operand[][] | undefined => {
    const commands: Operand[][] = [];
    let command: Operand[] = [];
    while (at < tokens.length) {
      const token = tokens[at]!;
      if (token.t === ')') {
        if (!stopAtParen) return undefined;
        break;
      }
      at++;
      if (token.t === '|') {
        if (command.length === 0) return undefined;
        commands.push(command);
        command = [];
      } else if (token.t === '(') {
        const inner = parseCommands(true);
        if (!inner || tokens[at]?.t !== ')') return undefined;
        at++;
        command.push({ k: 'pipe', pipe: { decl: [], assign: false, commands: inner } });
      } else if (token.t === 'lit') {
        command.push({ k: 'lit', v: token.v });
      } else if (token.t === 'field') {
        command.push({ k: 'field', base: 'dot', fields: token.v });
      } else if (token.t === 'var') {
        command.push({ k: 'field', base: token.v, fields: token.fields });
      } else if (token.t === 'ident') {
        command.push({ k: 'fn', name: token.v });
      } else {
        return undefined;
      }
    }
    if (command.length === 0) return commands.length === 0 ? [] : undefined;
    commands.push(command);
    return commands;
  };
  const commands = parseCommands(false);
  if (!commands || at !== tokens.length) return undefined;
  return { decl, assign, commands };
}

// ---------------------------------------------------------------------------------------------
// Values.

/** A Go float64: how Helm holds every number read from a values file. */
class GoFloat {
  constructor(readonly value: number) {}
}

const UNKNOWN: unique symbol = Symbol('unknown');
const ROOT: unique symbol = Symbol('root');

/** int (a JS integer), float64, string, bool, nil, lists, maps, the root context, or unknown. */
type Val = number | GoFloat | string | boolean | null | Val[] | { [key: string]: unknown } | typeof UNKNOWN | typeof ROOT;

class TemplateFailure extends Error {
  constructor(
    readonly kind: 'floatCount' | 'undefinedTemplate' | 'expansionLimit',
    readonly detail: string,
  ) {
    super(detail);
  }
}

function fromPlain(value: unknown, integer: boolean): Val {
  if (typeof value === 'number') return integer && Number.isInteger(value) ? value : new GoFloat(value);
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => fromPlain(item, integer));
  return value as Val;
}

function truthy(value: Val): boolean | undefined {
  if (value === UNKNOWN) return undefined;
  if (value === ROOT) return true;
  if (value === null || value === false || value === 0 || value === '') return false;
  if (value instanceof GoFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Go's `%v` of a value, as Helm prints an action's result; undefined for what the linter does not print. */
function printValue(value: Val): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof GoFloat) return formatFloat(value.value);
  return undefined;
}

function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  // Go's shortest %v switches to an exponent outside 1e-4 ≤ |x| < 1e6 (Helm prints 1000000 as 1e+06).
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, power] = value.toExponential().split('e');
    const sign = power!.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${power!.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

function toInt(value: Val): number | typeof UNKNOWN {
  if (typeof value === 'number') return value;
  if (value instanceof GoFloat) return Math.trunc(value.value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string') {
    const parsed = /^[-+]?\d+$/.test(value.trim()) ? Number(value.trim()) : 0;
    return parsed;
  }
  return UNKNOWN;
}

function compare(a: Val, b: Val): number | typeof UNKNOWN {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof GoFloat && b instanceof GoFloat) return a.value - b.value;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return UNKNOWN;
}

function equal(a: Val, b: Val): boolean | typeof UNKNOWN {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (a === null || b === null) return a === b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
  const order = compare(a, b);
  return order === UNKNOWN ? UNKNOWN : order === 0;
}

/** The functions the linter evaluates; any other Helm function yields an unknown value. */
const FUNCTIONS: Record<string, (args: Val[], name: string) => Val> = {
  until: (args, name) => {
    const [count] = args;
    if (args.length !== 1) return UNKNOWN;
    if (count instanceof GoFloat) throw new TemplateFailure('floatCount', name);
    if (typeof count !== 'number' || count < 0) return UNKNOWN;
    if (count > MAX_RANGE_ITEMS) throw new TemplateFailure('expansionLimit', `"${name} ${count}" (more than ${MAX_RANGE_ITEMS} items)`);
    return Array.from({ length: count }, (_, index) => index);
  },
  int: (args) => (args.length === 1 ? toInt(args[0]!) : UNKNOWN),
  int64: (args) => (args.length === 1 ? toInt(args[0]!) : UNKNOWN),
  add: (args) =>
    args.map(toInt).reduce<number | typeof UNKNOWN>((sum, value) => (sum === UNKNOWN || value === UNKNOWN ? UNKNOWN : sum + value), 0),
  add1: (args) => {
    const value = args.length === 1 ? toInt(args[0]!) : UNKNOWN;
    return value === UNKNOWN ? UNKNOWN : value + 1;
  },
  sub: (args) => {
    const [a, b] = args.map(toInt);
    return args.length !== 2 || a === UNKNOWN || b === UNKNOWN ? UNKNOWN : a! - b!;
  },
  eq: (args) => {
    if (args.length < 2) return UNKNOWN;
    const [first, ...rest] = args;
    let unknown = false;
    for (const other of rest) {
      const same = equal(first!, other);
      if (same === true) return true;
      if (same === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : false;
  },
  ne: (args) => {
    const same = args.length === 2 ? equal(args[0]!, args[1]!) : UNKNOWN;
    return same === UNKNOWN ? UNKNOWN : !same;
  },
  lt: (args) => ordered(args, (order) => order < 0),
  le: (args) => ordered(args, (order) => order <= 0),
  gt: (args) => ordered(args, (order) => order > 0),
  ge: (args) => ordered(args, (order) => order >= 0),
  not: (args) => {
    const value = args.length === 1 ? truthy(args[0]!) : undefined;
    return value === undefined ? UNKNOWN : !value;
  },
  toString: (args: Val[]) => (args.length === 1 && args[0] !== null ? (printValue(args[0]!) ?? UNKNOWN) : UNKNOWN),
  quote: (args) => {
    const parts = args.filter((arg) => arg !== null).map((arg) => printValue(arg));
    return parts.some((part) => part === undefined) ? UNKNOWN : parts.map((part) => JSON.stringify(part)).join(' ');
  },
  default: (args) => {
    if (args.length !== 2) return UNKNOWN;
    const set = truthy(args[1]!);
    return set === undefined ? UNKNOWN : set ? args[1]! : args[0]!;
  },
};

function ordered(args: Val[], test: (order: number) => boolean): Val {
  const order = args.length === 2 ? compare(args[0]!, args[1]!) : UNKNOWN;
  return order === UNKNOWN ? UNKNOWN : test(order);
}

// ---------------------------------------------------------------------------------------------
// The template tree.

type TplNode =
  | { type: 'text'; start: number; end: number }
  | { type: 'action'; action: Action; pipe: Pipeline | undefined }
  | {
      type: 'if' | 'with';
      action: Action;
      branches: { pipe: Pipeline | undefined; body: TplNode[] }[];
      elseBody: TplNode[] | undefined;
      start: number;
      end: number;
    }
  | {
      type: 'range';
      action: Action;
      pipe: Pipeline | undefined;
      body: TplNode[];
      elseBody: TplNode[] | undefined;
      start: number;
      end: number;
    }
  | { type: 'opaque'; action: Action };

interface Frame {
  node: Extract<TplNode, { type: 'if' | 'with' | 'range' }>;
  /** Where the next body nodes go. */
  target: TplNode[];
}

function buildTree(text: string, actions: Action[], problems: TemplateProblem[]): TplNode[] | undefined {
  const root: TplNode[] = [];
  const stack: Frame[] = [];
  const current = (): TplNode[] => stack.at(-1)?.target ?? root;
  let cursor = 0;
  const syntax = (action: Action, detail: string): undefined => {
    problems.push({ kind: 'syntax', start: action.start, end: action.end, detail, action: text.slice(action.start, action.end) });
    return undefined;
  };
  for (const [index, action] of actions.entries()) {
    let textEnd = action.start;
    if (action.trimLeft) while (textEnd > cursor && SPACE.test(text[textEnd - 1]!)) textEnd--;
    if (textEnd > cursor) current().push({ type: 'text', start: cursor, end: textEnd });
    cursor = action.end;
    if (action.trimRight) {
      const limit = actions[index + 1]?.start ?? text.length;
      while (cursor < limit && SPACE.test(text[cursor]!)) cursor++;
    }
    if (!action.closed) return syntax(action, 'unclosed action');
    const inner = text.slice(action.innerStart, action.innerEnd).trim();
    if (inner.startsWith('/*')) continue;
    const tokens = tokenize(inner);
    const head = tokens?.[0];
    const keyword = head?.t === 'ident' && KEYWORDS.has(head.v) ? head.v : undefined;
    const pipeOf = (skip: number): Pipeline | undefined => (tokens ? parsePipeline(tokens.slice(skip)) : undefined);
    if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
      const pipe = pipeOf(1);
      const target: TplNode[] = [];
      const node: Frame['node'] =
        keyword === 'range'
          ? { type: 'range', action, pipe, body: target, elseBody: undefined, start: action.start, end: action.end }
          : { type: keyword, action, branches: [{ pipe, body: target }], elseBody: undefined, start: action.start, end: action.end };
      current().push(node);
      stack.push({ node, target });
    } else if (keyword === 'else') {
      const frame = stack.at(-1);
      if (!frame || frame.node.elseBody) return syntax(action, 'unexpected else');
      const second = tokens?.[1];
      if (second?.t === 'ident' && (second.v === 'if' || second.v === 'with') && frame.node.type === second.v) {
        const target: TplNode[] = [];
        frame.node.branches.push({ pipe: pipeOf(2), body: target });
        frame.target = target;
      } else if (tokens?.length === 1) {
        frame.node.elseBody = [];
        frame.target = frame.node.elseBody;
      } else {
        // `else if` inside a `range`, `else with` inside an `if`…: left to Helm.
        return undefined;
      }
    } else if (keyword === 'end') {
      const frame = stack.pop();
      if (!frame) return syntax(action, 'unexpected end');
      frame.node.end = action.end;
    } else if (keyword === 'define' || keyword === 'block') {
      // A nested definition: the linter reads none of it.
      return undefined;
    } else if (keyword === 'template' || keyword === 'break' || keyword === 'continue' || !tokens) {
      current().push(keyword === 'template' ? { type: 'action', action, pipe: includeOf(tokens!) } : { type: 'opaque', action });
    } else {
      current().push({ type: 'action', action, pipe: parsePipeline(tokens) });
    }
  }
  if (cursor < text.length) current().push({ type: 'text', start: cursor, end: text.length });
  const open = stack.at(-1);
  if (open) return syntax(open.node.action, `missing end for ${open.node.type}`);
  return root;
}

/** `template "name" arg` read as `include "name" arg`, which prints the same. */
function includeOf(tokens: Token[]): Pipeline | undefined {
  const pipe = parsePipeline(tokens.slice(1));
  const [command] = pipe?.commands ?? [];
  if (!pipe || !command || pipe.commands.length !== 1) return undefined;
  return { decl: [], assign: false, commands: [[{ k: 'fn', name: 'include' }, ...command]] };
}

/** Every identifier an action calls that Helm does not define; Go's parser rejects them before anything runs. */
function undefinedFunctions(text: string, actions: Action[]): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  for (const action of actions) {
    const inner = text.slice(action.innerStart, action.innerEnd).trim();
    if (!action.closed || inner.startsWith('/*')) continue;
    for (const token of tokenize(inner) ?? []) {
      if (token.t === 'ident' && !KEYWORDS.has(token.v) && !isHelmFunction(token.v)) {
        out.push({
          kind: 'undefinedFunction',
          start: action.start,
          end: action.end,
          detail: token.v,
          action: text.slice(action.start, action.end),
        });
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

interface Piece {
  out: number;
  length: number;
  source: number;
  sourceEnd: number;
  /** Copied text maps character by character; an action's output maps to the whole action. */
  exact: boolean;
}

class Scope {
  private readonly vars = new Map<string, Val>();

  constructor(private readonly parent: Scope | undefined) {}

  get(name: string): Val {
    if (this.vars.has(name)) return this.vars.get(name)!;
    return this.parent ? this.parent.get(name) : UNKNOWN;
  }

  declare(name: string, value: Val): void {
    this.vars.set(name, value);
  }

  assign(name: string, value: Val): void {
    if (this.vars.has(name) || !this.parent) this.vars.set(name, value);
    else this.parent.assign(name, value);
  }
}

class Renderer {
  out = '';
  readonly pieces: Piece[] = [];
  readonly templated: OffsetSpan[] = [];
  readonly unevaluated: OffsetSpan[] = [];
  readonly problems: TemplateProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly context: TemplateContext,
    /** False for the as-written fallback, which is linear in the text and needs no limit. */
    private readonly bounded = true,
  ) {}

  render(nodes: TplNode[], dot: Val, scope: Scope): void {
    for (const node of nodes) this.node(node, dot, scope);
  }

  private emit(text: string, source: number, sourceEnd: number, exact: boolean): void {
    if (text.length === 0) return;
    if (this.bounded && this.out.length + text.length > MAX_RENDERED_CHARS)
      throw new TemplateFailure('expansionLimit', `${MAX_RENDERED_CHARS} rendered characters`);
    this.pieces.push({ out: this.out.length, length: text.length, source, sourceEnd, exact });
    this.out += text;
  }

  /** Keep an action as written, blanked so the config parser sees nothing there, and mark it. */
  private blank(action: Action): void {
    const start = this.out.length;
    this.emit(this.text.slice(action.start, action.end).replace(/[^\n]/g, ' '), action.start, action.end, true);
    this.templated.push({ start, end: this.out.length });
  }

  private fail(error: unknown, action: Action): void {
    if (!(error instanceof TemplateFailure)) throw error;
    this.problems.push({
      kind: error.kind,
      start: action.start,
      end: action.end,
      detail: error.detail,
      action: this.text.slice(action.start, action.end),
    });
  }

  private steps = 0;

  private node(node: TplNode, dot: Val, scope: Scope): void {
    if (this.bounded && ++this.steps > MAX_RENDER_STEPS) throw new TemplateFailure('expansionLimit', `${MAX_RENDER_STEPS} template steps`);
    switch (node.type) {
      case 'text':
        this.emit(this.text.slice(node.start, node.end), node.start, node.end, true);
        return;
      case 'opaque':
        this.blank(node.action);
        return;
      case 'action': {
        let value: Val = UNKNOWN;
        try {
          value = node.pipe ? this.pipeline(node.pipe, dot, scope) : UNKNOWN;
        } catch (error) {
          this.fail(error, node.action);
        }
        if (node.pipe && node.pipe.decl.length > 0) return;
        const printed = value === UNKNOWN ? undefined : printValue(value);
        if (printed === undefined) {
          this.blank(node.action);
        } else {
          this.emit(printed, node.action.start, node.action.end, false);
        }
        return;
      }
      case 'if':
      case 'with':
        this.conditional(node, dot, scope);
        return;
      case 'range':
        this.range(node, dot, scope);
        return;
    }
  }

  private conditional(node: Extract<TplNode, { type: 'if' | 'with' }>, dot: Val, scope: Scope): void {
    for (const branch of node.branches) {
      let value: Val = UNKNOWN;
      try {
        value = branch.pipe ? this.pipeline(branch.pipe, dot, scope) : UNKNOWN;
      } catch (error) {
        this.fail(error, node.action);
      }
      const taken = truthy(value);
      if (taken === undefined) {
        this.unknownBlock(node, dot, scope);
        return;
      }
      if (taken) {
        this.render(branch.body, node.type === 'with' ? value : dot, new Scope(scope));
        return;
      }
    }
    if (node.elseBody) this.render(node.elseBody, dot, new Scope(scope));
  }

  private range(node: Extract<TplNode, { type: 'range' }>, dot: Val, scope: Scope): void {
    let value: Val = UNKNOWN;
    try {
      value = node.pipe ? this.pipeline({ ...node.pipe, decl: [] }, dot, scope) : UNKNOWN;
    } catch (error) {
      this.fail(error, node.action);
    }
    let items: [Val, Val][] | undefined;
    if (Array.isArray(value)) items = value.map((item, index) => [index, item]);
    else if (value === null) items = [];
    else if (value !== UNKNOWN && value !== ROOT && typeof value === 'object' && !(value instanceof GoFloat)) {
      items = Object.keys(value)
        .sort()
        .map((key) => [key, fromPlain(value[key], false)]);
    }
    if (items && items.length > MAX_RANGE_ITEMS) {
      this.fail(new TemplateFailure('expansionLimit', `a range over ${items.length} items (more than ${MAX_RANGE_ITEMS})`), node.action);
      items = undefined;
    }
    if (!items) {
      this.unknownBlock(node, dot, scope);
      return;
    }
    if (items.length === 0) {
      if (node.elseBody) this.render(node.elseBody, dot, new Scope(scope));
      return;
    }
    const decl = node.pipe?.decl ?? [];
    for (const [key, item] of items) {
      const inner = new Scope(scope);
      if (decl.length === 1) inner.declare(decl[0]!, item);
      if (decl.length === 2) {
        inner.declare(decl[0]!, key);
        inner.declare(decl[1]!, item);
      }
      this.render(node.body, item, inner);
    }
  }

  /** Control flow the linter cannot decide: every branch once, as written, marked. */
  private unknownBlock(node: Extract<TplNode, { type: 'if' | 'with' | 'range' }>, dot: Val, scope: Scope): void {
    const start = this.out.length;
    const bodies = node.type === 'range' ? [node.body] : node.branches.map((branch) => branch.body);
    if (node.elseBody) bodies.push(node.elseBody);
    for (const body of bodies) this.render(body, node.type === 'if' ? dot : UNKNOWN, new Scope(scope));
    this.unevaluated.push({ start, end: this.out.length });
  }

  private pipeline(pipe: Pipeline, dot: Val, scope: Scope): Val {
    let value: Val | undefined;
    for (const command of pipe.commands) value = this.command(command, dot, scope, value);
    const result = value === undefined ? UNKNOWN : value;
    for (const name of pipe.decl) {
      if (pipe.assign) scope.assign(name, result);
      else scope.declare(name, result);
    }
    return result;
  }

  private command(command: Operand[], dot: Val, scope: Scope, piped: Val | undefined): Val {
    const [head, ...rest] = command;
    if (!head) return UNKNOWN;
    if (head.k !== 'fn') return rest.length === 0 && piped === undefined ? this.operand(head, dot, scope) : UNKNOWN;
    const args = rest.map((operand) => this.operand(operand, dot, scope));
    if (piped !== undefined) args.push(piped);
    if (head.name === 'include') return this.include(args);
    if (head.name === 'and' || head.name === 'or') return this.logic(head.name, args);
    const fn = Object.hasOwn(FUNCTIONS, head.name) ? FUNCTIONS[head.name] : undefined;
    if (!fn || args.some((arg) => arg === UNKNOWN)) return UNKNOWN;
    return fn(args, head.name);
  }

  private logic(name: 'and' | 'or', args: Val[]): Val {
    for (const [index, arg] of args.entries()) {
      const value = truthy(arg);
      if (value === undefined) return UNKNOWN;
      if ((name === 'and' && !value) || (name === 'or' && value) || index === args.length - 1) return arg;
    }
    return UNKNOWN;
  }

  private include(args: Val[]): Val {
    const [name, context] = args;
    if (context !== ROOT) return UNKNOWN;
    if (name === 'vault.fullname') return this.context.fullname;
    if (name === 'vault.namespace') {
      // Releases before the helper existed fail the install on it (Helm: no template associated).
      if (this.context.namespace === undefined) throw new TemplateFailure('undefinedTemplate', name);
      return this.context.namespace;
    }
    return UNKNOWN;
  }

  private operand(operand: Operand, dot: Val, scope: Scope): Val {
    switch (operand.k) {
      case 'lit':
        return operand.v;
      case 'fn':
        return this.command([operand], dot, scope, undefined);
      case 'pipe':
        return this.pipeline(operand.pipe, dot, scope);
      case 'field': {
        const base = operand.base === 'dot' ? dot : operand.base === '$' ? ROOT : scope.get(operand.base);
        return this.fields(base, operand.fields);
      }
    }
  }

  private fields(base: Val, fields: string[]): Val {
    if (fields.length === 0 || base === UNKNOWN) return base;
    if (base === ROOT) {
      const [first, second, ...rest] = fields;
      if (first === 'Values') {
        // A key no layer sets renders as nothing in Helm, but may come from a values file the linter was not given.
        const found = this.context.value?.(fields.slice(1));
        return found ? fromPlain(found.value, found.integer) : UNKNOWN;
      }
      if (first === 'Release' && rest.length === 0) {
        if (second === 'Name') return this.context.releaseName;
        if (second === 'Namespace') return this.context.releaseNamespace;
        if (second === 'Service') return 'Helm';
      }
      if (first === 'Chart' && second === 'Name' && rest.length === 0) return this.context.chartName ?? CHART_NAME;
      return UNKNOWN;
    }
    let value: Val = base;
    for (const field of fields) {
      if (value === ROOT || value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof GoFloat) return UNKNOWN;
      value = Object.hasOwn(value, field) ? fromPlain(value[field], false) : null;
    }
    return value;
  }
}

/** Render a config string as Helm's `tpl` would, as far as the linter can evaluate it. */
export function renderTemplate(text: string, context: TemplateContext): TemplateRendering {
  const actions = text.includes('{{') ? lexActions(text) : [];
  if (actions.length === 0) return identityRendering(text);
  const problems = undefinedFunctions(text, actions);
  const tree = buildTree(text, actions, problems);
  const renderer = new Renderer(text, context);
  if (tree) {
    try {
      renderer.render(tree, ROOT, new Scope(undefined));
      return finish(renderer, problems);
    } catch (error) {
      if (!(error instanceof TemplateFailure)) throw error;
      problems.push({ kind: error.kind, start: 0, end: text.length, detail: error.detail, action: '' });
    }
  }
  // Structure the linter does not follow (or Helm rejects): the text as written, every action blanked.
  const fallback = new Renderer(text, context, false);
  const flat: TplNode[] = [];
  let cursor = 0;
  for (const action of actions) {
    if (action.start > cursor) flat.push({ type: 'text', start: cursor, end: action.start });
    flat.push({ type: 'opaque', action });
    cursor = action.end;
  }
  if (cursor < text.length) flat.push({ type: 'text', start: cursor, end: text.length });
  fallback.render(flat, ROOT, new Scope(undefined));
  fallback.unevaluated.push({ start: 0, end: fallback.out.length });
  return finish(fallback, problems);
}

function finish(renderer: Renderer, problems: TemplateProblem[]): TemplateRendering {
  const pieces = renderer.pieces;
  const text = renderer.out;
  const pieceAt = (offset: number): Piece | undefined => {
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (pieces[mid]!.out <= offset) low = mid;
      else high = mid - 1;
    }
    return pieces[low];
  };
  const point = (offset: number, side: 'start' | 'end'): number => {
    const piece = pieceAt(side === 'end' ? Math.max(offset - 1, 0) : offset);
    if (!piece) return 0;
    if (!piece.exact) return side === 'start' ? piece.source : piece.sourceEnd;
    const inside = Math.min(Math.max(offset - piece.out, 0), piece.length);
    return piece.source + inside;
  };
  // Whatever `{{ … }}` the output holds was printed by an action (an escape): Vault's own template.
  const printedTemplates = text.includes('{{') ? lexActions(text).map((action) => ({ start: action.start, end: action.end })) : [];
  return {
    text,
    toSource: (start, end) => {
      const from = point(start, 'start');
      return { start: from, end: end > start ? Math.max(point(end, 'end'), from) : from };
    },
    templated: [...renderer.templated, ...printedTemplates],
    unevaluated: renderer.unevaluated,
    problems: [...problems, ...renderer.problems],
  };
}

/** Undefined functions in what a first `tpl` pass printed, for charts that run tpl over a JSON config twice. */
export function secondPassProblems(rendering: TemplateRendering): TemplateProblem[] {
  const text = rendering.text;
  if (!text.includes('{{')) return [];
  return undefinedFunctions(text, lexActions(text)).map((problem) => ({
    ...problem,
    ...rendering.toSource(problem.start, problem.end),
    secondPass: true,
  }));
}

/** A text without Helm actions: rendered as itself. */
export function identityRendering(text: string): TemplateRendering {
  return { text, toSource: (start, end) => ({ start, end }), templated: [], unevaluated: [], problems: [] };
}

/** Whether a span overlaps any of the given spans. */
export function overlaps(spans: readonly OffsetSpan[], span: OffsetSpan): boolean {
  return spans.some((range) => range.start < span.end && range.end > span.start);
}
