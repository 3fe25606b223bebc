import { describe, expect, it } from 'vitest';
import { normaliseNewlines, unindentHeredoc, unquote } from '../../../src/parse/hcl/strings.js';

describe('unquote: HCL v1 Unquote', () => {
  it.each([
    ['"\\377"', '\ufffd'],
    ['"\\U0010FFFF"', '\u{10ffff}'],
    ['"\\ud800"', '\ufffd'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\xc3"', '\ufffd'],
    ['"\\xed\\xa0\\x80"', '\ufffd\ufffd\ufffd'],
  ])('decodes %s to %j, bytes that are not UTF-8 as U+FFFD each', (literal, value) => {
    expect(unquote(literal, true)).toEqual({ value, ok: true });
  });

  it.each([
    ['"\\400"', '\\400'],
    ['"\\U00110000"', '\\U00110000'],
    ['"\\18"', '\\18'],
    ['"\\\'"', "\\'"],
    ['"a\nb"', 'a\nb'],
    ['"a"b"', 'a"b'],
    ['"\\"', '\\'],
    ['"${a}\\q"', '${a}\\q'],
  ])('fails on %j and keeps it as written', (literal, value) => {
    expect(unquote(literal, true)).toEqual({ value, ok: false });
  });

  it('passes ${...} through in HCL mode, line breaks, quotes and escapes inside it included', () => {
    expect(unquote('"${a\nb}"', true)).toEqual({ value: '${a\nb}', ok: true });
    expect(unquote('"${\\"}"', true)).toEqual({ value: '${\\"}', ok: true });
    expect(unquote('"${a"', true)).toEqual({ value: '${a', ok: false });
  });

  it('gives ${ no meaning in JSON mode', () => {
    expect(unquote('"${a\nb}"', false)).toEqual({ value: '${a\nb}', ok: false });
    expect(unquote('"${\\"}"', false)).toEqual({ value: '${"}', ok: true });
    expect(unquote('"${a"', false)).toEqual({ value: '${a', ok: true });
  });
});

describe('unindentHeredoc: HCL v1 heredoc values', () => {
  it.each([
    ['<<EOF\nx\nEOF\n', 'x\n'],
    ['<<EOF\nEOF\n', ''],
    ['<<EOF\né\nEOF\n', 'é\n'],
    ['<<É\nx\nÉ\n', 'x\n'],
  ])('takes the body of %j', (token, value) => {
    expect(unindentHeredoc(token)).toBe(value);
  });

  it('leaves the indentation of a plain heredoc terminator at the end of the value', () => {
    expect(unindentHeredoc('<<EOF\nx\n  EOF\n')).toBe('x\n  ');
  });

  it('strips the "<<-" terminator indentation from every line only when all lines have it', () => {
    expect(unindentHeredoc('<<-EOF\n    a\n      b\n    EOF\n')).toBe('a\n  b\n');
    expect(unindentHeredoc('<<-EOF\n\t\ta\n\t\tEOF\n')).toBe('a\n');
    expect(unindentHeredoc('<<-EOF\n  a\nb  \n  EOF\n')).toBe('  a\nb  \n');
  });
});

describe('normaliseNewlines', () => {
  it('turns CRLF pairs into LF and leaves a lone CR', () => {
    expect(normaliseNewlines('a\r\nb\rc\r\n')).toBe('a\nb\rc\n');
  });
});
