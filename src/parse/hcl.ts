/**
 * Positioned parser for HCL v1, the configuration language Vault reads its server config with.
 *
 * It reproduces what `github.com/hashicorp/hcl` (v1) accepts, quirks included, because the linter
 * must judge a config the way Vault will: JSON mode when the first non-blank character is `{`,
 * optional commas between items, `a = ` at the end of input silently dropped, numbers whose
 * meaning depends on where they are decoded, and so on. Unlike HCL v1 it does not stop at the
 * first error: it records the error, skips to the next line or closing brace, and keeps parsing,
 * so rules still see everything around a typo.
 */
import type {
  HclComment,
  HclFile,
  HclItem,
  HclKey,
  HclList,
  HclNode,
  HclNumber,
  HclObject,
  HclString,
  HclSyntaxError,
  Span,
} from './hcl-types.js';
import { DEFAULT_LIMITS } from '../limits.js';

// Token types, numbered for cheap comparisons in the scanner's hot loop.
const EOF = 0;
const ILLEGAL = 1;
const IDENT = 2;
const BOOL = 3;
const NUMBER = 4;
const FLOAT = 5;
const STRING = 6;
const HEREDOC = 7;
const LBRACE = 8;
const RBRACE = 9;
const LBRACK = 10;
const RBRACK = 11;
const COMMA = 12;
const ASSIGN = 13;
const COLON = 14;
const PERIOD = 15;
const ADD = 16;
const SUB = 17;
const NULL = 18;

interface Token {
  type: number;
  start: number;
  end: number;
  /** A line break separates this token from the one before it (drives error recovery). */
  nl: boolean;
  /** A string literal containing a backslash, whose source text differs from its value. */
  escaped: boolean;
  /** The scanner reported an error inside this token; its value is a best effort. */
  bad: boolean;
}

/** Deeper nesting than this is reported instead of recursed into, so no input can overflow the stack. */
const MAX_DEPTH = DEFAULT_LIMITS.maxConfigDepth;

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** HCL v1's `isLetter`: ASCII letters, `_`, and any Unicode letter. */
function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return LETTER.test(String.fromCodePoint(c));
}

/** HCL v1's `isDigit`: ASCII digits and any Unicode decimal digit. */
function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 48 && c <= 57;
  return DIGIT.test(String.fromCodePoint(c));
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 16;
}

/** Go's `unicode.IsSpace`, which decides between HCL and JSON mode. */
function isGoSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The `[[:space:]]` class of the regular expression HCL v1 matches heredoc terminators with. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Parses HCL v1 (or JSON, when the first non-blank character is `{`) into a positioned tree.
 *
 * Never throws. Offsets are 0-based UTF-16 indexes into `text`, end exclusive. `errors` lists
 * everything HCL v1 would reject (its first error aborts Vault's start-up); `warnings` lists what
 * it accepts but drops. Comments are collected with spans covering their markers; their `text` is
 * what lies between the markers. In JSON mode the tree is flattened the way HCL v1 does it,
 * so `{"storage": {"raft": {...}}}` reads like `storage "raft" {...}`, and `null` becomes `""`.
 */
export function parseHcl(text: string): HclFile {
  const json = isJsonMode(text);
  const parser = new Parser(text, json);
  const body = json ? parser.parseJsonDocument() : parser.parseDocument();
  const file: HclFile = { body, errors: finish(parser.errors), comments: parser.comments, json };
  if (parser.warnings.length > 0) file.warnings = finish(parser.warnings);
  return file;
}

function isJsonMode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) return true;
    if (!isGoSpace(c)) return false;
  }
  return false;
}

/** An `=` (or JSON `:`) item from its keys and value; a failed value keeps what parsed of it. */
function assignedItem(keys: HclKey[], value: HclNode | Failure): HclItem | Failure {
  if (value instanceof Failure) {
    const partial = value.item?.value;
    value.item = partial ? { keys, assign: true, value: partial, start: keys[0]!.start, end: partial.end } : undefined;
    return value;
  }
  return { keys, assign: true, value, start: keys[0]!.start, end: value.end };
}

/** Sorts problems by position and drops repeats of the same span (cascades at end of input). */
function finish(list: HclSyntaxError[]): HclSyntaxError[] {
  const sorted = list.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const out: HclSyntaxError[] = [];
  for (const entry of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === entry.start && last.end === entry.end) continue;
    out.push(entry);
  }
  return out;
}

/** A parse failure travelling up to the enclosing body, as HCL v1 returns it up its call chain. */
class Failure {
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

interface ListResult {
  items: HclItem[];
  /** An error HCL v1 swallows because it happened on a `}`; see `objectType`. */
  swallowed?: Failure;
}

class Parser {
  readonly errors: HclSyntaxError[] = [];
  readonly warnings: HclSyntaxError[] = [];
  readonly comments: HclComment[] = [];
  private readonly n: number;
  /** Scanner position: the start of the next token. */
  private pos = 0;
  /** Cursor of the character-level sub-scanners (numbers, strings, heredocs). */
  private j = 0;
  private lastSize = 0;
  private tok: Token = { type: EOF, start: 0, end: 0, nl: false, escaped: false, bad: false };
  private buffered = false;
  private depth = 0;
  private readonly invalidStrings: Array<{ owner: object; error: HclSyntaxError }> = [];
  /** Items rebuilt from a recognisable mistake, such as `address "x"` missing its `=`. */
  private readonly repaired: HclItem[] = [];
  /** Items HCL v1 dropped along with the `}` after them (see `objectType`). */
  private readonly absorbed: Failure[] = [];

  constructor(
    private readonly text: string,
    private readonly json: boolean,
  ) {
    this.n = text.length;
  }

  // ---------------------------------------------------------------------------------------------
  // Problems

  private error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }

  private warn(start: number, end: number, message: string): void {
    this.warnings.push({ start, end, message });
  }

  private fail(token: Token, message: string): Failure {
    return new Failure(token.start, token.end, message);
  }

  private record(failure: Failure): void {
    this.error(failure.start, failure.end, failure.message);
  }

  private describe(token: Token): string {
    if (token.type === EOF) return 'end of input';
    const source = this.text.slice(token.start, token.end);
    const shown = source.length > 24 ? `${source.slice(0, 24)}…` : source;
    return `"${shown.replaceAll('\n', '\\n')}"`;
  }

  // ---------------------------------------------------------------------------------------------
  // Character cursor used by the sub-scanners. In HCL mode a CRLF pair reads as one "\n" because
  // HCL v1 normalises line endings before scanning; JSON mode does not.

  private next(): number {
    const j = this.j;
    if (j >= this.n) {
      this.lastSize = 0;
      return -1;
    }
    let c = this.text.charCodeAt(j);
    let size = 1;
    if (c === 13 && !this.json && this.text.charCodeAt(j + 1) === 10) {
      c = 10;
      size = 2;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.text.charCodeAt(j + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        size = 2;
      }
    }
    this.j = j + size;
    this.lastSize = size;
    return c;
  }

  private unread(): void {
    this.j -= this.lastSize;
    this.lastSize = 0;
  }

  private peek(): number {
    const j = this.j;
    const size = this.lastSize;
    const c = this.next();
    this.j = j;
    this.lastSize = size;
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Scanner

  private scan(): Token {
    if (this.buffered) {
      this.buffered = false;
      return this.tok;
    }
    this.tok = this.scanToken();
    return this.tok;
  }

  private unscan(): void {
    this.buffered = true;
  }

  private scanToken(): Token {
    const text = this.text;
    const n = this.n;
    let i = this.pos;
    let nl = false;
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 13) i++;
        else if (c === 10) {
          nl = true;
          i++;
        } else break;
      }
      if (i >= n || this.json) break;
      const c = text.charCodeAt(i);
      if (c === 35) {
        i = this.lineComment(i, 1, '#');
      } else if (c === 47) {
        const d = text.charCodeAt(i + 1);
        if (d === 47) i = this.lineComment(i, 2, '//');
        else if (d === 42) {
          const end = this.blockComment(i);
          // Look for a line break inside this comment only: searching back from its end would
          // rescan the whole line before it, once per comment.
          for (let k = i; k < end && !nl; k++) if (text.charCodeAt(k) === 10) nl = true;
          i = end;
        } else {
          this.error(i, i + 1, 'Expected "/" after "/" to start a comment');
          i++;
        }
      } else break;
    }
    const token: Token = { type: EOF, start: i, end: i, nl, escaped: false, bad: false };
    if (i >= n) {
      this.pos = n;
      return token;
    }
    const c = text.charCodeAt(i);
    this.j = i + 1;
    this.lastSize = 1;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
      this.scanIdentifier(token);
    } else if (c >= 48 && c <= 57) {
      token.type = this.json ? this.scanJsonNumber(c, token) : this.scanNumber(c, token);
    } else {
      switch (c) {
        case 34:
          token.type = STRING;
          this.scanString(token);
          break;
        case 46:
          token.type = PERIOD;
          if (isDecimal(this.peek())) {
            token.type = FLOAT;
            this.scanExponent(this.scanMantissa(this.peek()));
          }
          break;
        case 91:
          token.type = LBRACK;
          break;
        case 93:
          token.type = RBRACK;
          break;
        case 123:
          token.type = LBRACE;
          break;
        case 125:
          token.type = RBRACE;
          break;
        case 44:
          token.type = COMMA;
          break;
        case 45:
          if (isDecimal(this.peek())) {
            const digit = this.next();
            token.type = this.json ? this.scanJsonNumber(digit, token) : this.scanNumber(digit, token);
          } else if (this.json) {
            this.illegal(token, i);
          } else token.type = SUB;
          break;
        case 61:
          if (this.json) this.illegal(token, i);
          else token.type = ASSIGN;
          break;
        case 58:
          if (this.json) token.type = COLON;
          else this.illegal(token, i);
          break;
        case 43:
          if (this.json) this.illegal(token, i);
          else token.type = ADD;
          break;
        case 60:
          if (this.json) this.illegal(token, i);
          else {
            token.type = HEREDOC;
            this.scanHeredoc(token);
          }
          break;
        default: {
          const cp = text.codePointAt(i) ?? c;
          if (cp >= 0x80 && isLetter(cp)) {
            this.j = i + (cp > 0xffff ? 2 : 1);
            this.scanIdentifier(token);
          } else this.illegal(token, i);
        }
      }
    }
    token.end = this.j;
    this.pos = this.j;
    return token;
  }

  private illegal(token: Token, i: number): void {
    const cp = this.text.codePointAt(i) ?? 0;
    this.j = i + (cp > 0xffff ? 2 : 1);
    token.type = ILLEGAL;
    token.bad = true;
    const shown =
      cp > 32 && cp !== 127 && cp !== 0xe123 && !(cp >= 0x80 && cp < 0xa0)
        ? `"${String.fromCodePoint(cp)}"`
        : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    this.error(i, this.j, `Unexpected character ${shown}`);
  }

  private lineComment(start: number, markerLength: number, style: '#' | '//'): number {
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.n;
    // A CRLF line ending is normalised away by HCL v1, so the comment stops before the "\r".
    const stop = end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.comments.push({ style, text: this.text.slice(start + markerLength, stop), start, end: stop });
    return stop;
  }

  private blockComment(start: number): number {
    const close = this.text.indexOf('*/', start + 2);
    let end: number;
    let body: string;
    if (close < 0) {
      end = this.n;
      body = this.text.slice(start + 2);
      this.error(start, end, 'Unterminated block comment');
    } else {
      end = close + 2;
      body = this.text.slice(start + 2, close);
    }
    this.comments.push({ style: '/*', text: normaliseNewlines(body), start, end });
    return end;
  }

  private scanIdentifier(token: Token): void {
    const text = this.text;
    const n = this.n;
    let j = this.j;
    while (j < n) {
      const c = text.charCodeAt(j);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) j++;
      else if (c === 46 && !this.json) j++;
      else if (c >= 0x80) {
        const cp = text.codePointAt(j) ?? c;
        if (!isLetter(cp) && !isDigit(cp)) break;
        j += cp > 0xffff ? 2 : 1;
      } else break;
    }
    this.j = j;
    const word = text.slice(token.start, j);
    if (word === 'true' || word === 'false') token.type = BOOL;
    else if (!this.json) token.type = IDENT;
    else if (word === 'null') token.type = NULL;
    else {
      token.type = ILLEGAL;
      token.bad = true;
      this.error(token.start, j, `Unexpected word "${word}" in JSON`);
    }
  }

  // Number scanning follows HCL v1 step by step, including its oddities: `1e` swallows the
  // character after the `e`, `.5e3` stops after the `e`, `08` scans (and fails only when decoded).

  private scanMantissa(ch: number): number {
    let scanned = false;
    while (isDecimal(ch)) {
      ch = this.next();
      scanned = true;
    }
    if (scanned && ch !== -1) this.unread();
    return ch;
  }

  private scanFraction(ch: number): number {
    if (ch === 46) ch = this.scanMantissa(this.peek());
    return ch;
  }

  private scanExponent(ch: number): number {
    if (ch === 101 || ch === 69) {
      ch = this.next();
      if (ch === 45 || ch === 43) ch = this.next();
      ch = this.scanMantissa(ch);
    }
    return ch;
  }

  private scanNumber(first: number, token: Token): number {
    if (first === 48) {
      let ch = this.next();
      if (ch === 120 || ch === 88) {
        ch = this.next();
        let found = false;
        while (isHex(ch)) {
          ch = this.next();
          found = true;
        }
        if (ch !== -1) this.unread();
        if (!found) {
          token.bad = true;
          this.error(token.start, this.j, `Invalid hexadecimal number "${this.text.slice(token.start, this.j)}"`);
        }
        return NUMBER;
      }
      let illegalOctal = false;
      while (isDecimal(ch)) {
        ch = this.next();
        if (ch === 56 || ch === 57) illegalOctal = true;
      }
      if (this.floatTail(ch)) return FLOAT;
      if (ch !== -1) this.unread();
      if (illegalOctal) {
        token.bad = true;
        this.error(token.start, this.j, `Invalid octal number "${this.text.slice(token.start, this.j)}"`);
      }
      return NUMBER;
    }
    this.scanMantissa(first);
    const ch = this.next();
    if (this.floatTail(ch)) return FLOAT;
    if (ch !== -1) this.unread();
    return NUMBER;
  }

  /** After the integer digits: an exponent or a fraction (with its own exponent) makes the literal a float. */
  private floatTail(ch: number): boolean {
    if (ch === 101 || ch === 69) {
      this.scanExponent(ch);
      return true;
    }
    if (ch !== 46) return false;
    const after = this.scanFraction(ch);
    if (after === 101 || after === 69) this.scanExponent(this.next());
    return true;
  }

  private scanJsonNumber(first: number, token: Token): number {
    const afterFirst = this.j;
    let hitEnd = false;
    let ch = first;
    let scanned = false;
    while (isDecimal(ch)) {
      ch = this.next();
      scanned = true;
    }
    if (ch === -1) hitEnd = true;
    else if (scanned) this.unread();
    ch = this.next();
    if (ch === 101 || ch === 69) {
      this.scanExponent(ch);
      return FLOAT;
    }
    if (ch === 46) {
      ch = this.scanFraction(ch);
      if (ch === 101 || ch === 69) this.scanExponent(this.next());
      return FLOAT;
    }
    if (ch !== -1) this.unread();
    else hitEnd = true;
    // HCL v1 compares scanner positions, and reading past the end moves the column: a JSON
    // number starting with 0 fails when more digits follow or when the input ends right there.
    if (first === 48 && (this.j !== afterFirst || hitEnd)) {
      token.bad = true;
      this.error(token.start, this.j, `Invalid JSON number "${this.text.slice(token.start, this.j)}": numbers cannot start with 0`);
    }
    return NUMBER;
  }

  private scanString(token: Token): void {
    let braces = 0;
    for (;;) {
      const ch = this.next();
      if (ch === -1 || (ch === 10 && (braces === 0 || this.json))) {
        if (ch === 10) this.unread();
        token.bad = true;
        this.error(token.start, this.j, 'Unterminated string literal');
        return;
      }
      if (ch === 34 && (braces === 0 || this.json)) return;
      if (braces === 0 && ch === 36 && this.peek() === 123) {
        braces++;
        this.next();
      } else if (braces > 0 && ch === 123) braces++;
      if (braces > 0 && ch === 125) braces--;
      if (ch === 92) {
        token.escaped = true;
        this.scanEscape(token);
      }
    }
  }

  private scanEscape(token: Token): void {
    const at = this.j - 1;
    const ch = this.next();
    switch (ch) {
      case 97:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
      case 118:
      case 92:
      case 34:
        return;
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
        this.scanDigits(ch, 8, 3, token, at);
        return;
      case 120:
        this.scanDigits(this.next(), 16, 2, token, at);
        return;
      case 117:
        this.scanDigits(this.next(), 16, 4, token, at);
        return;
      case 85:
        this.scanDigits(this.next(), 16, 8, token, at);
        return;
      default:
        // Leave a line break for the string scanner, so the string ends on its own line.
        if (ch === 10) this.unread();
        token.bad = true;
        this.error(at, this.j, `Invalid escape sequence "${this.text.slice(at, this.j)}" in string`);
    }
  }

  private scanDigits(ch: number, base: number, count: number, token: Token, at: number): void {
    const wanted = count;
    while (count > 0 && digitValue(ch) < base) {
      ch = this.next();
      if (ch === -1) break;
      count--;
    }
    // HCL v1 keeps the first non-digit consumed when no digit was read (eating a closing quote);
    // giving it back only changes where recovery resumes, after an error reported anyway.
    if (ch !== -1) this.unread();
    if (count > 0) {
      token.bad = true;
      this.error(at, this.j, `Invalid escape sequence "${this.text.slice(at, this.j)}" in string: expected ${wanted} digits`);
    }
  }

  private scanHeredoc(token: Token): void {
    const start = token.start;
    if (this.next() !== 60) {
      this.unread();
      token.bad = true;
      this.error(start, this.j, 'Expected "<<" to start a heredoc');
      return;
    }
    const anchorStart = this.j;
    let ch = this.next();
    if (ch === 45) ch = this.next();
    while (ch !== -1 && (isLetter(ch) || isDigit(ch))) ch = this.next();
    if (ch === -1) {
      token.bad = true;
      this.error(start, this.j, 'Unterminated heredoc: expected a line break after its anchor');
      return;
    }
    if (ch !== 10) {
      this.unread();
      token.bad = true;
      this.error(start, this.j, `Invalid characters after heredoc anchor "${this.text.slice(start, this.j)}"`);
      return;
    }
    const anchor = this.text.slice(anchorStart, this.j - this.lastSize);
    if (anchor === '' || anchor === '-') {
      token.bad = true;
      this.error(start, this.j, 'Missing heredoc anchor after "<<"');
      return;
    }
    const indented = anchor.charCodeAt(0) === 45;
    const name = indented ? anchor.slice(1) : anchor;
    let lineStart = this.j;
    for (;;) {
      const lf = this.text.indexOf('\n', lineStart);
      if (lf < 0) {
        this.j = this.n;
        token.bad = true;
        this.error(
          start,
          this.n,
          `Unterminated heredoc: expected a line "${name}"${indented ? ' indented by at least one space' : ''} followed by a line break`,
        );
        return;
      }
      const lineEnd = lf > lineStart && this.text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
      if (this.isHeredocEnd(lineStart, lineEnd, name, indented)) {
        this.j = lf + 1;
        return;
      }
      lineStart = lf + 1;
    }
  }

  /**
   * HCL v1 matches `^[[:space:]]*NAME\r*$` and, because it first compares byte lengths with the
   * anchor including its `-`, an indented heredoc's terminator needs at least one space or `\r`.
   */
  private isHeredocEnd(start: number, end: number, name: string, indented: boolean): boolean {
    let a = start;
    while (a < end && isAsciiSpace(this.text.charCodeAt(a))) a++;
    if (!this.text.startsWith(name, a)) return false;
    let b = a + name.length;
    if (b > end) return false;
    while (b < end && this.text.charCodeAt(b) === 13) b++;
    if (b !== end) return false;
    return !indented || end - start - name.length >= 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Nodes

  private slice(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    return this.json ? raw : normaliseNewlines(raw);
  }

  private makeKey(token: Token): HclKey {
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
      return unquote(raw, !this.json, true).value;
    }
    const result = unquote(raw, !this.json, false);
    if (!result.ok) {
      this.invalidStrings.push({
        owner,
        error: { start: token.start, end: token.end, message: `Invalid escape in string ${this.describe(token)}: value out of range` },
      });
      return unquote(raw, !this.json, true).value;
    }
    return result.value;
  }

  /** Reports the undecodable strings that made it into the final tree. */
  private reportInvalidStrings(body: HclObject): void {
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

  private literal(token: Token): HclNode {
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
  private checkSurrogates(scannedEnd: number): void {
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

  private tooDeep(token: Token): boolean {
    if (this.depth < MAX_DEPTH) return false;
    this.error(token.start, token.end, `Nesting deeper than ${MAX_DEPTH} levels`);
    // Give up on the rest of the input rather than recurse further.
    this.pos = this.n;
    this.buffered = false;
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // HCL grammar, mirroring HCL v1's parser function by function so that what it accepts, drops
  // and absorbs is decided the same way; recovery only kicks in where HCL v1 would have stopped.

  parseDocument(): HclObject {
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
      this.buffered = true;
      return;
    }
    this.buffered = false;
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

  private push(list: HclList, node: HclNode): void {
    list.items.push(node);
    list.end = node.end;
  }

  private listFailure(list: HclList, token: Token, message: string): Failure {
    const failure = this.fail(token, message);
    failure.openLists = 1;
    failure.item = this.partialItem(list);
    return failure;
  }

  /** A keyless carrier for a partial value; `assignment` gives it the item's keys. */
  private partialItem(value: HclNode): HclItem {
    return { keys: [], assign: true, value, start: value.start, end: value.end };
  }

  // ---------------------------------------------------------------------------------------------
  // JSON grammar, mirroring HCL v1's JSON parser: very lenient (trailing commas, a missing final
  // `}`, anything after the root object), but booleans and nested arrays inside arrays vanish.

  parseJsonDocument(): HclObject {
    const open = this.scan();
    if (open.type !== LBRACE) {
      this.error(open.start, open.end, `Expected "{" to start the JSON document, found ${this.describe(open)}`);
      return { type: 'object', items: [], start: 0, end: this.n };
    }
    const body = this.jsonObject();
    flattenObject(body);
    this.reportInvalidStrings(body);
    if (this.buffered) this.pos = this.tok.start;
    this.checkSurrogates(this.pos);
    let rest = this.pos;
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

function keyPhrase(keys: HclKey[]): string {
  return `${keys.length === 1 ? 'key' : 'keys'} "${keys.map((key) => key.name).join(' ')}"`;
}

function normaliseNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replaceAll('\r\n', '\n');
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

// -----------------------------------------------------------------------------------------------
// String literals

/**
 * Decodes a quoted HCL string literal, `raw` being its source text with the quotes.
 *
 * Resolves `\n \t \" \\ \a \b \f \r \v`, `\xHH` and `\ooo` bytes, `\uXXXX` and `\UXXXXXXXX`;
 * passes `${...}` through untouched (HCL v1 leaves interpolation to the application, and Vault
 * never expands it). With `json: true` it decodes like HCL v1's JSON mode, where `${` is not
 * special. Never throws: an invalid escape is kept as written.
 */
export function decodeHclString(raw: string, options: { json?: boolean } = {}): string {
  let text = raw;
  if (text.length < 2 || text.charCodeAt(0) !== 34 || text.charCodeAt(text.length - 1) !== 34) text = `"${text}"`;
  return unquote(normaliseNewlines(text), options.json !== true, true).value;
}

/** HCL v1's `Unquote` (Go's, plus `${}` pass-through when `interpolation`). */
function unquote(raw: string, interpolation: boolean, lenient: boolean): { value: string; ok: boolean } {
  const n = raw.length;
  if (n < 2 || raw.charCodeAt(0) !== 34 || raw.charCodeAt(n - 1) !== 34) return { value: raw, ok: false };
  const end = n - 1;
  const body = raw.slice(1, end);
  if (body.indexOf('\\') < 0 && body.indexOf('"') < 0 && (!interpolation || body.indexOf('$') < 0)) {
    return { value: body, ok: body.indexOf('\n') < 0 || lenient };
  }
  let out = '';
  let bytes: number[] | undefined;
  let ok = true;
  const flush = (): void => {
    if (bytes) {
      out += decodeUtf8(bytes);
      bytes = undefined;
    }
  };
  let p = 1;
  while (p < end) {
    const c = raw.charCodeAt(p);
    if (interpolation && c === 36 && raw.charCodeAt(p + 1) === 123 && p + 1 < end) {
      flush();
      let q = p + 2;
      let braces = 1;
      while (q < end && braces > 0) {
        const d = raw.charCodeAt(q);
        if (d === 0xfffd) ok = false;
        if (d === 123) braces++;
        else if (d === 125) braces--;
        q++;
      }
      if (braces !== 0) ok = false;
      out += raw.slice(p, q);
      p = q;
      continue;
    }
    if (c === 10 || c === 34) ok = false;
    if (c !== 92) {
      flush();
      out += raw[p];
      p++;
      continue;
    }
    const e = raw.charCodeAt(p + 1);
    if (p + 1 >= end) {
      ok = false;
      flush();
      out += '\\';
      p++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined && e !== 39) {
      flush();
      out += simple;
      p += 2;
      continue;
    }
    if (e === 120 || e === 117 || e === 85) {
      const digits = e === 120 ? 2 : e === 117 ? 4 : 8;
      let value = 0;
      let valid = p + 2 + digits <= end;
      for (let k = 0; valid && k < digits; k++) {
        const d = digitValue(raw.charCodeAt(p + 2 + k));
        if (d >= 16) valid = false;
        else value = value * 16 + d;
      }
      if (valid && e !== 120 && value > 0x10ffff) valid = false;
      if (!valid) {
        ok = false;
        flush();
        out += raw.slice(p, p + 2);
        p += 2;
        continue;
      }
      p += 2 + digits;
      if (e === 120) (bytes ??= []).push(value);
      else {
        flush();
        // Go encodes a surrogate code point as U+FFFD.
        out += value >= 0xd800 && value <= 0xdfff ? '\ufffd' : String.fromCodePoint(value);
      }
      continue;
    }
    if (e >= 48 && e <= 55) {
      const d1 = raw.charCodeAt(p + 2) - 48;
      const d2 = raw.charCodeAt(p + 3) - 48;
      const value = (e - 48) * 64 + d1 * 8 + d2;
      if (p + 4 > end || !(d1 >= 0 && d1 <= 7) || !(d2 >= 0 && d2 <= 7) || value > 255) {
        ok = false;
        flush();
        out += raw.slice(p, p + 2);
        p += 2;
        continue;
      }
      (bytes ??= []).push(value);
      p += 4;
      continue;
    }
    ok = false;
    flush();
    out += raw.slice(p, p + 2);
    p += 2;
  }
  flush();
  return { value: out, ok };
}

const SIMPLE_ESCAPES: Record<number, string> = {
  97: '\u0007',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
  118: '\v',
  92: '\\',
  34: '"',
  39: "'",
};

/** Decodes bytes from `\x` and octal escapes as Go prints them: each invalid byte becomes U+FFFD. */
function decodeUtf8(bytes: number[]): string {
  let out = '';
  let i = 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
    } else if (b >= 0xc2 && b <= 0xdf && cont(1)) {
      out += String.fromCodePoint(((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef && cont(1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(2)) {
      out += String.fromCodePoint(((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4 && cont(1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3)) {
      out += String.fromCodePoint(
        ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f),
      );
      i += 4;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * HCL v1's heredoc value. It slices by byte counts derived from the anchor, which is why an
 * indented terminator line of a plain `<<EOF` leaves its indentation at the end of the value;
 * `<<-EOF` strips the terminator's indentation from every line when all lines have it.
 */
function unindentHeredoc(token: string): string {
  const idx = token.indexOf('\n');
  if (idx < 0) return '';
  let anchorBytes = 0;
  for (const char of token.slice(0, idx)) anchorBytes += utf8Length(char.codePointAt(0) ?? 0);
  if (token.charCodeAt(2) !== 45) return dropBytesFromEnd(token, idx + 1, anchorBytes - 1);
  const lines = dropBytesFromEnd(token, idx + 1, anchorBytes - 2).split('\n');
  const prefix = lines[lines.length - 1] ?? '';
  if (!lines.every((line) => line.startsWith(prefix))) {
    return trimRightBlanks(dropBytesFromEnd(token, idx + 1, anchorBytes - 1));
  }
  return lines.map((line, k) => (k === lines.length - 1 ? '' : line.slice(prefix.length))).join('\n');
}

/** `text[from : len - count]` with `count` in UTF-8 bytes; a split character becomes U+FFFD. */
function dropBytesFromEnd(text: string, from: number, count: number): string {
  let end = text.length;
  let left = count;
  let cut = '';
  while (left > 0 && end > from) {
    const cp = text.codePointAt(end - 1) ?? 0;
    const low = cp >= 0xdc00 && cp <= 0xdfff && end - 2 >= from;
    const full = low ? (text.codePointAt(end - 2) ?? cp) : cp;
    const size16 = low ? 2 : 1;
    const size8 = utf8Length(full);
    if (size8 <= left) {
      left -= size8;
      end -= size16;
    } else {
      end -= size16;
      cut = '\ufffd'.repeat(size8 - left);
      left = 0;
    }
  }
  return text.slice(from, end) + cut;
}

function trimRightBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(0, end);
}

// -----------------------------------------------------------------------------------------------
// Numbers, as Go's strconv parses them for HCL v1

function isFloatLiteral(raw: string): boolean {
  const body = raw.charCodeAt(0) === 45 ? raw.slice(1) : raw;
  if (body.length > 1 && body.charCodeAt(0) === 48 && (body.charCodeAt(1) | 32) === 120) return false;
  return body.includes('.') || body.includes('e') || body.includes('E');
}

const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.ParseInt(s, 0, 64)`: base prefixes, a leading 0 for octal, `_` after a prefix. */
function parseGoInt(s: string): number | 'syntax' | 'range' {
  let i = 0;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return 'syntax';
  let base = 10;
  if (s.charCodeAt(i) === 48) {
    const marker = s.charCodeAt(i + 1) | 32;
    if (s.length - i >= 3 && (marker === 98 || marker === 111 || marker === 120)) {
      base = marker === 98 ? 2 : marker === 111 ? 8 : 16;
      i += 2;
    } else {
      base = 8;
      i += 1;
    }
  }
  let value = 0n;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return 'syntax';
    value = value * BigInt(base) + BigInt(d);
  }
  if (underscores && !underscoreOk(s)) return 'syntax';
  if (negative ? value > INT64_MAX + 1n : value > INT64_MAX) return 'range';
  const result = Number(negative ? -value : value);
  return result === 0 ? 0 : result;
}

/** Go's rule for `_` in numbers: only between digits, or right after a base prefix. */
function underscoreOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes((s[1] ?? '').toLowerCase())) {
    i = 2;
    saw = '0';
    hex = (s[1] ?? '').toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && c.toLowerCase() >= 'a' && c.toLowerCase() <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Go's `strconv.ParseFloat(s, 64)` for the decimal forms HCL v1 can scan. */
function parseGoFloat(s: string): number | 'syntax' | 'range' {
  if (!DECIMAL_FLOAT.test(s)) return 'syntax';
  const value = Number(s);
  return Number.isFinite(value) ? value : 'range';
}

// -----------------------------------------------------------------------------------------------
// Decoding: what `hcl.Decode` into `map[string]interface{}` produces

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
