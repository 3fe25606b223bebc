import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/parse/hcl/index.js';
import { unquote } from '../../src/parse/hcl/strings.js';
import { HclDecodeError, toPlain } from '../helpers/hcl-plain.js';
import type { HclFile, HclItem, HclList, HclNode, HclNumber, HclObject, HclString } from '../../src/parse/hcl-types.js';

/** Parses text that must be valid and returns its top-level items. */
function items(text: string): HclItem[] {
  const file = parseHcl(text);
  expect(file.errors).toEqual([]);
  return file.body.items;
}

function item(text: string, index = 0): HclItem {
  const found = items(text)[index];
  if (!found) throw new Error(`no item ${index}`);
  return found;
}

/** The source text a span covers. */
function source(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

function valueOf(text: string): HclNode {
  return item(text).value;
}

/** Reads a nested mapping path from a YAML document. */
/** A file of this repository, wherever it is checked out. */
function repoFile(path: string): string {
  return new URL(`../../${path}`, import.meta.url).pathname;
}

function yamlPath(file: string, path: string[]): string {
  let node: unknown = load(readFileSync(file, 'utf8'));
  for (const key of path) node = (node as Record<string, unknown>)[key];
  if (typeof node !== 'string') throw new Error(`${path.join('.')} is not a string in ${file}`);
  return node;
}

describe('parseHcl: items and spans', () => {
  it('spans attributes from key to value, keys and values separately', () => {
    const text = 'a = 1\nbb = "x"\n';
    expect(items(text)).toEqual([
      {
        keys: [{ name: 'a', quoted: false, start: 0, end: 1 }],
        assign: true,
        value: { type: 'number', value: 1, raw: '1', start: 4, end: 5 },
        start: 0,
        end: 5,
      },
      {
        keys: [{ name: 'bb', quoted: false, start: 6, end: 8 }],
        assign: true,
        value: { type: 'string', value: 'x', heredoc: false, start: 11, end: 14 },
        start: 6,
        end: 14,
      },
    ]);
  });

  it('spans a labelled block through its closing brace, labels as quoted keys', () => {
    const text = 'storage "raft" {\n  path = "/v"\n}\n';
    const block = item(text);
    expect(block).toMatchObject({ assign: false, start: 0, end: 32 });
    expect(block.keys).toEqual([
      { name: 'storage', quoted: false, start: 0, end: 7 },
      { name: 'raft', quoted: true, start: 8, end: 14 },
    ]);
    const body = block.value as HclObject;
    expect(body).toMatchObject({ type: 'object', start: 15, end: 32 });
    expect(body.items[0]).toMatchObject({ start: 19, end: 30, keys: [{ name: 'path', start: 19, end: 23 }] });
    expect(source(text, body.items[0]!.value)).toBe('"/v"');
  });

  it('reads multi-label and unlabelled blocks, and object values with "="', () => {
    const text = 'a "b" "c" { }\ntelemetry {}\nobj = { x = 1 }\n';
    const [multi, plain, object] = items(text);
    expect(multi!.keys.map((key) => key.name)).toEqual(['a', 'b', 'c']);
    expect(multi).toMatchObject({ assign: false, start: 0, end: 13, value: { type: 'object', items: [], start: 10, end: 13 } });
    expect(plain).toMatchObject({ assign: false, start: 14, end: 26, keys: [{ name: 'telemetry', start: 14, end: 23 }] });
    expect(object).toMatchObject({ assign: true, start: 27, end: 42, value: { type: 'object', start: 33, end: 42 } });
    expect((object!.value as HclObject).items[0]).toMatchObject({ start: 35, end: 40 });
  });

  it('reads lists with trailing commas, nested lists and objects', () => {
    const text = 'a = [1, "a", { x = 1 }, [2],]\n';
    const list = valueOf(text) as HclList;
    expect(list).toMatchObject({ type: 'list', start: 4, end: 29 });
    expect(list.items.map((node) => [node.type, node.start, node.end])).toEqual([
      ['number', 5, 6],
      ['string', 8, 11],
      ['object', 13, 22],
      ['list', 24, 27],
    ]);
    expect(toPlain(parseHcl(text))).toEqual({ a: [1, 'a', { x: 1 }, [2]] });
  });

  it('accepts optional commas between body items and several items on one line', () => {
    const text = 'a = 1,\nb = 2, c = 3 d = 4\nx { y = 1, z = 2, }\n';
    expect(items(text).map((entry) => [entry.keys[0]!.name, entry.start, entry.end])).toEqual([
      ['a', 0, 5],
      ['b', 7, 12],
      ['c', 14, 19],
      ['d', 20, 25],
      ['x', 26, 45],
    ]);
  });

  it('reads quoted keys, unescaping them, and identifiers with digits, "_", "-" and "."', () => {
    const text = 'custom_response_headers {\n  "default" = { "X-Hdr" = ["v"] }\n}\n"a\\"b" = 1\nx.y-z_1 = 2\n';
    const [headers, escaped, dotted] = items(text);
    const inner = (headers!.value as HclObject).items[0]!;
    expect(inner.keys).toEqual([{ name: 'default', quoted: true, start: 28, end: 37 }]);
    expect((inner.value as HclObject).items[0]!.keys[0]).toEqual({ name: 'X-Hdr', quoted: true, start: 42, end: 49 });
    expect(escaped!.keys[0]).toEqual({ name: 'a"b', quoted: true, start: 62, end: 68 });
    expect(dotted!.keys[0]).toEqual({ name: 'x.y-z_1', quoted: false, start: 73, end: 80 });
  });

  it('reads true and false as booleans, anything else bare as an error', () => {
    expect(valueOf('a = true')).toEqual({ type: 'bool', value: true, start: 4, end: 8 });
    expect(valueOf('a = false')).toMatchObject({ type: 'bool', value: false });
    expect(parseHcl('a = True').errors).toEqual([{ start: 4, end: 8, message: 'Expected a value for "a", found "True"' }]);
  });
});

describe('parseHcl: strings', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"tab\\tnew\\nquote\\"slash\\\\"', 'tab\tnew\nquote"slash\\'],
    ['"\\u00e9\\U0001F600"', 'é😀'],
    ['"\\x41\\101\\a\\v"', 'AA\u0007\v'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\xe9"', '\ufffd'],
    ['"${HOSTNAME}:8200"', '${HOSTNAME}:8200'],
    ['"${env("X")} \\n"', '${env("X")} \n'],
    ['"${ "\\n" }"', '${ "\\n" }'],
  ])('decodes %s', (literal, expected) => {
    const node = valueOf(`a = ${literal}\n`) as HclString;
    expect(node).toMatchObject({ type: 'string', value: expected, heredoc: false, start: 4, end: 4 + literal.length });
    expect(unquote(literal, true)).toEqual({ value: expected, ok: true });
  });

  it('keeps the source text of a string with escapes, and only then', () => {
    expect(valueOf('a = "x\\ty"')).toMatchObject({ raw: '"x\\ty"' });
    expect(valueOf('a = "${x}"')).not.toHaveProperty('raw');
  });

  it('lets a ${} interpolation span lines, as HCL v1 does', () => {
    const text = 'a = "${x\n}"\nb = 1\n';
    expect(toPlain(parseHcl(text))).toEqual({ a: '${x\n}', b: 1 });
  });

  it('unquote keeps what it cannot decode as written and says so; in JSON mode ${} is plain text', () => {
    expect(unquote('"a\\qb"', true)).toEqual({ value: 'a\\qb', ok: false });
    expect(unquote('plain', true)).toEqual({ value: 'plain', ok: false });
    expect(unquote('"${a\\n}\\n"', true)).toEqual({ value: '${a\\n}\n', ok: true });
    expect(unquote('"${a\\n}\\n"', false)).toEqual({ value: '${a\n}\n', ok: true });
  });

  it('reports strings HCL v1 cannot decode, unless it drops them', () => {
    expect(parseHcl('a = "\\400"\n').errors).toEqual([
      { start: 4, end: 10, message: 'Invalid escape in string ""\\400"": value out of range' },
    ]);
    expect(parseHcl('a = "\\U00110000"\n').errors).toHaveLength(1);
    // HCL v1 never decodes an item dropped at the end of input.
    expect(parseHcl('"\\400" =').errors).toEqual([]);
  });
});

describe('parseHcl: heredocs', () => {
  it('reads <<EOF verbatim, spanning through the terminator line', () => {
    const text = 'a = <<EOF\nline 1\n  line 2\nEOF\nb = 1\n';
    const node = valueOf(text);
    expect(node).toEqual({ type: 'string', value: 'line 1\n  line 2\n', heredoc: true, start: 4, end: 30 });
    expect(item(text, 1).start).toBe(30);
  });

  it('strips the terminator indentation of <<-EOF from every line', () => {
    const text = 'a = <<-EOT\n    x\n      y\n    EOT\n';
    expect(valueOf(text)).toMatchObject({ value: 'x\n  y\n', heredoc: true, start: 4, end: 33 });
  });

  it('keeps HCL v1 quirks: an indented plain terminator leaves its indentation, <<- needs an indent', () => {
    expect(valueOf('a = <<EOF\nx\n  EOF\n')).toMatchObject({ value: 'x\n  ' });
    // An empty line lacks the indentation, so nothing is stripped and trailing blanks are trimmed.
    expect(valueOf('a = <<-EOF\n  x\n\n  EOF\n')).toMatchObject({ value: '  x\n\n' });
    expect(parseHcl('a = <<-EOF\nx\nEOF\n').errors).toEqual([
      { start: 4, end: 17, message: 'Unterminated heredoc: expected a line "EOF" indented by at least one space followed by a line break' },
    ]);
    expect(parseHcl('a = <<EOF\nx\nEOF').errors).toHaveLength(1);
  });

  it('reads CRLF heredocs as HCL v1 does, after normalising line endings', () => {
    const text = 'a = <<EOF\r\nx\r\nEOF\r\nb = 2\r\n';
    expect(valueOf(text)).toMatchObject({ value: 'x\n', start: 4, end: 19 });
    expect(toPlain(parseHcl(text))).toEqual({ a: 'x\n', b: 2 });
  });
});

describe('parseHcl: numbers', () => {
  it.each([
    ['1', 1],
    ['-2', -2],
    ['1.5', 1.5],
    ['-0.25', -0.25],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['0x1F', 31],
    ['-0x10', -16],
    ['0755', 493],
    ['00', 0],
    ['1.', 1],
    ['.5', 0.5],
    ['089.5', 89.5],
    ['3000000000', 3000000000],
  ])('reads %s as %d', (raw, value) => {
    expect(valueOf(`a = ${raw}\n`)).toEqual({ type: 'number', value, raw, start: 4, end: 4 + raw.length });
  });

  it('scans 08 (not octal) and fails only when decoding it, like HCL v1', () => {
    const file = parseHcl('a = 08\n');
    expect(file.errors).toEqual([]);
    expect((file.body.items[0]!.value as HclNumber).value).toBeNaN();
    expect(() => toPlain(file)).toThrow(new HclDecodeError('Invalid integer "08" for "a"', 4, 6));
  });

  it('reports numbers the scanner rejects', () => {
    expect(parseHcl('a = 0x\n').errors).toEqual([{ start: 4, end: 6, message: 'Invalid hexadecimal number "0x"' }]);
    expect(parseHcl('a = 0189\n').errors).toEqual([{ start: 4, end: 8, message: 'Invalid octal number "0189"' }]);
  });
});

describe('parseHcl: comments', () => {
  it('collects the three comment styles with spans and text after the marker', () => {
    const text = '# hash\na = 1 // slashes\n/* block\n  two */ b = 2 #tail';
    const file = parseHcl(text);
    expect(file.errors).toEqual([]);
    expect(file.comments).toEqual([
      { style: '#', text: ' hash', start: 0, end: 6 },
      { style: '//', text: ' slashes', start: 13, end: 23 },
      { style: '/*', text: ' block\n  two ', start: 24, end: 41 },
      { style: '#', text: 'tail', start: 48, end: 53 },
    ]);
    expect(file.body.items.map((entry) => entry.keys[0]!.name)).toEqual(['a', 'b']);
  });

  it('ends a line comment before a CRLF and reports a lone "/" and an open block comment', () => {
    expect(parseHcl('a = 1 # x\r\n').comments).toEqual([{ style: '#', text: ' x', start: 6, end: 9 }]);
    expect(parseHcl('a = 1 / 2').errors[0]).toEqual({ start: 6, end: 7, message: 'Expected "/" after "/" to start a comment' });
    expect(parseHcl('a = 1\n/* open').errors).toEqual([{ start: 6, end: 13, message: 'Unterminated block comment' }]);
  });
});

describe('parseHcl: JSON mode', () => {
  it('switches to JSON when the first non-blank character is "{", with quoted keys and assign', () => {
    const text = ' {"ui": true, "api_addr": "https://x:8200", "n": null}';
    const file = parseHcl(text);
    expect(file.json).toBe(true);
    expect(file.errors).toEqual([]);
    expect(file.body).toMatchObject({ start: 1, end: text.length });
    expect(file.body.items[0]).toEqual({
      keys: [{ name: 'ui', quoted: true, start: 2, end: 6 }],
      assign: true,
      value: { type: 'bool', value: true, start: 8, end: 12 },
      start: 2,
      end: 12,
    });
    expect(file.body.items[2]!.value).toEqual({ type: 'string', value: '', heredoc: false, start: 49, end: 53 });
    expect(parseHcl('ui = true').json).toBe(false);
  });

  it('flattens nested objects and lists of objects into block-like items, as HCL v1 does', () => {
    const text = '{"storage": {"raft": {"path": "/v"}}, "listener": [{"tcp": {"a": 1}}, {"tcp": {"a": 2}}]}';
    const file = parseHcl(text);
    const [storage, first, second] = file.body.items;
    expect(storage!.keys.map((key) => [key.name, key.start, key.end])).toEqual([
      ['storage', 1, 10],
      ['raft', 13, 19],
    ]);
    expect(storage).toMatchObject({ assign: true, start: 1, end: 35, value: { type: 'object', start: 21, end: 35 } });
    expect(first!.keys.map((key) => key.name)).toEqual(['listener', 'tcp']);
    expect(second!.keys.map((key) => key.name)).toEqual(['listener', 'tcp']);
    expect(source(text, second!.value)).toBe('{"a": 2}');
    expect(toPlain(file)).toEqual({
      storage: [{ raft: [{ path: '/v' }] }],
      listener: [{ tcp: [{ a: 1 }] }, { tcp: [{ a: 2 }] }],
    });
  });

  it('accepts what HCL v1 accepts: trailing commas, a missing final "}", text after the object', () => {
    for (const text of ['{"a": 1,}', '{"a": 1', '{"a": 1} trailing']) {
      const file = parseHcl(text);
      expect(file.errors).toEqual([]);
      expect(toPlain(file)).toEqual({ a: 1 });
    }
    expect(parseHcl('{"a": 1} trailing').warnings).toEqual([
      { start: 9, end: 17, message: 'Text after the JSON object is ignored by HCL v1' },
    ]);
  });

  it('drops booleans inside arrays and rejects what HCL v1 rejects', () => {
    const file = parseHcl('{"a": [true, 1]}');
    expect(toPlain(file)).toEqual({ a: [1] });
    expect(file.warnings).toEqual([{ start: 7, end: 11, message: 'HCL v1 drops booleans inside JSON arrays' }]);
    expect(parseHcl('{"a": 01}').errors).toEqual([{ start: 6, end: 8, message: 'Invalid JSON number "01": numbers cannot start with 0' }]);
    expect(parseHcl('{"a": [null], "b": 2}').errors).toEqual([
      { start: 7, end: 11, message: 'Expected a JSON array element or "]", found "null"' },
    ]);
  });

  it('recovers after a JSON error and keeps the following members', () => {
    const file = parseHcl('{"a": [1, tru], "b": 2, "c": {"d": 3}}');
    expect(file.errors).toEqual([{ start: 10, end: 13, message: 'Unexpected word "tru" in JSON' }]);
    expect(toPlain(file)).toEqual({ a: [1], b: 2, c: [{ d: 3 }] });
  });
});

describe('parseHcl: errors and recovery', () => {
  it('reports a key without "=" and keeps the items around it', () => {
    const text = 'listener "tcp" {\n  address = "x"\n  tls_disable\n  cluster_address = "y"\n}\nui = true\n';
    const file = parseHcl(text);
    expect(file.errors).toEqual([{ start: 35, end: 46, message: 'Expected "=" or "{" after key "tls_disable"' }]);
    expect(toPlain(file)).toEqual({ listener: [{ tcp: [{ address: 'x', cluster_address: 'y' }] }], ui: true });
  });

  it('repairs `address "x"` missing its "="', () => {
    const text = 'listener "tcp" {\n  address "x"\n  cluster_address = "y"\n}\n';
    const file = parseHcl(text);
    expect(file.errors).toEqual([{ start: 19, end: 26, message: 'Expected "=" after key "address"' }]);
    expect(toPlain(file)).toEqual({ listener: [{ tcp: [{ address: 'x', cluster_address: 'y' }] }] });
  });

  it('reports `storage "raft" = {` at the "=" and still reads the block', () => {
    const file = parseHcl('storage "raft" = {\n  path = "/v"\n}\nui = true\n');
    expect(file.errors).toEqual([{ start: 15, end: 16, message: 'Expected "{" after block labels "storage raft", found "="' }]);
    expect(toPlain(file)).toEqual({ storage: [{ raft: [{ path: '/v' }] }], ui: true });
  });

  it('reports a missing value and an unterminated string, then carries on', () => {
    const text = 'a = \nb = "open\nc = 3\nd = [1, 2 3]\ne = 5\n';
    const file = parseHcl(text);
    expect(file.errors).toEqual([
      { start: 5, end: 6, message: 'Expected a value for "a", found "b"' },
      { start: 9, end: 14, message: 'Unterminated string literal' },
      { start: 31, end: 32, message: 'Expected "," or "]" after a list element, found "3"' },
    ]);
    expect(toPlain(file)).toEqual({ c: 3, d: [1, 2], e: 5 });
  });

  it('reports an unclosed block at the end of input and a stray "}"', () => {
    expect(parseHcl('x {\n  a = 1').errors).toEqual([{ start: 2, end: 3, message: 'Unclosed "{" of "x": the input ends before its "}"' }]);
    const stray = parseHcl('}\na = 1\n');
    expect(stray.errors).toEqual([{ start: 0, end: 1, message: 'Expected a key, found "}"' }]);
    expect(toPlain(stray)).toEqual({ a: 1 });
  });

  it('warns where HCL v1 silently drops an item', () => {
    const atEnd = parseHcl('a = 1\nb =\n');
    expect(atEnd.errors).toEqual([]);
    expect(atEnd.warnings).toEqual([{ start: 6, end: 9, message: 'Missing value for "b" at the end of the input; HCL v1 ignores "b"' }]);
    const absorbed = parseHcl('x { a = } }\n');
    expect(absorbed.errors).toEqual([]);
    expect(absorbed.warnings).toEqual([
      { start: 8, end: 9, message: 'Expected a value for "a", found "}"; HCL v1 drops the item and closes the block at the next "}"' },
    ]);
    expect(absorbed.body.items[0]).toMatchObject({ start: 0, end: 11 });
  });

  it('names the item that swallowed a "}" when a block is left open because of it', () => {
    const text = 'storage "raft" {\n  retry_join {\n    leader_api_addr =\n  }\n}\nui = true\n';
    expect(parseHcl(text).errors).toEqual([
      { start: 15, end: 16, message: 'Unclosed "{" of "storage raft": the input ends before its "}"' },
      { start: 56, end: 57, message: 'Expected a value for "leader_api_addr", found "}"' },
    ]);
  });

  it('warns about block keys spread over lines, which HCL v1 reads as one block', () => {
    const file = parseHcl('address "x"\nlistener "tcp" {}\n');
    expect(file.errors).toEqual([]);
    expect(file.warnings?.[0]?.message).toBe(
      'Block keys "address x listener tcp" span several lines; HCL v1 reads them as one block (missing "=" after keys "address x"?)',
    );
  });

  it('reports unexpected characters, null characters and unpaired surrogates', () => {
    expect(parseHcl("a = 'x'").errors[0]).toEqual({ start: 4, end: 5, message: 'Unexpected character "\'"' });
    expect(parseHcl('a = 1\u0000').errors).toEqual([{ start: 5, end: 6, message: 'Unexpected character U+0000' }]);
    expect(parseHcl('# \ud800\na = 1').errors).toEqual([
      { start: 2, end: 3, message: 'Invalid text: unpaired UTF-16 surrogate (no UTF-8 encoding)' },
    ]);
  });

  it('never throws and always terminates on random garbage', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const alphabet = [
      '{',
      '}',
      '[',
      ']',
      '=',
      '"',
      ',',
      '#',
      '/',
      '*',
      '\n',
      '\\',
      ' ',
      'a',
      'b',
      '1',
      '0x',
      '.',
      '-',
      '<<',
      'EOF',
      '$',
      '{',
      ':',
      '\r\n',
      'é',
      '\u0000',
      'true',
      "'",
      '<<-',
    ];
    const outOfBounds: string[] = [];
    const unexpected: unknown[] = [];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      const file = parseHcl(text);
      for (const problem of [...file.errors, ...(file.warnings ?? [])]) {
        if (problem.start < 0 || problem.end > text.length || problem.start > problem.end) outOfBounds.push(text);
      }
      try {
        toPlain(file);
      } catch (error) {
        if (!(error instanceof HclDecodeError)) unexpected.push(error);
      }
    }
    expect(outOfBounds).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  it('survives pathological nesting without overflowing the stack', () => {
    for (const text of ['['.repeat(100_000), 'a = '.concat('['.repeat(50_000)), 'a {'.repeat(20_000), '{"a":'.repeat(20_000)]) {
      const file: HclFile = parseHcl(text);
      expect(file.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('toPlain', () => {
  it('turns blocks into arrays of objects keyed by label, as HCL v1 decodes them', () => {
    const text = 'ui = true\nlistener "tcp" { address = "x" }\nlistener "tcp" { address = "y" }\ntelemetry { a = 1 }\nobj = { b = 2 }\n';
    expect(toPlain(parseHcl(text))).toEqual({
      ui: true,
      listener: [{ tcp: [{ address: 'x' }] }, { tcp: [{ address: 'y' }] }],
      telemetry: [{ a: 1 }],
      obj: [{ b: 2 }],
    });
  });

  it('lets a repeated attribute win but keeps the first type, and concatenates lists', () => {
    expect(toPlain(parseHcl('a = 1\na = 2\n'))).toEqual({ a: 2 });
    expect(toPlain(parseHcl('a = "x"\na = 1\n'))).toEqual({ a: '1' });
    expect(toPlain(parseHcl('a = true\na = "0"\n'))).toEqual({ a: false });
    expect(toPlain(parseHcl('a = [1]\na = [2]\n'))).toEqual({ a: [1, 2] });
    expect(toPlain(parseHcl('a = 1.5\na = 0755\n'))).toEqual({ a: 755 });
  });

  it('throws HclDecodeError where HCL v1 cannot decode', () => {
    expect(() => toPlain(parseHcl('a = 1\na = "x"\n'))).toThrow(new HclDecodeError('Invalid integer "x" for "a"', 10, 13));
    expect(() => toPlain(parseHcl('b {}\nb "x" {}\n'))).toThrow('Cannot combine "b" with labelled blocks of the same name');
    expect(() => toPlain(parseHcl('a = 1e400\n'))).toThrow('Number "1e400" is out of range');
  });

  it('decodes HCL v1 block merging across label case, as its case-insensitive filter does', () => {
    expect(toPlain(parseHcl('b "x" { a = 1 }\nB "y" { a = 2 }\n'))).toEqual({
      b: [{ x: [{ a: 1 }] }, { y: [{ a: 2 }] }],
      B: [{ x: [{ a: 1 }] }, { y: [{ a: 2 }] }],
    });
  });
});

describe('parseHcl on Vault configs', () => {
  it('reads the guide config: five retry_join blocks, TLS listener, raft storage', () => {
    const text = yamlPath(repoFile('fixtures/guide/override-values.yml'), ['server', 'ha', 'raft', 'config']);
    const file = parseHcl(text);
    expect(file.errors).toEqual([]);
    expect(file.warnings).toBeUndefined();
    const plain = toPlain(file) as { storage: [{ raft: [{ path: string; retry_join: unknown[] }] }]; listener: unknown[] };
    expect(plain.storage[0].raft[0].path).toBe('/vault/data');
    expect(plain.storage[0].raft[0].retry_join).toHaveLength(5);
    expect(plain.listener).toEqual([
      {
        tcp: [
          {
            address: '[::]:8200',
            cluster_address: '[::]:8201',
            tls_cert_file: '/vault/userconfig/tls-server/tls.crt',
            tls_key_file: '/vault/userconfig/tls-server/tls.key',
          },
        ],
      },
    ]);
    const storage = file.body.items.find((entry) => entry.keys[0]!.name === 'storage')!;
    const retryJoins = (storage.value as HclObject).items.filter((entry) => entry.keys[0]!.name === 'retry_join');
    expect(retryJoins).toHaveLength(5);
    for (const join of retryJoins) {
      expect(source(text, join)).toMatch(/^retry_join \{\n[^}]*\}$/);
      expect(source(text, join.keys[0]!)).toBe('retry_join');
    }
  });

  it.each([
    [['server', 'standalone', 'config'], 'file'],
    [['server', 'ha', 'config'], 'consul'],
    [['server', 'ha', 'raft', 'config'], 'raft'],
  ])('reads the chart 0.34.1 default %j', (path, storageType) => {
    const text = yamlPath(repoFile('test/vendor/values-0.34.1.yaml'), path);
    const file = parseHcl(text);
    expect(file.errors).toEqual([]);
    const plain = toPlain(file) as { ui: boolean; listener: [{ tcp: [{ tls_disable: number }] }]; storage: Array<Record<string, unknown>> };
    expect(plain.ui).toBe(true);
    expect(plain.listener[0].tcp[0].tls_disable).toBe(1);
    expect(Object.keys(plain.storage[0]!)).toEqual([storageType]);
    // The commented-out examples are comments, not config.
    expect(file.comments.length).toBeGreaterThan(3);
    for (const comment of file.comments) expect(text.slice(comment.start, comment.end).startsWith('#')).toBe(true);
  });
});
