import type { YNode } from './yaml.js';

/**
 * Values files that are templates of a values file: a helmfile `.gotmpl` (or any file whose Helm
 * `{{ … }}` actions stand where YAML cannot read them), or a Terraform `templatefile` input
 * (`${…}` interpolations, `%{ if }`/`%{ for }` directives). The template engine runs before Helm
 * reads the file, so what an action prints is unknown here. This module turns such a text into
 * one YAML can read, at unchanged offsets and line breaks, and says what it set aside.
 *
 * Which files are templates (so an ordinary values file is never misread):
 * - Helm: the name ends in `.gotmpl` or `.tpl`, or an action starts a YAML node outside every
 *   block scalar (the first thing on its line, or right after `key:` or `- `). Quoted `"{{ … }}"`
 *   in an ordinary file is text the chart receives (and `tpl`s in the config and annotations), so
 *   it alone does not make a template.
 * - Terraform: the name ends in `.tftpl` or `.tpl`, or a line is a `%{ … }` directive, or a plain
 *   scalar outside block scalars is a whole `${…}` (`tag: ${vault_version}`). A `${VAR}` inside a
 *   quoted shell command of an ordinary file is the container's shell variable and stays text.
 *
 * What happens to a template (outside block scalars; block scalars are embedded configs and
 * scripts, read by the config reader):
 * - Helm control actions on lines of their own (`{{- if … }}`, `{{ else }}`, `{{- end }}`,
 *   `range`, `with`, comments) are blanked, so every branch is kept; an action printing YAML on a
 *   line of its own (`{{ toYaml .Values.x | nindent 4 }}`) becomes an unknown value of the key
 *   above it, or is blanked when it prints keys among siblings.
 * - Terraform directive lines become YAML comments (`%{` → `#{`), inside block scalars too, where
 *   `#` also starts an HCL comment; the config reader finds them there again.
 * - Every other action or interpolation is an unknown value: replaced by `_` when YAML could not
 *   read it as written, and the scalars that hold one are marked `templated`.
 */
export type TemplateKind = 'helm' | 'terraform';

export interface TextSpan {
  start: number;
  end: number;
}

export interface TemplateInput {
  /** The kinds of template the file was read as, with at least one construct each. */
  kinds: TemplateKind[];
  /** The text YAML reads: same length and line breaks as the input. */
  text: string;
  /** Actions and interpolations read as unknown values, outside block scalars (file offsets). */
  opaque: TextSpan[];
  /** Directive and control lines set aside, and interpolations inside block scalars (file offsets). */
  setAside: TextSpan[];
  /** Lines between which a key may repeat without being a duplicate (a conditional's branches). */
  branchPoints: number[];
}

/**
 * Whether `text[start, end)` holds anything the file writes itself besides quotes and blanks,
 * outside the expressions in `opaque` (file offsets in text order). The spans inside the range are
 * found by binary search and walked once, so every range of one file costs O(log spans + its spans).
 */
export function writesLiteral(text: string, start: number, end: number, opaque: readonly TextSpan[]): boolean {
  let low = 0;
  let high = opaque.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (opaque[mid]!.end <= start) low = mid + 1;
    else high = mid;
  }
  let cursor = start;
  for (let i = low; i < opaque.length && opaque[i]!.start < end && cursor < end; i++) {
    if (LITERAL.test(text.slice(cursor, Math.max(cursor, opaque[i]!.start)))) return true;
    cursor = Math.max(cursor, opaque[i]!.end);
  }
  return cursor < end && LITERAL.test(text.slice(cursor, end));
}

/** A character a file writes itself: not a quote or a blank. */
const LITERAL = /[^"'\s]/;

const HELM_NAME = /\.(gotmpl|tpl)$/i;
const TERRAFORM_NAME = /\.(tftpl|tpl)$/i;
const HELM_CONTROL = /^\{\{-?\s*(?:if\b|else\b|end\b|range\b|with\b|define\b|block\b|\/\*|\$[\w]*\s*:?=)/;
const TERRAFORM_DIRECTIVE = /^%\{~?\s*(if|else|endif|for|endfor)\b/;
const SIMPLE_INTERPOLATION = /^\$\{[\w.-]+\}$/;

interface Line {
  start: number;
  /** Offset of the line break (or the text's end). */
  end: number;
  indent: number;
  /** Inside a block scalar started on an earlier line. */
  inBlock: boolean;
  /** The column a block's content must pass (the key or dash that opened it). */
  blockParent: number;
}

interface Expression extends TextSpan {
  kind: TemplateKind;
  /** A Helm control action or a Terraform directive. */
  control: boolean;
}

/**
 * Read a values file as a template when it is one; undefined for an ordinary values file (then
 * nothing changes). Linear in the text: one pass to find the expressions, one over the lines.
 */
export function readTemplateInput(text: string, name = ''): TemplateInput | undefined {
  const helmCandidate = text.includes('{{');
  const terraformCandidate = text.includes('${') || text.includes('%{');
  if (!helmCandidate && !terraformCandidate) return undefined;
  const lines = splitLines(text);
  let expressions = [...(helmCandidate ? helmActions(text) : []), ...(terraformCandidate ? terraformExpressions(text) : [])].sort(
    (a, b) => a.start - b.start,
  );
  const lineOf = lineFinder(lines);
  // In a comment (YAML's, or HCL's inside a config) what the template prints is read by nobody.
  const quoting = scanQuotes(text, lines);
  expressions = expressions.filter((expression) => expression.start < quoting.commentStart[lineOf(expression.start)]!);
  markBlocks(text, lines, expressions, quoting.commentStart);
  const isHelm =
    HELM_NAME.test(name) ||
    expressions.some((e) => e.kind === 'helm' && !quoting.quoted[e.start] && startsNode(text, lines[lineOf(e.start)]!, e.start));
  const isTerraform =
    TERRAFORM_NAME.test(name) ||
    expressions.some(
      (e) =>
        e.kind === 'terraform' &&
        ((e.control && wholeLine(text, e)) ||
          (!quoting.quoted[e.start] && startsNode(text, lines[lineOf(e.start)]!, e.start) && endsScalar(text, e.end))),
    );
  if (!isHelm && !isTerraform) return undefined;
  const chars = text.split('');
  const neighbours = new Neighbours(text, lines, quoting.commentStart);
  const out: TemplateInput = { kinds: [], text, opaque: [], setAside: [], branchPoints: [] };
  const seen = new Set<TemplateKind>();
  for (const expression of expressions) {
    if (expression.kind === 'helm' ? !isHelm : !isTerraform) continue;
    seen.add(expression.kind);
    const first = lines[lineOf(expression.start)]!;
    const alone = wholeLine(text, expression);
    if (expression.kind === 'terraform' && expression.control && alone) {
      // A directive line: a YAML (and, inside a config, HCL) comment, unless a comment there would end the block.
      const insideBlock = first.inBlock;
      if (!insideBlock || first.indent > first.blockParent) chars[expression.start] = '#';
      else blank(chars, expression.start, expression.end);
      out.setAside.push({ start: expression.start, end: expression.end });
      out.branchPoints.push(expression.start);
      continue;
    }
    if (first.inBlock && !(alone && first.indent <= first.blockParent)) {
      // Inside an embedded config or script: the config reader handles what is there.
      if (expression.kind === 'terraform') out.setAside.push({ start: expression.start, end: expression.end });
      continue;
    }
    if (alone && (expression.control || !neighbours.isValueOfKeyAbove(lineOf(expression.start), lineOf(expression.end)))) {
      blank(chars, expression.start, expression.end);
      out.setAside.push({ start: expression.start, end: expression.end });
      if (expression.control) out.branchPoints.push(expression.start);
      continue;
    }
    if (!(expression.kind === 'terraform' && SIMPLE_INTERPOLATION.test(text.slice(expression.start, expression.end))))
      placeholder(chars, expression.start, expression.end);
    out.opaque.push({ start: expression.start, end: expression.end });
  }
  out.kinds = (['helm', 'terraform'] as const).filter((kind) => seen.has(kind));
  if (out.kinds.length === 0) return undefined;
  out.text = chars.join('');
  return out;
}

/** Mark the scalars (values and keys) that hold an unknown value; spans sorted by start. */
export function markTemplated(root: YNode | null, opaque: readonly TextSpan[]): void {
  if (!root || opaque.length === 0) return;
  const touches = (start: number, end: number): boolean => {
    let low = 0;
    let high = opaque.length;
    // The first span ending after `start`.
    while (low < high) {
      const mid = (low + high) >> 1;
      if (opaque[mid]!.end <= start) low = mid + 1;
      else high = mid;
    }
    const span = opaque[low];
    return span !== undefined && span.start < Math.max(end, start + 1);
  };
  const seen = new Set<YNode>();
  const stack: YNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'scalar') {
      if (touches(node.start, node.end)) node.templated = true;
    } else if (node.kind === 'map') {
      for (const pair of [...node.pairs, ...(node.shadowed ?? []).map((shadow) => shadow.pair)]) {
        if (touches(pair.key.start, pair.key.end)) pair.key.templated = true;
        stack.push(pair.value);
      }
    } else for (const item of node.items) stack.push(item);
  }
}

/**
 * A Vault config written in a Terraform template: directive lines (already comments, `#{ for … }`)
 * bound spans whose count is unknown, and `${…}` interpolations become text HCL reads (a string
 * where a value stands, `_` inside a string when the interpolation holds quotes). Offsets and
 * line breaks are kept.
 */
export function readTerraformConfig(text: string): { text: string; opaque: TextSpan[]; unevaluated: TextSpan[] } {
  const chars = text.split('');
  const opaque: TextSpan[] = [];
  const unevaluated: TextSpan[] = [];
  const open: number[] = [];
  for (const line of splitLines(text)) {
    const body = text.slice(line.start + line.indent, line.end);
    const directive = /^[#%]\{~?\s*(if|else|endif|for|endfor)\b/.exec(body);
    if (directive) {
      const word = directive[1]!;
      if (word === 'if' || word === 'for') open.push(line.end);
      else if (word === 'endif' || word === 'endfor') {
        const from = open.pop();
        if (from !== undefined) unevaluated.push({ start: from, end: line.start });
      }
      continue;
    }
  }
  maskValueExpressions(text, terraformExpressions(text), chars, opaque);
  return { text: chars.join(''), opaque, unevaluated };
}

/**
 * A Vault config inside a helmfile (Go-templated) values file: helmfile runs each action before
 * Helm reads the file, so what a value action prints is unknown, never the chart's `tpl` reading
 * of it. Value actions become text HCL reads, as in {@link readTerraformConfig}; control actions
 * (`if`, `range`, `end`) are left for the config reader. Offsets and line breaks are kept.
 */
export function readHelmfileConfig(text: string): { text: string; opaque: TextSpan[] } {
  const chars = text.split('');
  const opaque: TextSpan[] = [];
  maskValueExpressions(text, helmActions(text), chars, opaque);
  return { text: chars.join(''), opaque };
}

/** Value expressions become a placeholder string where a value stands, `_` inside a string when they hold quotes. */
function maskValueExpressions(text: string, expressions: readonly Expression[], chars: string[], opaque: TextSpan[]): void {
  // Quotes counted once along each line, expression by expression (they come in text order).
  let cursor = 0;
  let quotes = 0;
  for (const expression of expressions) {
    if (expression.control) continue;
    opaque.push({ start: expression.start, end: expression.end });
    const raw = text.slice(expression.start, expression.end);
    for (; cursor < expression.start; cursor++) {
      const c = text.charCodeAt(cursor);
      if (c === 10) quotes = 0;
      else if (c === 34 && text.charCodeAt(cursor - 1) !== 92) quotes++;
    }
    cursor = expression.end;
    const inString = quotes % 2 === 1;
    if (!inString) {
      placeholder(chars, expression.start, expression.end);
      chars[expression.start] = '"';
      chars[expression.end - 1] = '"';
    } else if (/["\\\n]/.test(raw)) placeholder(chars, expression.start, expression.end);
  }
}

/**
 * Per line, where a comment starts (the line's end when none: a `#` at the line start or after a
 * blank, outside quotes), and which characters lie inside quotes. One pass over the text.
 */
function scanQuotes(text: string, lines: readonly Line[]): { commentStart: Int32Array; quoted: Uint8Array } {
  const commentStart = new Int32Array(lines.length);
  const quoted = new Uint8Array(text.length);
  lines.forEach((line, index) => {
    commentStart[index] = line.end;
    let quote = 0;
    for (let i = line.start; i < line.end; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        quoted[i] = 1;
        if (c === quote) quote = 0;
        else if (c === 92 && quote === 34) quoted[++i] = 1;
      } else if (c === 34 || c === 39) {
        const previous = i === line.start ? 32 : text.charCodeAt(i - 1);
        // A quote opens a string only where a value starts (YAML) or anywhere (HCL's double quotes).
        if (c === 34 || previous === 32 || previous === 58 || previous === 45 || previous === 123 || previous === 91 || previous === 44)
          quote = c;
      } else if (c === 35 && (i === line.start || isBlank(text.charCodeAt(i - 1)))) {
        commentStart[index] = i;
        return;
      }
    }
  });
  return { commentStart, quoted };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    let indent = 0;
    while (start + indent < lineEnd && text.charCodeAt(start + indent) === 32) indent++;
    lines.push({ start, end: lineEnd, indent, inBlock: false, blockParent: -1 });
    start = end + 1;
  }
  return lines;
}

function lineFinder(lines: readonly Line[]): (offset: number) => number {
  return (offset) => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid]!.start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/** Helm actions `{{ … }}`; an unclosed one runs to the end of its line. */
function helmActions(text: string): Expression[] {
  const out: Expression[] = [];
  let cursor = 0;
  for (;;) {
    const open = text.indexOf('{{', cursor);
    if (open < 0) return out;
    const close = text.indexOf('}}', open + 2);
    let end: number;
    if (close < 0) {
      const lineEnd = text.indexOf('\n', open);
      end = lineEnd < 0 ? text.length : lineEnd;
    } else end = close + 2;
    out.push({ start: open, end, kind: 'helm', control: HELM_CONTROL.test(text.slice(open, Math.min(end, open + 64))) });
    cursor = end;
  }
}

/**
 * Terraform interpolations `${…}` and directives `%{…}`, braces nested and quoted strings skipped;
 * `$${` and `%%{` are escapes (literal text). An unclosed one runs to the end of its line.
 */
function terraformExpressions(text: string): Expression[] {
  const out: Expression[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if ((c !== 36 && c !== 37) || text.charCodeAt(i + 1) !== 123) continue;
    if (i > 0 && text.charCodeAt(i - 1) === c) {
      // `$${` / `%%{`: an escape, and the next character is not an opener either.
      continue;
    }
    const end = closingBrace(text, i + 2);
    const raw = text.slice(i, Math.min(end, i + 64));
    out.push({ start: i, end, kind: 'terraform', control: c === 37 && TERRAFORM_DIRECTIVE.test(raw) });
    i = end - 1;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (quoted) {
      if (c === 92) i++;
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Which lines lie inside block scalars (`key: |`), treating lines that are only template as transparent. */
function markBlocks(text: string, lines: Line[], expressions: readonly Expression[], commentStart: Int32Array): void {
  const templateOnly = templateOnlyLines(text, lines, expressions);
  let parent = -1;
  lines.forEach((line, index) => {
    const blankLine = line.indent === line.end - line.start || /^[ \t]*$/.test(text.slice(line.start, line.end));
    if (parent >= 0 && (blankLine || line.indent > parent || templateOnly[index])) {
      line.inBlock = true;
      line.blockParent = parent;
      return;
    }
    parent = -1;
    if (templateOnly[index]) return;
    if (opensBlock(text, line, commentStart[index]!)) {
      const body = text.slice(line.start, line.end);
      // The block's content must be indented past the key (or dash) that opens it.
      parent = /^\s*-\s*[|>]/.test(body) ? line.indent : /^[ \t]*(?:-[ \t]+)*/.exec(body)![0].length;
    }
  });
}

/** The line (up to its comment, `end`) ends in a block scalar indicator after `key:` or `-`: `config: |`, `- >-`. */
function opensBlock(text: string, line: Line, end: number): boolean {
  let i = end - 1;
  while (i >= line.start && isBlank(text.charCodeAt(i))) i--;
  // Chomping and indentation indicators (`|-`, `>+`, `|2`).
  while (i >= line.start && /[-+0-9]/.test(text[i]!)) i--;
  if (i < line.start || (text[i] !== '|' && text[i] !== '>')) return false;
  i--;
  while (i >= line.start && isBlank(text.charCodeAt(i))) i--;
  return i < line.start || text[i] === ':' || text[i] === '-';
}

/** Lines holding nothing but template expressions and spaces. */
function templateOnlyLines(text: string, lines: readonly Line[], expressions: readonly Expression[]): boolean[] {
  const covered = new Uint8Array(text.length);
  for (const expression of expressions) covered.fill(1, expression.start, expression.end);
  return lines.map((line) => {
    let any = false;
    for (let i = line.start; i < line.end; i++) {
      if (covered[i]) any = true;
      else if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return false;
    }
    return any;
  });
}

/**
 * The expression fills its lines: only spaces before it on its first line, and after it on its
 * last only spaces or a `#` comment (what the template engine leaves there is a comment then).
 * Scans only the blanks beside the expression, so all expressions of a line cost linear time.
 */
function wholeLine(text: string, expression: TextSpan): boolean {
  let before = expression.start - 1;
  while (before >= 0 && isBlank(text.charCodeAt(before))) before--;
  if (before >= 0 && !isBreak(text.charCodeAt(before))) return false;
  return endsScalar(text, expression.end, true);
}

/** The expression starts a YAML node: first on its line, or right after `key:` or `- `. */
function startsNode(text: string, line: Line, at: number): boolean {
  if (line.inBlock) return false;
  let before = at - 1;
  while (before >= line.start && isBlank(text.charCodeAt(before))) before--;
  if (before < line.start) return true;
  const c = text.charCodeAt(before);
  if (c === 58) return true;
  return c === 45 && before < at - 1 && (before === line.start || isBlank(text.charCodeAt(before - 1)));
}

/** Nothing but blanks or a comment (after a blank) follows on the line. */
function endsScalar(text: string, at: number, commentNeedsBlank = false): boolean {
  let after = at;
  while (after < text.length && isBlank(text.charCodeAt(after))) after++;
  if (after >= text.length || isBreak(text.charCodeAt(after))) return true;
  return text.charCodeAt(after) === 35 && (after > at || (!commentNeedsBlank && at > 0 && isBlank(text.charCodeAt(at - 1))));
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * An action alone on its lines prints the value of the key above it (`key:` with nothing after it,
 * less indented) when the next YAML line is no sibling of the action. The nearest YAML lines above
 * and below each line are found in two passes, once per file.
 */
class Neighbours {
  private above: Int32Array | undefined;
  private below: Int32Array | undefined;
  private readonly opensValue = new Map<number, boolean>();

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
    private readonly commentStart: Int32Array,
  ) {}

  isValueOfKeyAbove(first: number, last: number): boolean {
    if (!this.above || !this.below) this.build();
    const above = this.above![first]!;
    if (above < 0) return false;
    const key = this.lines[above]!;
    let opens = this.opensValue.get(above);
    if (opens === undefined) {
      // Each key line is read once, however many action lines sit below it.
      opens = this.text.slice(key.start, this.commentStart[above]).trimEnd().endsWith(':');
      this.opensValue.set(above, opens);
    }
    if (!opens || this.lines[first]!.indent <= key.indent) return false;
    const below = this.below![last]!;
    return below < 0 || this.lines[below]!.indent <= key.indent;
  }

  private build(): void {
    const count = this.lines.length;
    const significant = this.lines.map((line) => {
      const c = this.text.charCodeAt(line.start + line.indent);
      const next = this.text.charCodeAt(line.start + line.indent + 1);
      if (line.start + line.indent >= line.end || c === 35 || c === 9) return false;
      return !((c === 123 || c === 37) && next === 123);
    });
    this.above = new Int32Array(count);
    this.below = new Int32Array(count);
    let seen = -1;
    for (let i = 0; i < count; i++) {
      this.above[i] = seen;
      if (significant[i]) seen = i;
    }
    seen = -1;
    for (let i = count - 1; i >= 0; i--) {
      this.below[i] = seen;
      if (significant[i]) seen = i;
    }
  }
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** `_` on the first line of the span, spaces on later lines (so no continuation line changes indentation). */
function placeholder(chars: string[], start: number, end: number): void {
  let firstLine = true;
  for (let i = start; i < end; i++) {
    if (chars[i] === '\n' || chars[i] === '\r') firstLine = false;
    else chars[i] = firstLine ? '_' : ' ';
  }
}
