import type { YamlDocument, YamlProblem, YMap, YNode, YPair, YScalar, YSeq } from './yaml.js';

/**
 * The `--set` family of flags, in the order Helm applies them: all `-f` files first, then every
 * `--set`, then every `--set-string`, then every `--set-file`, each group in command-line order
 * (helm.sh/helm/v3 pkg/cli/values `MergeValues`). So `--set-string a=1 --set a=2` ends with "1".
 */
export const SET_FLAGS = ['--set', '--set-string', '--set-file'] as const;
export type SetFlag = (typeof SET_FLAGS)[number];

/**
 * A list written by index (`--set a[1]=x`): Helm sets the assigned items inside a list an earlier
 * user layer wrote, keeping the others; over a chart default or nothing it is a new list whose
 * unassigned items are null.
 */
export interface IndexedSeq extends YSeq {
  assigned: readonly boolean[];
}

export interface SetArgumentOptions {
  /** Reads the file a `--set-file` value names (Helm reads `-` from standard input). Throws when it cannot. */
  readFile?: (path: string) => string;
}

/** Helm's limits (pkg/strvals): deeper names and larger indexes are errors. */
const MAX_NESTED_NAME_LEVEL = 30;
const MAX_INDEX = 65536;

/**
 * One `--set`-family argument as a values layer: label `--set a.b=c` (the flag and the argument as
 * the user wrote it), text the argument, so that positions are columns inside the argument.
 */
/** A `--set` argument as a values layer: the model reads `yaml`, built by the strvals grammar, instead of parsing `text`. */
export interface SetInput {
  kind: 'set';
  label: string;
  text: string;
  yaml: YamlDocument;
}

export function setLayer(flag: SetFlag, argument: string, options: SetArgumentOptions = {}): SetInput {
  return { kind: 'set', label: `${flag} ${argument}`, text: argument, yaml: parseSetArgument(flag, argument, options) };
}

/**
 * Parse one `--set`, `--set-string` or `--set-file` argument with Helm's strvals grammar into a
 * positioned tree whose offsets point into the argument: `a.b=c,d[0].e=f`, `a\.b=c` (escaped dot),
 * `a={x,y}` (a list), `\,` (escaped comma). `--set` types values as Helm does (`true`/`false` in any
 * case, `null` deletes, whole numbers not starting with 0 become integers, anything else a
 * string); `--set-string` keeps strings; `--set-file` reads the named file as the string value.
 * A malformed argument yields a `syntax` problem and no tree, as Helm refuses it.
 */
export function parseSetArgument(flag: SetFlag, text: string, options: SetArgumentOptions = {}): YamlDocument {
  const parser = new SetParser(flag, text, options);
  try {
    return { root: parser.parse(), problems: [] };
  } catch (error) {
    if (!(error instanceof SetSyntaxError)) throw error;
    const problem: YamlProblem = {
      messageId: 'syntax',
      message: `Invalid ${flag} argument: ${error.message}`,
      start: error.start,
      end: Math.max(error.end, error.start),
    };
    return { root: null, problems: [problem] };
  }
}

class SetSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** End of input, which Helm's parser passes around as `io.EOF`: not an error, the argument is done. */
const EOF = Symbol('eof');

/** The tree while it is built: maps and lists are filled in as Helm fills its `map[string]interface{}`. */
type Draft = DraftMap | DraftSeq | YScalar;
interface DraftMap {
  kind: 'map';
  entries: Map<string, { key: YScalar; value: Draft }>;
  start: number;
}
interface DraftSeq {
  kind: 'seq';
  items: (Draft | undefined)[];
  /** `a={x,y}` (a whole list) rather than `a[0]=x` (items by index). */
  literal: boolean;
  start: number;
  end: number;
}

interface Run {
  /** The text with escapes removed. */
  text: string;
  start: number;
  end: number;
  /** The stop character that ended the run, or EOF. */
  last: string | typeof EOF;
}

class SetParser {
  private at = 0;

  constructor(
    private readonly flag: SetFlag,
    private readonly text: string,
    private readonly options: SetArgumentOptions,
  ) {}

  parse(): YMap {
    const root: DraftMap = { kind: 'map', entries: new Map(), start: 0 };
    while (this.key(root, 0) !== EOF);
    return toMap(root, 0, this.text.length);
  }

  /** Characters up to one of `stop`, a backslash escaping the next character (Helm's `runesUntil`). */
  private until(stop: string): Run {
    const start = this.at;
    let text = '';
    while (this.at < this.text.length) {
      const char = this.text[this.at]!;
      if (stop.includes(char)) {
        this.at++;
        return { text, start, end: this.at - 1, last: char };
      }
      if (char === '\\') {
        if (this.at + 1 >= this.text.length) {
          this.at = this.text.length;
          return { text, start, end: this.at, last: EOF };
        }
        const next = String.fromCodePoint(this.text.codePointAt(this.at + 1)!);
        text += next;
        this.at += 1 + next.length;
        continue;
      }
      text += char;
      this.at++;
    }
    return { text, start, end: this.at, last: EOF };
  }

  private fail(message: string, start: number, end: number): never {
    throw new SetSyntaxError(message, start, end);
  }

  /** One `name…=value` entry into `data`; EOF when the argument is used up. */
  private key(data: DraftMap, level: number): typeof EOF | undefined {
    const run = this.until('=[,.');
    const keyNode = keyScalar(run);
    if (run.last === EOF) {
      if (run.text === '') return EOF;
      this.fail(`key "${run.text}" has no value`, run.start, run.end);
    }
    const existing = data.entries.get(run.text)?.value;
    switch (run.last) {
      case '[': {
        const index = this.index();
        if (existing && existing.kind !== 'seq') this.notA('a list', run, existing);
        const list = existing ?? { kind: 'seq', items: [], literal: false, start: run.end, end: this.at };
        const done = this.listItem(list, index, level);
        list.end = Math.max(list.end, this.lastEnd);
        set(data, keyNode, list);
        return done;
      }
      case '=': {
        const value = this.assigned(run.end + 1);
        set(data, keyNode, value.node);
        return value.done;
      }
      case ',':
        return this.fail(`key "${run.text}" has no value (cannot end with ,)`, run.start, run.end + 1);
      case '.': {
        if (level + 1 > MAX_NESTED_NAME_LEVEL)
          this.fail(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
            run.start,
            run.end,
          );
        if (existing && existing.kind !== 'map') this.notA('a map', run, existing);
        const inner: DraftMap = existing ?? { kind: 'map', entries: new Map(), start: run.start };
        const done = this.key(inner, level + 1);
        if (done !== EOF && inner.entries.size === 0) this.fail(`key map "${run.text}" has no value`, run.start, this.at);
        if (inner.entries.size > 0) set(data, keyNode, inner);
        return done;
      }
    }
    return undefined;
  }

  /** End offset of the last value read, for list spans. */
  private lastEnd = 0;

  /** The value after `=`: a `{…}` list or one value up to the next comma (Helm's `valList` / `val`). */
  private assigned(start: number): { node: Draft; done: typeof EOF | undefined } {
    if (this.at >= this.text.length) {
      // `a=` at the end: Helm sets the empty string without reading a file.
      this.lastEnd = start;
      return { node: scalar('', '', start, start), done: EOF };
    }
    if (this.text[this.at] === '{') return { node: this.list(), done: undefined };
    const run = this.until(',');
    this.lastEnd = run.end;
    return { node: this.value(run), done: undefined };
  }

  private list(): DraftSeq {
    const seq: DraftSeq = { kind: 'seq', items: [], literal: true, start: this.at, end: this.at };
    this.at++;
    for (;;) {
      const run = this.until(',}');
      if (run.last === EOF) this.fail("list must terminate with '}'", seq.start, this.text.length);
      seq.items.push(this.value(run));
      if (run.last === '}') {
        seq.end = run.end + 1;
        this.lastEnd = seq.end;
        if (this.text[this.at] === ',') this.at++;
        return seq;
      }
    }
  }

  /** `[n]`: the index (Helm's `keyIndex`, `strconv.Atoi`). */
  private index(): { value: number; start: number; end: number } {
    const run = this.until(']');
    if (run.last === EOF) this.fail(`missing "]" after index "${run.text}"`, run.start - 1, run.end);
    if (!/^[+-]?[0-9]+$/.test(run.text)) this.fail(`index "${run.text}" is not a number`, run.start, run.end);
    const value = Number(run.text);
    if (value < 0) this.fail(`negative ${value} index not allowed`, run.start, run.end);
    if (value > MAX_INDEX) this.fail(`index of ${value} is greater than maximum supported index of ${MAX_INDEX}`, run.start, run.end);
    return { value, start: run.start, end: run.end };
  }

  /** What follows `name[n]`: `=value`, `[m]…` or `.name…` (Helm's `listItem`). */
  private listItem(list: DraftSeq, index: { value: number; start: number; end: number }, level: number): typeof EOF | undefined {
    const run = this.until('[.=');
    if (run.text !== '') this.fail(`unexpected data at end of array index: "${run.text}"`, run.start, run.end);
    if (run.last === EOF) return EOF;
    const i = index.value;
    const existing = list.items[i];
    switch (run.last) {
      case '=': {
        const value = this.assigned(run.end + 1);
        list.items[i] = value.node;
        return undefined;
      }
      case '[': {
        const next = this.index();
        if (existing && existing.kind !== 'seq' && !isNull(existing))
          this.notA('a list', { text: `[${i}]`, start: index.start - 1, end: index.end + 1, last: '[' }, existing);
        const inner: DraftSeq =
          existing?.kind === 'seq' ? existing : { kind: 'seq', items: [], literal: false, start: run.end, end: this.at };
        const done = this.listItem(inner, next, level);
        inner.end = Math.max(inner.end, this.lastEnd);
        list.items[i] = inner;
        return done;
      }
      default: {
        // `.`: a map item; an item of another kind is replaced by an empty map, as Helm does.
        const inner: DraftMap = existing?.kind === 'map' ? existing : { kind: 'map', entries: new Map(), start: index.start - 1 };
        const done = this.key(inner, level);
        list.items[i] = inner;
        return done;
      }
    }
  }

  /** A value as the flag types it. */
  private value(run: Run): YScalar {
    const raw = run.text;
    if (this.flag === '--set-file') {
      const read = this.options.readFile;
      if (!read) this.fail(`cannot read "${raw}": no file access`, run.start, run.end);
      const content = read(raw);
      return scalar(content, content, run.start, run.end);
    }
    return scalar(raw, this.flag === '--set-string' ? raw : typedValue(raw), run.start, run.end);
  }

  /** Helm panics (and reports a parse error) when a name treats a value of another kind as a map or list. */
  private notA(kind: string, run: Run, existing: Draft): never {
    this.fail(`"${run.text}" is ${describeDraft(existing)} earlier in this argument, not ${kind}`, run.start, run.end);
  }
}

/**
 * A `--set` value typed as Helm's strvals `typedVal`: `true`/`false`/`null` in any case, `0`, and
 * base-10 integers that do not start with 0 and fit in int64; everything else stays a string.
 */
export function typedValue(text: string): string | number | boolean | null {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (/^[+-]?[0-9]+$/.test(text) && text[0] !== '0') {
    const big = BigInt(text);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return Number(big);
  }
  return text;
}

function scalar(text: string, value: unknown, start: number, end: number): YScalar {
  return { kind: 'scalar', style: 'plain', text, value, start, end, contentStart: start, contentEnd: end };
}

/** Keys are always strings, whatever they look like (`--set 1=x` sets key "1"). */
function keyScalar(run: Run): YScalar {
  return scalar(run.text, run.text, run.start, run.end);
}

function set(data: DraftMap, key: YScalar, value: Draft): void {
  // Helm ignores an empty name (`--set =x`, `--set a.=x`).
  if (key.text === '') return;
  data.entries.set(key.text, { key, value });
}

function isNull(node: Draft): boolean {
  return node.kind === 'scalar' && node.value === null;
}

function describeDraft(node: Draft): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  return describeScalar(node.value);
}

/** A scalar's type in words, for messages: `null`, `a string`, `a number`. */
export function describeScalar(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function toMap(draft: DraftMap, start: number, end: number): YMap {
  const pairs: YPair[] = [];
  let last = end;
  for (const { key, value } of draft.entries.values()) {
    const node = toNode(value);
    pairs.push({ key, value: node });
    last = Math.max(last, node.end, key.end);
  }
  return { kind: 'map', pairs, flow: false, start, end: last };
}

function toNode(draft: Draft): YNode {
  if (draft.kind === 'scalar') return draft;
  if (draft.kind === 'map') {
    const first = [...draft.entries.values()][0];
    return toMap(draft, first ? Math.min(draft.start, first.key.start) : draft.start, draft.start);
  }
  // Unassigned indexes are null items, as Helm's list growth leaves them.
  const items = Array.from({ length: draft.items.length }, (_, i) => {
    const item = draft.items[i];
    return item ? toNode(item) : scalar('', null, draft.start, draft.start);
  });
  const end = items.reduce((max, item) => Math.max(max, item.end), draft.end);
  if (draft.literal) return { kind: 'seq', items, flow: true, start: draft.start, end };
  const indexed: IndexedSeq = {
    kind: 'seq',
    items,
    flow: false,
    start: draft.start,
    end,
    assigned: Array.from({ length: items.length }, (_, i) => draft.items[i] !== undefined),
  };
  return indexed;
}
