/**
 * The character cursor and the literal sub-scanners of the HCL v1 scanner: numbers, quoted
 * strings and heredocs, each following HCL v1's scanner step by step.
 *
 * In HCL mode a CRLF pair reads as one line break, as HCL v1 normalises line endings first.
 * Numbers keep HCL v1's oddities: `1e` swallows the character after the `e`, `.5e3` stops after
 * the `e`, `08` scans (it fails only when decoded) while `018` is a scan error, and in JSON mode a
 * number cannot start with `0`. A string may hold a line break only inside `${...}` (HCL mode),
 * and an escape must be one Go knows, with all its digits. A heredoc ends at a line holding its
 * anchor name between optional blanks before it and carriage returns after it; the terminator of
 * a `<<-` heredoc needs at least one of those.
 */
import type { HclSyntaxError } from '../hcl-types.js';
import { digitValue, isAsciiSpace, isDecimal, isDigit, isHex, isLetter } from './chars.js';
import { FLOAT, NUMBER, type Token } from './tokens.js';

export abstract class LiteralScanner {
  protected readonly n: number;
  /** Cursor of the character-level sub-scanners. */
  protected j = 0;
  protected lastSize = 0;

  constructor(
    protected readonly text: string,
    protected readonly json: boolean,
    private readonly errors: HclSyntaxError[],
  ) {
    this.n = text.length;
  }

  protected error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }

  // ---------------------------------------------------------------------------------------------
  // Character cursor used by the sub-scanners. In HCL mode a CRLF pair reads as one "\n" because
  // HCL v1 normalises line endings before scanning; JSON mode does not.

  protected next(): number {
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

  protected unread(): void {
    this.j -= this.lastSize;
    this.lastSize = 0;
  }

  protected peek(): number {
    const j = this.j;
    const size = this.lastSize;
    const c = this.next();
    this.j = j;
    this.lastSize = size;
    return c;
  }

  // Number scanning follows HCL v1 step by step, including its oddities: `1e` swallows the
  // character after the `e`, `.5e3` stops after the `e`, `08` scans (and fails only when decoded).

  protected scanMantissa(ch: number): number {
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

  protected scanExponent(ch: number): number {
    if (ch === 101 || ch === 69) {
      ch = this.next();
      if (ch === 45 || ch === 43) ch = this.next();
      ch = this.scanMantissa(ch);
    }
    return ch;
  }

  protected scanNumber(first: number, token: Token): number {
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

  protected scanJsonNumber(first: number, token: Token): number {
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

  protected scanString(token: Token): void {
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

  protected scanHeredoc(token: Token): void {
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
