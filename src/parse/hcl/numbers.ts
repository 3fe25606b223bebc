/**
 * Numbers as HCL v1 decodes them: with Go's `strconv`. An integer literal goes through
 * `ParseInt(s, 0, 64)`: `0x`, `0o` and `0b` prefixes, a leading `0` for octal (so `08` fails and
 * `0755` is 493), `_` only between digits or after a prefix, 64-bit range. A float literal goes
 * through `ParseFloat(s, 64)`, which fails on overflow (`1e400`) instead of giving Infinity.
 */
import { digitValue } from './chars.js';

/** A number, or why Go's `strconv` rejects the text: bad syntax or out of range. */
export type GoNumber = number | 'syntax' | 'range';

const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.ParseInt(s, 0, 64)`: base prefixes, a leading 0 for octal, `_` after a prefix. */
export function parseGoInt(s: string): GoNumber {
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
export function parseGoFloat(s: string): GoNumber {
  if (!DECIMAL_FLOAT.test(s)) return 'syntax';
  const value = Number(s);
  return Number.isFinite(value) ? value : 'range';
}
