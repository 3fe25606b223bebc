import { describe, expect, it } from 'vitest';
import { parseGoFloat, parseGoInt } from '../../../src/parse/hcl/numbers.js';

describe('parseGoInt: Go strconv.ParseInt(s, 0, 64)', () => {
  it.each([
    ['0x1F', 31],
    ['0X1f', 31],
    ['0755', 493],
    ['0b101', 5],
    ['0o17', 15],
    ['0', 0],
    ['+5', 5],
    ['1_000', 1000],
    ['0x_1F', 31],
    ['0_7', 7],
  ])('reads %s as %d', (text, value) => {
    expect(parseGoInt(text)).toBe(value);
  });

  it.each(['08', '0B2', '0O8', '0x', '0b', '0o', '', '-', '_1', '1__0', '1_', '12a', '1.5'])('rejects %j as syntax', (text) => {
    expect(parseGoInt(text)).toBe('syntax');
  });

  it('gives +0 for -0', () => {
    expect(Object.is(parseGoInt('-0'), 0)).toBe(true);
  });

  it('accepts the 64-bit range and no more, on both sides and in hex', () => {
    expect(parseGoInt('9223372036854775807')).toBe(2 ** 63);
    expect(parseGoInt('-9223372036854775808')).toBe(-(2 ** 63));
    expect(parseGoInt('0x7fffffffffffffff')).toBe(2 ** 63);
    expect(parseGoInt('9223372036854775808')).toBe('range');
    expect(parseGoInt('-9223372036854775809')).toBe('range');
    expect(parseGoInt('0x8000000000000000')).toBe('range');
  });
});

describe('parseGoFloat: Go strconv.ParseFloat(s, 64) on decimal forms', () => {
  it.each([
    ['1.5e3', 1500],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1.', 1],
    ['00.5', 0.5],
    ['1e-400', 0],
    ['1.7976931348623157e308', Number.MAX_VALUE],
  ])('reads %s as %d', (text, value) => {
    expect(parseGoFloat(text)).toBe(value);
  });

  it('fails on overflow instead of giving Infinity', () => {
    expect(parseGoFloat('1e400')).toBe('range');
    expect(parseGoFloat('-1e400')).toBe('range');
    expect(parseGoFloat('1.7976931348623159e308')).toBe('range');
  });

  it.each(['1e', '1e+', '0x1p3', '1_0.5', 'Infinity'])('rejects %j as syntax', (text) => {
    expect(parseGoFloat(text)).toBe('syntax');
  });
});
