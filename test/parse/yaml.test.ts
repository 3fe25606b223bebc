import { describe, expect, it } from 'vitest';
import { isYaml11OnlyBoolean, parseYaml, resolveScalar, type YMap, type YScalar } from '../../src/parse/yaml.js';

function pairs(text: string): Record<string, YScalar> {
  const { root } = parseYaml(text);
  const out: Record<string, YScalar> = {};
  for (const pair of (root as YMap).pairs) out[pair.key.text] = pair.value as YScalar;
  return out;
}

describe('resolveScalar (Helm reads YAML 1.1)', () => {
  it.each([
    ['yes', true],
    ['No', false],
    ['on', true],
    ['OFF', false],
    ['y', true],
    ['n', false],
    ['true', true],
    ['False', false],
    ['~', null],
    ['null', null],
    ['', null],
    ['1.10', 1.1],
    ['010', 8],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['190:20:30', 685230],
    ['-12', -12],
    ['6.8523015e+5', 685230.15],
    ['.inf', Infinity],
    ['1.16.1', '1.16.1'],
    ['latest', 'latest'],
  ])('plain %j resolves to %j', (text, expected) => {
    expect(resolveScalar(text, 'plain')).toEqual(expected);
  });

  it('keeps quoted and block scalars as strings, and honours !!str', () => {
    expect(resolveScalar('yes', 'double')).toBe('yes');
    expect(resolveScalar('1.10', 'single')).toBe('1.10');
    expect(resolveScalar('true', 'literal')).toBe('true');
    expect(resolveScalar('1.10', 'plain', '!!str')).toBe('1.10');
  });
});

describe('parseYaml', () => {
  it('gives scalars their source spans, quotes included', () => {
    const text = 'a: yes\nb: "q"\nc: 1.10\n';
    const values = pairs(text);
    expect(values.a).toMatchObject({ value: true, start: 3, end: 6 });
    expect(text.slice(values.b!.start, values.b!.end)).toBe('"q"');
    expect(values.c!.value).toBe(1.1);
  });

  it('spans a literal block from its indicator to its last character', () => {
    const text = 'config: |\n  ui = true\n  x = 1\nnext: 1\n';
    const config = pairs(text).config!;
    expect(config.style).toBe('literal');
    expect(config.text).toBe('ui = true\nx = 1\n');
    expect(text.slice(config.start, config.end)).toBe('|\n  ui = true\n  x = 1');
    expect(text.slice(config.contentStart, config.contentStart + 4)).toBe('  ui');
  });

  it('reports duplicate keys at the second key and keeps the last value', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    const { root, problems } = parseYaml(text);
    expect(problems).toEqual([expect.objectContaining({ messageId: 'duplicateKey', start: 10, end: 11 })]);
    const map = root as YMap;
    expect(map.pairs.map((pair) => [pair.key.text, (pair.value as YScalar).value])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('reports a second document at its marker and keeps only the first', () => {
    const text = 'a: 1\n---\nb: 2\n';
    const { root, problems } = parseYaml(text);
    expect(problems).toEqual([expect.objectContaining({ messageId: 'multipleDocuments', start: 5, end: 8 })]);
    expect((root as YMap).pairs.map((pair) => pair.key.text)).toEqual(['a']);
  });

  it('turns a tab in indentation into a positioned syntax problem, never a throw', () => {
    const text = 'a:\n\tb: 1\n';
    const { root, problems } = parseYaml(text);
    expect(root).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ messageId: 'syntax', start: 3, end: 4 });
    expect(problems[0]!.message).toMatch(/tab/);
  });

  it('survives garbage', () => {
    for (const text of ['{', 'a: [1, 2', ': :', '- a\nb: c', '"unterminated', '&a a: *b', '? [a]\n: 1\n']) {
      expect(() => parseYaml(text)).not.toThrow();
    }
  });

  it('resolves aliases and merge keys as Helm does', () => {
    const text = 'base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\n';
    const { root } = parseYaml(text);
    const use = (root as YMap).pairs[1]!.value as YMap;
    expect(use.pairs.map((pair) => [pair.key.text, (pair.value as YScalar).value])).toEqual([
      ['x', 1],
      ['y', 3],
    ]);
  });

  it('spans flow collections through their closing bracket', () => {
    const text = 'a: {b: 1, c: [1, 2]}\n';
    const { root } = parseYaml(text);
    const value = (root as YMap).pairs[0]!.value;
    expect(text.slice(value.start, value.end)).toBe('{b: 1, c: [1, 2]}');
  });

  it('tells YAML 1.1-only booleans from true and false', () => {
    const values = pairs('a: yes\nb: true\nc: "yes"\n');
    expect(isYaml11OnlyBoolean(values.a!)).toBe(true);
    expect(isYaml11OnlyBoolean(values.b!)).toBe(false);
    expect(isYaml11OnlyBoolean(values.c!)).toBe(false);
  });
});
