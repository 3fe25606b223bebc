import { describe, expect, it } from 'vitest';
import type { HclComment, HclSyntaxError } from '../../../src/parse/hcl-types.js';
import { Scanner } from '../../../src/parse/hcl/scanner.js';
import { EOF } from '../../../src/parse/hcl/tokens.js';

// Token type numbers, by name, in the scanner's order.
const NAMES = [
  'EOF',
  'ILLEGAL',
  'IDENT',
  'BOOL',
  'NUMBER',
  'FLOAT',
  'STRING',
  'HEREDOC',
  'LBRACE',
  'RBRACE',
  'LBRACK',
  'RBRACK',
  'COMMA',
  'ASSIGN',
  'COLON',
  'PERIOD',
  'ADD',
  'SUB',
  'NULL',
];

/** Every token up to end of input as `TYPE start-end` plus its flags; the text is checked by offsets. */
function scanAll(text: string, json = false): { tokens: string[]; errors: HclSyntaxError[]; comments: HclComment[] } {
  const errors: HclSyntaxError[] = [];
  const comments: HclComment[] = [];
  const scanner = new Scanner(text, json, errors, comments);
  const tokens: string[] = [];
  for (;;) {
    const token = scanner.scan();
    const flags = [token.nl ? ' nl' : '', token.bad ? ' bad' : '', token.escaped ? ' escaped' : ''].join('');
    tokens.push(`${NAMES[token.type]} ${token.start}-${token.end}${flags}`);
    if (token.type === EOF) break;
  }
  return { tokens, errors, comments };
}

/** The source text of each token but the final EOF. */
function words(text: string, json = false): string[] {
  return scanAll(text, json)
    .tokens.slice(0, -1)
    .map((token) => {
      const [start, end] = token.split(' ')[1]!.split('-').map(Number);
      return text.slice(start, end);
    });
}

describe('Scanner: offsets and line breaks', () => {
  it('reads CRLF as one line break in HCL mode; a line comment stops before the CR', () => {
    const { tokens, comments } = scanAll('a = 1\r\nb = 2 # c\r\n');
    expect(tokens).toEqual(['IDENT 0-1', 'ASSIGN 2-3', 'NUMBER 4-5', 'IDENT 7-8 nl', 'ASSIGN 9-10', 'NUMBER 11-12', 'EOF 18-18 nl']);
    expect(comments).toEqual([{ style: '#', text: ' c', start: 13, end: 16 }]);
  });

  it('marks the token after a block comment holding a line break; a lone "/" is an error', () => {
    const { tokens, comments, errors } = scanAll('/* a\r\n b */x //y\n/z');
    expect(tokens).toEqual(['IDENT 11-12 nl', 'IDENT 18-19 nl', 'EOF 19-19']);
    expect(comments).toEqual([
      { style: '/*', text: ' a\n b ', start: 0, end: 11 },
      { style: '//', text: 'y', start: 13, end: 16 },
    ]);
    expect(errors).toEqual([{ start: 17, end: 18, message: 'Expected "/" after "/" to start a comment' }]);
  });

  it('counts offsets in UTF-16 code units: an astral character spans two', () => {
    const { tokens, errors } = scanAll('é1 😀 x');
    expect(tokens).toEqual(['IDENT 0-2', 'ILLEGAL 3-5 bad', 'IDENT 6-7', 'EOF 7-7']);
    expect(errors).toEqual([{ start: 3, end: 5, message: 'Unexpected character "😀"' }]);
  });
});

describe('Scanner: identifiers', () => {
  it('takes "-", "." and Unicode letters and digits inside an identifier, but no digit first', () => {
    expect(words('a.b-c é1 _x true false null')).toEqual(['a.b-c', 'é1', '_x', 'true', 'false', 'null']);
    expect(scanAll('true null').tokens).toEqual(['BOOL 0-4', 'IDENT 5-9', 'EOF 9-9']);
    // Arabic-Indic digits are digits, not letters: they cannot start an identifier.
    expect(scanAll('١x').tokens).toEqual(['ILLEGAL 0-1 bad', 'IDENT 1-2', 'EOF 2-2']);
  });
});

describe('Scanner: numbers, as HCL v1 scans them', () => {
  it('swallows the character after a bare "e", and stops ".5e3" after its "e"', () => {
    expect(words('1ex .5e3 1.5e+3')).toEqual(['1ex', '.5e', '3', '1.5e+3']);
    expect(scanAll('1ex .5e3').tokens).toEqual(['FLOAT 0-3', 'FLOAT 4-7', 'NUMBER 7-8', 'EOF 8-8']);
  });

  it('scans 08 without error (it fails only when decoded) but flags 018 and a bare 0x', () => {
    const { tokens, errors } = scanAll('08 018 018.5 0x1F 0x');
    expect(tokens).toEqual(['NUMBER 0-2', 'NUMBER 3-6 bad', 'FLOAT 7-12', 'NUMBER 13-17', 'NUMBER 18-20 bad', 'EOF 20-20']);
    expect(errors).toEqual([
      { start: 3, end: 6, message: 'Invalid octal number "018"' },
      { start: 18, end: 20, message: 'Invalid hexadecimal number "0x"' },
    ]);
  });

  it('joins a "-" to the digit right after it, else reads it as an operator', () => {
    expect(scanAll('-1 - 2').tokens).toEqual(['NUMBER 0-2', 'SUB 3-4', 'NUMBER 5-6', 'EOF 6-6']);
  });

  it('in JSON, rejects a number starting with 0 followed by digits or by the end of the input', () => {
    expect(scanAll('{"a": 01}', true).errors).toEqual([
      { start: 6, end: 8, message: 'Invalid JSON number "01": numbers cannot start with 0' },
    ]);
    expect(scanAll('{"a":0', true).errors).toEqual([{ start: 5, end: 6, message: 'Invalid JSON number "0": numbers cannot start with 0' }]);
    expect(scanAll('{"a": 0}', true).errors).toEqual([]);
    expect(words('{"a": -0.5e1}', true)).toEqual(['{', '"a"', ':', '-0.5e1', '}']);
  });
});

describe('Scanner: strings', () => {
  it('keeps quotes inside ${...} in the string and lets it span lines there', () => {
    expect(words('"${a "b"}" "${x\n}" +')).toEqual(['"${a "b"}"', '"${x\n}"', '+']);
  });

  it('flags escapes so the source text can be kept; reports an unknown escape or too few digits', () => {
    const { tokens, errors } = scanAll('"a\\tb" "a\\qb" "\\x4"');
    expect(tokens).toEqual(['STRING 0-6 escaped', 'STRING 7-13 bad escaped', 'STRING 14-19 bad escaped', 'EOF 19-19']);
    expect(errors).toEqual([
      { start: 9, end: 11, message: 'Invalid escape sequence "\\q" in string' },
      { start: 15, end: 18, message: 'Invalid escape sequence "\\x4" in string: expected 2 digits' },
    ]);
  });

  it('ends an unterminated string at the line break, which starts the next line', () => {
    const { tokens, errors } = scanAll('"ab\ncd');
    expect(tokens).toEqual(['STRING 0-3 bad', 'IDENT 4-6 nl', 'EOF 6-6']);
    expect(errors).toEqual([{ start: 0, end: 3, message: 'Unterminated string literal' }]);
  });
});

describe('Scanner: heredocs', () => {
  it('ends a plain heredoc at a line holding its anchor, indented or not, and includes that line break', () => {
    expect(scanAll('<<EOF\nx\n  EOF\ny').tokens).toEqual(['HEREDOC 0-14', 'IDENT 14-15', 'EOF 15-15']);
  });

  it('needs at least one space before the terminator of a "<<-" heredoc', () => {
    expect(scanAll('<<-EOF\nx\n EOF\n').tokens).toEqual(['HEREDOC 0-14', 'EOF 14-14']);
    const unindented = scanAll('<<-EOF\nx\nEOF\n');
    expect(unindented.tokens).toEqual(['HEREDOC 0-13 bad', 'EOF 13-13']);
    expect(unindented.errors).toEqual([
      { start: 0, end: 13, message: 'Unterminated heredoc: expected a line "EOF" indented by at least one space followed by a line break' },
    ]);
  });

  it('reports a bad opening: one "<", text after the anchor, no anchor', () => {
    expect(scanAll('<EOF').errors).toEqual([{ start: 0, end: 1, message: 'Expected "<<" to start a heredoc' }]);
    expect(scanAll('<<EOF x\n').errors).toEqual([{ start: 0, end: 5, message: 'Invalid characters after heredoc anchor "<<EOF"' }]);
    expect(scanAll('<<\n').errors).toEqual([{ start: 0, end: 3, message: 'Missing heredoc anchor after "<<"' }]);
  });
});

describe('Scanner: JSON mode', () => {
  it('has no comments, no "=", no bare words but null, and no "." inside a word', () => {
    const { tokens, errors } = scanAll('{"a" = nul} # x', true);
    expect(tokens).toEqual([
      'LBRACE 0-1',
      'STRING 1-4',
      'ILLEGAL 5-6 bad',
      'ILLEGAL 7-10 bad',
      'RBRACE 10-11',
      'ILLEGAL 12-13 bad',
      'ILLEGAL 14-15 bad',
      'EOF 15-15',
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'Unexpected character "="',
      'Unexpected word "nul" in JSON',
      'Unexpected character "#"',
      'Unexpected word "x" in JSON',
    ]);
    expect(words('null.x', true)).toEqual(['null', '.', 'x']);
    expect(scanAll('[null, true]', true).tokens).toEqual(['LBRACK 0-1', 'NULL 1-5', 'COMMA 5-6', 'BOOL 7-11', 'RBRACK 11-12', 'EOF 12-12']);
  });
});

describe('Scanner: push-back', () => {
  it('returns the same token after unscan, and skips it after discardPushback', () => {
    const scanner = new Scanner('a b c', false, [], []);
    const first = scanner.scan();
    scanner.unscan();
    expect(scanner.scannedEnd).toBe(0);
    expect(scanner.scan()).toBe(first);
    expect(scanner.scannedEnd).toBe(1);
    const second = scanner.scan();
    scanner.unscan();
    scanner.discardPushback();
    expect(scanner.scan().start).toBe(4);
    expect(second.start).toBe(2);
    scanner.skipToEnd();
    expect(scanner.scan().type).toBe(EOF);
  });
});
