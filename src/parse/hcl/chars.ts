/**
 * Character classes as HCL v1 and Go define them, on code points. HCL v1 scans UTF-8 with Go's
 * `unicode` package: identifiers take any Unicode letter or decimal digit, JSON mode is chosen
 * after Go's `unicode.IsSpace`, heredoc terminators are matched with the ASCII `[[:space:]]`
 * class, and byte counts (heredoc slicing) are UTF-8 lengths.
 */
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

export function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** HCL v1's `isLetter`: ASCII letters, `_`, and any Unicode letter. */
export function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return LETTER.test(String.fromCodePoint(c));
}

/** HCL v1's `isDigit`: ASCII digits and any Unicode decimal digit. */
export function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 48 && c <= 57;
  return DIGIT.test(String.fromCodePoint(c));
}

export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 16;
}

/** Go's `unicode.IsSpace`, which decides between HCL and JSON mode. */
export function isGoSpace(c: number): boolean {
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
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Parses HCL v1 (or JSON, when the first non-blank character is `{`) into a positioned tree.
 *

/** Bytes of the code point in UTF-8. */
export function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
