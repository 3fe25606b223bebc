import { PRESETS } from '../engine/config.js';
import { ruleOptionsSchema, type JsonSchema } from '../engine/options.js';
import type { Rule } from '../engine/rule.js';

/**
 * The JSON Schema of `.vault-lint.yaml`, derived from the rules' metadata: each rule's levels and
 * its declared options. Committed as schemas/vault-lint-config.schema.json for editors (a test
 * keeps it fresh); the CLI checks a config file itself, with positions (config-file.ts).
 */
export function configSchema(rules: readonly Rule[]): JsonSchema {
  const level = { enum: ['off', 'info', 'warning', 'error'] };
  const ruleProperties = Object.fromEntries(
    [...rules]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((rule) => {
        const options = ruleOptionsSchema(rule);
        const withOptions = options ? [{ type: 'array', prefixItems: [level, options], minItems: 2, maxItems: 2 }] : [];
        const setting = {
          description: rule.meta.description,
          anyOf: [level, { type: 'array', prefixItems: [level], minItems: 1, maxItems: 1 }, ...withOptions],
        };
        return [rule.id, setting];
      }),
  );
  // A namespaced id (`acme/registry-allowed`) is a rule the config adds itself (plugins:); its options are the plugin's.
  const addedRule = {
    description: 'A rule the config adds (plugins:): a level, or [level, {options}]',
    anyOf: [
      level,
      { type: 'array', prefixItems: [level], minItems: 1, maxItems: 1 },
      { type: 'array', prefixItems: [level, { type: 'object' }], minItems: 2, maxItems: 2 },
    ],
  };
  const rulesSchema = {
    type: 'object',
    additionalProperties: false,
    properties: ruleProperties,
    patternProperties: { '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$': addedRule },
  };
  const text = { type: 'string', minLength: 1 };
  const texts = { anyOf: [text, { type: 'array', items: text }] };
  const valuesPath = {
    description:
      "The key of an umbrella chart's values that the vault dependency reads (its alias, else vault; dotted for nested subcharts)",
    ...text,
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:vault-lint:schema:vault-lint-config',
    title: 'vault-lint config file (.vault-lint.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      extends: { description: `${PRESETS.join(', ')}, or a path to another config file`, ...texts },
      chartVersion: { type: 'string' },
      releaseName: text,
      namespace: text,
      valuesPath: valuesPath,
      rules: rulesSchema,
      overrides: {
        type: 'array',
        items: { type: 'object', additionalProperties: false, required: ['files'], properties: { files: texts, rules: rulesSchema } },
      },
      ignores: texts,
      plugins: {
        description: 'Rule plugins: module paths (relative to this file) or package names, each default-exporting its rules',
        type: 'array',
        items: text,
      },
      releases: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['values'],
          properties: {
            values: texts,
            set: {
              description: 'Values set as helm --set does, applied after the values files: key.path: scalar',
              type: 'object',
              additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
            },
            releaseName: text,
            namespace: text,
            chartVersion: { type: 'string' },
            valuesPath: valuesPath,
          },
        },
      },
    },
  };
}
