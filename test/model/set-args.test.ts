import { describe, expect, it } from 'vitest';
import type { YNode, YScalar } from '../../src/parse/yaml.js';
import { parseSetArgument, setLayer, typedValue, type SetFlag } from '../../src/parse/set-args.js';

/** The plain value Helm would build from the tree (list holes are null). */
function plain(node: YNode | null): unknown {
  if (node === null) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.pairs.map((pair) => [pair.key.text, plain(pair.value)]));
}

function parse(argument: string, flag: SetFlag = '--set', files: Record<string, string> = {}): unknown {
  const document = parseSetArgument(flag, argument, { readFile: (path) => files[path] ?? `<contents of ${path}>` });
  expect(document.problems).toEqual([]);
  return plain(document.root);
}

function problem(argument: string, flag: SetFlag = '--set') {
  const document = parseSetArgument(flag, argument, { readFile: () => '' });
  expect(document.root).toBeNull();
  expect(document.problems).toHaveLength(1);
  const [first] = document.problems;
  return { message: first!.message, text: argument.slice(first!.start, first!.end) };
}

/** The node at a path of the tree. */
function at(node: YNode | null, ...path: (string | number)[]): YNode {
  let cursor = node!;
  for (const segment of path) {
    if (typeof segment === 'number' && cursor.kind === 'seq') cursor = cursor.items[segment]!;
    else if (cursor.kind === 'map') cursor = cursor.pairs.find((pair) => pair.key.text === segment)!.value;
    else throw new Error(`no ${segment}`);
  }
  return cursor;
}

function keyOf(node: YNode | null, ...path: string[]): YScalar {
  const parent = at(node, ...path.slice(0, -1));
  if (parent.kind !== 'map') throw new Error('not a map');
  return parent.pairs.find((pair) => pair.key.text === path[path.length - 1])!.key;
}

describe('Helm --set grammar', () => {
  it('reads comma-separated pairs and nested keys, merging siblings', () => {
    expect(parse('name1=value1,name2=value2')).toEqual({ name1: 'value1', name2: 'value2' });
    expect(parse('server.ha.enabled=true,server.ha.replicas=5,server.image.tag=1.16.1')).toEqual({
      server: { ha: { enabled: true, replicas: 5 }, image: { tag: '1.16.1' } },
    });
    expect(parse('name1=value1,name2=value2,')).toEqual({ name1: 'value1', name2: 'value2' });
    expect(parse('')).toEqual({});
  });

  it('lets a later pair replace an earlier one in the same argument', () => {
    expect(parse('a.b=1,a=2')).toEqual({ a: 2 });
    expect(parse('a=x,a=y')).toEqual({ a: 'y' });
  });

  it('keeps escaped dots in keys and escaped commas in values', () => {
    expect(parse('ui.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-internal=true')).toEqual({
      ui: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': true } },
    });
    expect(parse('server.extraArgs=-config=/a\\,-log-level=debug')).toEqual({ server: { extraArgs: '-config=/a,-log-level=debug' } });
    expect(parse('a=b\\\\c')).toEqual({ a: 'b\\c' });
    expect(parse('a=b=c')).toEqual({ a: 'b=c' });
  });

  it('builds lists from indexes, filling holes with null', () => {
    expect(parse('list[0]=foo')).toEqual({ list: ['foo'] });
    expect(parse('list[2]=c,list[0]=a')).toEqual({ list: ['a', null, 'c'] });
    expect(parse('server.extraVolumes[0].type=secret,server.extraVolumes[0].name=tls')).toEqual({
      server: { extraVolumes: [{ type: 'secret', name: 'tls' }] },
    });
    expect(parse('a[0][1]=x')).toEqual({ a: [[null, 'x']] });
    expect(parse('a[1].b[0].c=x')).toEqual({ a: [null, { b: [{ c: 'x' }] }] });
  });

  it('builds lists from braces, typed item by item', () => {
    expect(parse('server.extraArgs={a,b}')).toEqual({ server: { extraArgs: ['a', 'b'] } });
    expect(parse('list={1,true,x},next=1')).toEqual({ list: [1, true, 'x'], next: 1 });
    expect(parse('list[0]={a,b}')).toEqual({ list: [['a', 'b']] });
  });

  it('types --set values as Helm strvals does', () => {
    expect(parse('a=true,b=FALSE,c=null,d=0,e=42,f=-7,g=1.5,h=007,i=yes,j=,k=9223372036854775808,l=+3')).toEqual({
      a: true,
      b: false,
      c: null,
      d: 0,
      e: 42,
      f: -7,
      g: '1.5',
      h: '007',
      i: 'yes',
      j: '',
      k: '9223372036854775808',
      l: 3,
    });
    expect(typedValue('Null')).toBeNull();
    expect(typedValue('1.16.1')).toBe('1.16.1');
  });

  it('keeps every value a string with --set-string', () => {
    expect(parse('server.ha.replicas=5,global.tlsDisable=false,x=null', '--set-string')).toEqual({
      server: { ha: { replicas: '5' } },
      global: { tlsDisable: 'false' },
      x: 'null',
    });
  });

  it('reads the named file as the value with --set-file, an empty value without reading', () => {
    const files = { 'raft.hcl': 'storage "raft" {}\n', 'a.txt': 'A', 'b.txt': 'B' };
    expect(parse('server.ha.raft.config=raft.hcl', '--set-file', files)).toEqual({
      server: { ha: { raft: { config: 'storage "raft" {}\n' } } },
    });
    expect(parse('list={a.txt,b.txt}', '--set-file', files)).toEqual({ list: ['A', 'B'] });
    const read: string[] = [];
    parseSetArgument('--set-file', 'a=', { readFile: (path) => (read.push(path), '') });
    expect(read).toEqual([]);
  });

  it('ignores empty names as Helm does', () => {
    expect(parse('=x,a=1')).toEqual({ a: 1 });
  });

  it.each([
    ['server.ha.replicas', 'Invalid --set argument: key "replicas" has no value', 'replicas'],
    ['a,b=1', 'Invalid --set argument: key "a" has no value (cannot end with ,)', 'a,'],
    ['a=1,,b=2', 'Invalid --set argument: key "" has no value (cannot end with ,)', ','],
    ['a.=x', 'Invalid --set argument: key map "a" has no value', 'a.=x'],
    ['list[x]=1', 'Invalid --set argument: index "x" is not a number', 'x'],
    ['list[-1]=1', 'Invalid --set argument: negative -1 index not allowed', '-1'],
    ['list[70000]=1', 'Invalid --set argument: index of 70000 is greater than maximum supported index of 65536', '70000'],
    ['list[0', 'Invalid --set argument: missing "]" after index "0"', '[0'],
    ['list[0]x=1', 'Invalid --set argument: unexpected data at end of array index: "x"', 'x'],
    ['a={x,y', "Invalid --set argument: list must terminate with '}'", '{x,y'],
    ['a=1,a.b=2', 'Invalid --set argument: "a" is a number earlier in this argument, not a map', 'a'],
    ['a=x,a[0]=y', 'Invalid --set argument: "a" is a string earlier in this argument, not a list', 'a'],
  ])('refuses %j as Helm does, at the offending text', (argument, message, text) => {
    expect(problem(argument)).toEqual({ message, text });
  });

  it('names the flag in the problem', () => {
    expect(problem('x', '--set-string').message).toBe('Invalid --set-string argument: key "x" has no value');
  });
});

describe('positions inside the argument', () => {
  it('places keys and values at their columns', () => {
    const argument = 'server.image.tag=latest,ui.serviceType=LoadBalancer';
    const root = parseSetArgument('--set', argument).root;
    const tag = at(root, 'server', 'image', 'tag');
    expect(argument.slice(tag.start, tag.end)).toBe('latest');
    expect(tag.start).toBe(17);
    const type = at(root, 'ui', 'serviceType');
    expect([type.start, type.end]).toEqual([39, 51]);
    expect(argument.slice(keyOf(root, 'server', 'image').start, keyOf(root, 'server', 'image').end)).toBe('image');
    expect(argument.slice(keyOf(root, 'ui', 'serviceType').start, keyOf(root, 'ui', 'serviceType').end)).toBe('serviceType');
  });

  it('spans escapes as written, so the code frame underlines the raw text', () => {
    const argument = 'a\\.b=x\\,y';
    const root = parseSetArgument('--set', argument).root;
    const key = keyOf(root, 'a.b');
    expect(argument.slice(key.start, key.end)).toBe('a\\.b');
    const value = at(root, 'a.b') as YScalar;
    expect(argument.slice(value.start, value.end)).toBe('x\\,y');
    expect(value.text).toBe('x,y');
  });

  it('places list items, brace lists and their items', () => {
    const argument = 'extraArgs={-a,-b},vols[1].name=tls';
    const root = parseSetArgument('--set', argument).root;
    const list = at(root, 'extraArgs');
    expect(argument.slice(list.start, list.end)).toBe('{-a,-b}');
    const second = at(root, 'extraArgs', 1);
    expect(argument.slice(second.start, second.end)).toBe('-b');
    const name = at(root, 'vols', 1, 'name');
    expect(argument.slice(name.start, name.end)).toBe('tls');
    const hole = at(root, 'vols', 0) as YScalar;
    expect(hole.value).toBeNull();
  });

  it('spans a --set-file value over the path, whose text is the file', () => {
    const argument = 'server.ha.raft.config=config/raft.hcl';
    const value = at(
      parseSetArgument('--set-file', argument, { readFile: () => 'ui = true\n' }).root,
      'server',
      'ha',
      'raft',
      'config',
    ) as YScalar;
    expect(argument.slice(value.start, value.end)).toBe('config/raft.hcl');
    expect(value.text).toBe('ui = true\n');
  });

  it('labels the layer with the flag and the argument as written', () => {
    const layer = setLayer('--set', 'server.image.tag=latest');
    expect(layer).toMatchObject({ kind: 'set', label: '--set server.image.tag=latest', text: 'server.image.tag=latest' });
    expect(layer.yaml?.problems).toEqual([]);
  });
});
