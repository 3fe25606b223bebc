import type { RuleMeta, RuleOption } from './types.js';

/** The presets a rule's options have a value for. */
export type OptionPreset = 'recommended' | 'strict';

/** A JSON Schema (draft-07 and 2020-12 alike: only keywords both share). */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one option, derived from its declaration. */
export function optionSchema(option: RuleOption): JsonSchema {
  const schema: JsonSchema = option.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: option.type };
  schema.description = option.description;
  if (option.type === 'integer') {
    if (option.minimum !== undefined) schema.minimum = option.minimum;
    if (option.maximum !== undefined) schema.maximum = option.maximum;
  }
  if (option.type === 'string' && option.enum !== undefined) schema.enum = [...option.enum];
  schema.default = copyValue(option.default);
  return schema;
}

function copyValue(value: RuleOption['default']): unknown {
  return Array.isArray(value) ? [...(value as readonly string[])] : value;
}

/**
 * The JSON Schema of a rule's `options` object: every declared option, nothing else. Undefined for
 * a rule without options. A config file schema is this, per rule id.
 */
export function ruleOptionsSchema(rule: { meta: Pick<RuleMeta, 'options'> }): JsonSchema | undefined {
  const options = Object.entries(rule.meta.options ?? {});
  if (options.length === 0) return undefined;
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(options.map(([name, option]) => [name, optionSchema(option)])),
  };
}

/** The options schema of every rule that has options, keyed by rule id. */
export function rulesOptionsSchemas(rules: readonly { id: string; meta: Pick<RuleMeta, 'options'> }[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const rule of rules) {
    const schema = ruleOptionsSchema(rule);
    if (schema) out[rule.id] = schema;
  }
  return out;
}

/** The value of each option under a preset: `strict` takes each option's strict value, else its default. */
export function presetOptions(meta: Pick<RuleMeta, 'options'>, preset: OptionPreset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(meta.options ?? {})) {
    out[name] = copyValue(preset === 'strict' && option.strict !== undefined ? option.strict : option.default);
  }
  return out;
}

/**
 * Why a value does not fit an option's declaration (a phrase: "must be …"), or undefined when it
 * fits. Checks exactly what `optionSchema` states, so the schema and the check cannot disagree.
 */
export function optionProblem(option: RuleOption, value: unknown): string | undefined {
  switch (option.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (option.minimum !== undefined && value < option.minimum) return `must be at least ${option.minimum}`;
      if (option.maximum !== undefined && value > option.maximum) return `must be at most ${option.maximum}`;
      return undefined;
    }
    case 'string': {
      if (typeof value !== 'string') return 'must be a string';
      if (option.enum !== undefined && !option.enum.includes(value))
        return `must be one of ${option.enum.map((item) => JSON.stringify(item)).join(', ')}`;
      return undefined;
    }
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'must be a list of strings';
  }
}
