import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveRules } from '../../src/engine/config.js';
import { optionProblem, optionSchema, presetOptions, ruleOptionsSchema, rulesOptionsSchemas } from '../../src/engine/options.js';
import type { RuleOption } from '../../src/engine/types.js';
import { rules } from '../../rules/index.js';

const ajv = new Ajv({ strict: true });

const DECLARATIONS: Record<string, RuleOption> = {
  flag: { type: 'boolean', default: false, strict: true, description: 'A switch' },
  count: { type: 'integer', default: 5, minimum: 1, maximum: 9, description: 'A count' },
  choice: { type: 'string', enum: ['tls12', 'tls13'], default: 'tls12', strict: 'tls13', description: 'A choice' },
  text: { type: 'string', default: '', description: 'Any text' },
  list: { type: 'string[]', default: ['a'], description: 'Some names' },
};

const VALUES: unknown[] = [true, false, 0, 1, 5, 9, 10, -1, 2.5, '5', '', 'tls12', 'tls13', 'tls10', [], ['a', 'b'], [1], null, {}];

describe('option declarations', () => {
  it('the check and the derived JSON Schema agree on every value', () => {
    for (const [name, option] of Object.entries(DECLARATIONS)) {
      const validate = ajv.compile(optionSchema(option));
      for (const value of VALUES) {
        expect({ name, value, ok: optionProblem(option, value) === undefined }).toEqual({ name, value, ok: validate(value) });
      }
    }
  });

  it('derives a closed schema per rule, with description and default, and none for a rule without options', () => {
    expect(ruleOptionsSchema({ meta: { options: { count: DECLARATIONS.count! } } })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { count: { type: 'integer', description: 'A count', minimum: 1, maximum: 9, default: 5 } },
    });
    expect(ruleOptionsSchema({ meta: {} })).toBeUndefined();
  });

  it('gives the registry one options schema per rule that has options, each valid for its presets', () => {
    const schemas = rulesOptionsSchemas(rules);
    expect(Object.keys(schemas).sort()).toEqual(
      rules
        .filter((rule) => rule.meta.options)
        .map((rule) => rule.id)
        .sort(),
    );
    for (const rule of rules) {
      const schema = schemas[rule.id];
      if (!schema) continue;
      const validate = ajv.compile(schema);
      expect(validate(presetOptions(rule.meta, 'recommended')), rule.id).toBe(true);
      expect(validate(presetOptions(rule.meta, 'strict')), rule.id).toBe(true);
      expect(validate({ unknown: true }), rule.id).toBe(false);
    }
  });

  it('presets take the default, or under strict the strict value where one is declared', () => {
    expect(presetOptions({ options: DECLARATIONS }, 'recommended')).toEqual({
      flag: false,
      count: 5,
      choice: 'tls12',
      text: '',
      list: ['a'],
    });
    expect(presetOptions({ options: DECLARATIONS }, 'strict')).toEqual({ flag: true, count: 5, choice: 'tls13', text: '', list: ['a'] });
  });
});

describe('option values set by the user', () => {
  const set = (id: string, options: Record<string, unknown>) => () => resolveRules(rules, 'recommended', { [id]: { options } });

  it('are checked against the declaration: type, bounds and choices, one clear line', () => {
    expect(set('ha-replicas', { replicas: 0 })).toThrow(new ConfigError('Option "replicas" of rule "ha-replicas" must be at least 1'));
    expect(set('ha-replicas', { replicas: 2.5 })).toThrow(new ConfigError('Option "replicas" of rule "ha-replicas" must be an integer'));
    expect(set('tls-min-version', { minVersion: 'tls11' })).toThrow(
      new ConfigError('Option "minVersion" of rule "tls-min-version" must be one of "tls12", "tls13"'),
    );
    expect(set('image-tag-pinned', { requireDigest: 'yes' })).toThrow(
      new ConfigError('Option "requireDigest" of rule "image-tag-pinned" must be a boolean'),
    );
    expect(set('image-tag-pinned', { pin: true })).toThrow(new ConfigError('Unknown option "pin" for rule "image-tag-pinned"'));
  });

  it('win over the preset when they fit', () => {
    const resolved = resolveRules(rules, 'strict', { 'ha-replicas': { options: { replicas: 3 } } });
    expect(resolved.find((entry) => entry.rule.id === 'ha-replicas')?.options).toEqual({ replicas: 3 });
  });
});
