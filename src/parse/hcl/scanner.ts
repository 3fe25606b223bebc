/**
 * The HCL v1 scanner: text to tokens with their UTF-16 offsets, comments collected on the side.
 *
 * It follows HCL v1's scanner character by character, because what it accepts decides what Vault
 * reads: in HCL mode a CRLF pair reads as one line break (HCL v1 normalises line endings first),
 * identifiers may hold `-`, `.` and any Unicode letter or digit, `08` scans as a number (it fails
 * only when decoded), `1e` swallows the character after the `e`, a string may hold a line break
 * inside `${...}`, and a heredoc ends at a line matching its anchor. In JSON mode there are no
 * comments, `:` replaces `=`, `null` is a word and numbers cannot start with `0`. Problems go to
 * the error list shared with the parser, so both sort together.
 */
import type { HclComment, HclSyntaxError } from '../hcl-types.js';
import { digitValue, isAsciiSpace, isDecimal, isDigit, isHex, isLetter } from './chars.js';
import { normaliseNewlines } from './strings.js';

// Token types, numbered for cheap comparisons in the scanner's hot loop.
export const EOF = 0;
export const ILLEGAL = 1;
export const IDENT = 2;
export const BOOL = 3;
export const NUMBER = 4;
export const FLOAT = 5;
export const STRING = 6;
export const HEREDOC = 7;
export const LBRACE = 8;
export const RBRACE = 9;
export const LBRACK = 10;
export const RBRACK = 11;
export const COMMA = 12;
export const ASSIGN = 13;
export const COLON = 14;
export const PERIOD = 15;
export const ADD = 16;
export const SUB = 17;
export const NULL = 18;

export interface Token {
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

export class Scanner {
  private readonly n: number;
  /** Scanner position: the start of the next token. */
  private pos = 0;
  /** Cursor of the character-level sub-scanners (numbers, strings, heredocs). */
  private j = 0;
  private lastSize = 0;
  private tok: Token = { type: EOF, start: 0, end: 0, nl: false, escaped: false, bad: false };
  private buffered = false;

  /** Errors go to `errors`, comments to `comments`: lists the caller owns. */
  constructor(
    private readonly text: string,
    private readonly json: boolean,
    private readonly errors: HclSyntaxError[],
    private readonly comments: HclComment[],
  ) {
    this.n = text.length;
  }

  /** The token last returned by `scan`. */
  get current(): Token {
    return this.tok;
  }

  /** Where scanning stopped: the end of the last token consumed (a pushed-back one is not). */
  get scannedEnd(): number {
    return this.buffered ? this.tok.start : this.pos;
  }

  /** Forgets a pushed-back token, so the next `scan` reads past it. */
  discardPushback(): void {
    this.buffered = false;
  }

  /** Stops scanning: every later `scan` returns end of input. */
  skipToEnd(): void {
    this.pos = this.n;
    this.buffered = false;
  }

  private error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
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

  /** The next token; after `unscan`, the same one again. */
  scan(): Token {
    if (this.buffered) {
      this.buffered = false;
      return this.tok;
    }
    this.tok = this.scanToken();
    return this.tok;
  }

  /** Pushes the current token back: the next `scan` returns it again. */
  unscan(): void {
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
}
