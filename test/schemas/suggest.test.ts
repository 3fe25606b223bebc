import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, declaredAt, knownKeysAt, suggestKey } from '../../src/schemas/suggest.js';

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['replica', 'replicas', 1],
    ['paht', 'path', 1],
    ['ca', 'abc', 2],
    ['kitten', 'sitting', 3],
    ['enabeld', 'enabled', 1],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(damerauLevenshtein(a, b)).toBe(distance);
    expect(damerauLevenshtein(b, a)).toBe(distance);
  });
});

describe('suggestKey', () => {
  const server = [
    'enabled',
    'image',
    'dataStorage',
    'auditStorage',
    'extraEnvironmentVars',
    'extraSecretEnvironmentVars',
    'ha',
    'service',
    'serviceAccount',
    'statefulSet',
    'includeConfigAnnotation',
  ];

  it.each([
    ['tlsDisabled', ['enabled', 'tlsDisable', 'openshift'], 'tlsDisable'],
    ['replica', ['enabled', 'replicas', 'apiAddr'], 'replicas'],
    ['setNodeID', ['enabled', 'setNodeId', 'config'], 'setNodeId'],
    ['TLSDISABLE', ['tlsDisable'], 'tlsDisable'],
    ['tls-disable', ['tls_disable', 'tls_disable_client_certs'], 'tls_disable'],
    ['dataStorge', server, 'dataStorage'],
    ['extraEnviromentVars', server, 'extraEnvironmentVars'],
    ['statefulset', server, 'statefulSet'],
    ['configAnnotation', server, 'includeConfigAnnotation'],
    ['leader_api_address', ['leader_api_addr', 'auto_join', 'leader_ca_cert'], 'leader_api_addr'],
    ['prometheus_retention', ['prometheus_retention_time', 'disable_hostname'], 'prometheus_retention_time'],
    ['tag', ['repository', 'tag', 'pullPolicy'], undefined],
    ['tags', ['repository', 'tag', 'pullPolicy'], 'tag'],
  ])('%s among %j -> %s', (unknown, known, expected) => {
    expect(suggestKey(unknown, known)).toBe(expected);
  });

  it('proposes nothing for unrelated keys', () => {
    expect(
      suggestKey('resources', [
        'enabled',
        'namespace',
        'imagePullSecrets',
        'tlsDisable',
        'externalVaultAddr',
        'openshift',
        'psp',
        'serverTelemetry',
      ]),
    ).toBeUndefined();
    expect(suggestKey('x', ['address', 'path'])).toBeUndefined();
    expect(suggestKey('foo', [])).toBeUndefined();
    // Short keys need a close match: one edit, not a shared letter.
    expect(suggestKey('tga', ['ui', 'tag'])).toBe('tag');
    expect(suggestKey('ip', ['ui', 'tag'])).toBeUndefined();
    expect(suggestKey('id', ['path', 'tag'])).toBeUndefined();
  });

  it('never proposes a key the block already has, nor an edit of a two-letter key', () => {
    expect(suggestKey('replica', ['enabled', 'replicas'], new Set(['replicas']))).toBeUndefined();
    expect(suggestKey('replica', ['enabled', 'replicas'], new Set(['enabled']))).toBe('replicas');
    expect(suggestKey('ui', ['uid', 'gid'])).toBeUndefined();
    expect(suggestKey('UI', ['ui'])).toBe('ui');
  });

  it('prefers the smallest distance, then the longest shared prefix, then the alphabetically first key', () => {
    expect(suggestKey('enable', ['enabled', 'enables'])).toBe('enabled');
    expect(suggestKey('annotation', ['annotations', 'annotation_x'])).toBe('annotations');
    expect(suggestKey('paths', ['path', 'paths_x', 'pathz'])).toBe('path');
    expect(suggestKey('abcd', ['abcx', 'abxd'])).toBe('abcx');
  });
});

describe('declaredAt', () => {
  const schema = {
    type: 'object',
    properties: {
      ui: { type: 'object', properties: { enabled: { type: 'boolean' } } },
      server: { $ref: '#/definitions/server' },
    },
    definitions: {
      server: {
        type: 'object',
        properties: { image: { type: 'object' }, ha: { type: 'object', properties: { image: { type: 'string' } } } },
      },
    },
  };

  it('lists the objects that declare a key, shallowest first, through $ref', () => {
    expect(declaredAt(schema, 'ui')).toEqual([[]]);
    expect(declaredAt(schema, 'image')).toEqual([['server'], ['server', 'ha']]);
    expect(declaredAt(schema, 'enabled')).toEqual([['ui']]);
    expect(declaredAt(schema, 'image', 0)).toEqual([]);
    expect(declaredAt(schema, 'nothing')).toEqual([]);
  });
});

describe('knownKeysAt', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { $ref: '#/definitions/withB' },
      list: { type: 'array', items: { type: 'object', properties: { x: {}, y: {} } } },
      tuple: { type: 'array', items: [{ properties: { first: {} } }], additionalItems: { properties: { rest: {} } } },
      either: { anyOf: [{ type: 'string' }, { type: 'object', properties: { one: {} } }, { oneOf: [{ properties: { two: {} } }] }] },
      both: { allOf: [{ properties: { p: {} } }, { properties: { q: {} } }] },
      map: { type: 'object', additionalProperties: { properties: { value: {} } } },
      byPattern: { type: 'object', patternProperties: { '^x-': { properties: { header: {} } } } },
      free: { type: 'object' },
    },
    definitions: { withB: { type: 'object', properties: { b: { properties: { c: {}, d: {} } } } } },
  };

  it('lists the root keys, sorted', () => {
    expect(knownKeysAt(schema, [])).toEqual(['a', 'both', 'byPattern', 'either', 'free', 'list', 'map', 'tuple']);
  });

  it('follows $ref, items (by number or numeric string), tuples, combinators and maps', () => {
    expect(knownKeysAt(schema, ['a'])).toEqual(['b']);
    expect(knownKeysAt(schema, ['a', 'b'])).toEqual(['c', 'd']);
    expect(knownKeysAt(schema, ['list', 0])).toEqual(['x', 'y']);
    expect(knownKeysAt(schema, ['list', '3'])).toEqual(['x', 'y']);
    expect(knownKeysAt(schema, ['tuple', 0])).toEqual(['first']);
    expect(knownKeysAt(schema, ['tuple', 1])).toEqual(['rest']);
    expect(knownKeysAt(schema, ['either'])).toEqual(['one', 'two']);
    expect(knownKeysAt(schema, ['both'])).toEqual(['p', 'q']);
    expect(knownKeysAt(schema, ['map', 'anything'])).toEqual(['value']);
    expect(knownKeysAt(schema, ['byPattern', 'x-custom'])).toEqual(['header']);
  });

  it('returns nothing for free-form objects and paths that lead nowhere', () => {
    expect(knownKeysAt(schema, ['free'])).toEqual([]);
    expect(knownKeysAt(schema, ['nope'])).toEqual([]);
    expect(knownKeysAt(schema, ['a', 'b', 'c', 'd'])).toEqual([]);
    expect(knownKeysAt(schema, ['byPattern', 'other'])).toEqual([]);
  });
});
