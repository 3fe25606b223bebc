/**
 * String values as HCL v1 decodes them for Vault.
 *
 * A quoted string is decoded by HCL v1's `Unquote`: Go's `strconv.Unquote` escapes (`\n \t \"
 * \\ \a \b \f \r \v`, `\xHH` and `\ooo` bytes, `\uXXXX`, `\UXXXXXXXX`), plus `${...}`
 * passed through untouched in HCL mode, since interpolation is left to the application and Vault
 * never expands it. Bytes that are not valid UTF-8 print as U+FFFD, as Go prints them. A heredoc
 * is sliced by UTF-8 byte counts derived from its anchor, and `<<-` strips the terminator's
 * indentation from every line only when all lines have it.
 */
import { digitValue, utf8Length } from './chars.js';

/** CRLF pairs as one line break, as HCL v1 normalises its input. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replaceAll('\r\n', '\n');
}

export interface Unquoted {
  /** The decoded text; what could not be decoded is kept as written. */
  value: string;
  /**
   * False where HCL v1's `Unquote` fails, e.g. missing quotes, an unknown or out-of-range escape, an
   * unescaped `"` or line break outside `${...}`, a `${` left open.
   */
  ok: boolean;
}

/**
 * HCL v1's `Unquote` of `raw`, a literal with its quotes. With `interpolation` (HCL mode, not
 * JSON) `${...}` passes through as written, escapes and quotes inside it included. Never throws.
 */
export function unquote(raw: string, interpolation: boolean): Unquoted {
  const n = raw.length;
  if (n < 2 || raw.charCodeAt(0) !== 34 || raw.charCodeAt(n - 1) !== 34) return { value: raw, ok: false };
  const end = n - 1;
  const body = raw.slice(1, end);
  if (body.indexOf('\\') < 0 && body.indexOf('"') < 0 && (!interpolation || body.indexOf('$') < 0)) {
    return { value: body, ok: body.indexOf('\n') < 0 };
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

/**
 * HCL v1's heredoc value. It slices by byte counts derived from the anchor, which is why an
 * indented terminator line of a plain `<<EOF` leaves its indentation at the end of the value;
 * `<<-EOF` strips the terminator's indentation from every line when all lines have it.
 */
export function unindentHeredoc(token: string): string {
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

/**
 * Where each UTF-16 unit of a quoted string's decoded value is written: `offsets[i]` is the offset
 * in `raw` (quotes included) of the escape or character that produced unit `i`, and one more entry
 * gives the closing quote. Undefined when the value cannot be mapped unit by unit (byte escapes
 * such as `\x41` or `\101`, which combine into characters, or a literal `unquote` refuses).
 */
export function quotedOffsets(raw: string, interpolation: boolean): number[] | undefined {
  const decoded = unquote(raw, interpolation);
  if (!decoded.ok) return undefined;
  const end = raw.length - 1;
  const out: number[] = [];
  let p = 1;
  while (p < end) {
    if (interpolation && raw.charCodeAt(p) === 36 && raw.charCodeAt(p + 1) === 123) {
      // `${…}` is kept as written, one unit per character.
      let braces = 0;
      do {
        const c = raw.charCodeAt(p);
        if (c === 123) braces++;
        else if (c === 125) braces--;
        out.push(p++);
      } while (p < end && braces > 0);
      continue;
    }
    if (raw.charCodeAt(p) !== 92) {
      out.push(p++);
      continue;
    }
    const e = raw.charCodeAt(p + 1);
    if (SIMPLE_ESCAPES[e] !== undefined && e !== 39) {
      out.push(p);
      p += 2;
    } else if (e === 117 || e === 85) {
      const digits = e === 117 ? 4 : 8;
      const units = String.fromCodePoint(Math.min(Number.parseInt(raw.slice(p + 2, p + 2 + digits), 16), 0x10ffff)).length;
      for (let k = 0; k < units; k++) out.push(p);
      p += 2 + digits;
    } else {
      return undefined;
    }
  }
  out.push(end);
  return out.length === decoded.value.length + 1 ? out : undefined;
}
