import { PRESETS } from '../engine/config.js';
import { ruleOptionsSchema, type JsonSchema } from '../engine/options.js';
import type { Rule } from '../engine/rule.js';

/** The id of a rule a config adds: `org/name`, each part kebab-case. */
const ADDED_RULE_ID = '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$';

/** `policies:`, as docs/policies.md describes it (src/policy/read.ts checks it, with positions). */
function policiesSchema(text: JsonSchema): JsonSchema {
  const condition = {
    target: {
      description: 'What the path is read in: the effective values, the live Vault config, or the release facts',
      enum: ['values', 'config', 'release'],
    },
    path: {
      description: 'Dotted (storage.raft.retry_join[*].leader_api_addr, seal.*) or a JSON Pointer; the target itself when omitted',
      type: 'string',
    },
    schema: { description: 'A JSON Schema the value at the path must satisfy', anyOf: [{ type: 'object' }, { type: 'boolean' }] },
    expression: { description: 'A CEL expression over values, config, release, value and path that must be true', ...text },
  };
  return {
    description: 'Organisation policies, each run as a rule (docs/policies.md)',
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'message'],
      anyOf: [
        { required: ['schema'], properties: { schema: {} } },
        { required: ['expression'], properties: { expression: {} } },
        { required: ['required'], properties: { required: { const: true } } },
      ],
      properties: {
        id: { description: 'A namespaced id: acme/registry', type: 'string', pattern: ADDED_RULE_ID },
        severity: { enum: ['error', 'warning', 'info'], default: 'error' },
        message: { description: 'What a finding says; {{value}}, {{path}} and {{error}} are filled in', ...text },
        hint: { description: 'How to fix a finding, shown with it in every output; the same placeholders as message', ...text },
        description: text,
        docs: { description: "The address of the policy's documentation", type: 'string', pattern: '^https?://' },
        ...condition,
        required: { description: 'Report the path where it is absent, at its closest written ancestor', type: 'boolean' },
        when: {
          description: 'Where the policy applies: its path matches and every value there satisfies its schema and expression',
          type: 'object',
          additionalProperties: false,
          properties: condition,
        },
      },
    },
  };
}

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
  // A namespaced id (`acme/registry`) is a rule the config adds itself: a policy, or a plugin's rule with the plugin's options.
  const addedRule = {
    description: 'A rule the config adds (a policy or a plugin rule): a level, or [level, {options}]',
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
    patternProperties: { [ADDED_RULE_ID]: addedRule },
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
      policies: policiesSchema(text),
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
