/**
 * The HCL v1 scanner: text to tokens with their UTF-16 offsets, comments collected on the side.
 *
 * It follows HCL v1's scanner, because what it accepts decides what Vault reads: blanks and
 * comments (`#`, `//` and block comments) are skipped, noting whether a line break came before the token;
 * identifiers may hold `-`, `.` and any Unicode letter or digit after a letter or `_`; `true` and
 * `false` are booleans. In JSON mode there are no comments, `:` replaces `=`, `null` is a word and
 * any other bare word is an error. Numbers, strings and heredocs are scanned by `LiteralScanner`.
 * Problems go to the error list shared with the parser, so both sort together.
 */
import type { HclComment, HclSyntaxError } from '../hcl-types.js';
import { isDecimal, isDigit, isLetter } from './chars.js';
import { LiteralScanner } from './literals.js';
import { normaliseNewlines } from './strings.js';
import {
  ADD,
  ASSIGN,
  BOOL,
  COLON,
  COMMA,
  EOF,
  FLOAT,
  HEREDOC,
  IDENT,
  ILLEGAL,
  LBRACE,
  LBRACK,
  NULL,
  PERIOD,
  RBRACE,
  RBRACK,
  STRING,
  SUB,
  type Token,
} from './tokens.js';

export class Scanner extends LiteralScanner {
  /** Scanner position: the start of the next token. */
  private pos = 0;
  private tok: Token = { type: EOF, start: 0, end: 0, nl: false, escaped: false, bad: false };
  private buffered = false;

  /** Errors go to `errors`, comments to `comments`: lists the caller owns. */
  constructor(
    text: string,
    json: boolean,
    errors: HclSyntaxError[],
    private readonly comments: HclComment[],
  ) {
    super(text, json, errors);
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
}
