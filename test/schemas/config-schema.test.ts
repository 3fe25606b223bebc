import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/cli/config-schema.js';
import { loadRules } from '../../src/index.js';

const FILE = new URL('../../schemas/vault-lint-config.schema.json', import.meta.url);

describe('schemas/vault-lint-config.schema.json', () => {
  it('is the schema the rules metadata gives (UPDATE_SCHEMAS=1 rewrites it)', async () => {
    const expected = `${JSON.stringify(configSchema(await loadRules()), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS) writeFileSync(FILE, expected);
    expect(readFileSync(FILE, 'utf8')).toBe(expected);
  });

  it('accepts the README example and rejects what the CLI rejects', async () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(FILE, 'utf8')) as object);
    const ok = load(
      'extends: strict\nchartVersion: 0.28.0\nrules:\n  ha-replicas: [error, { replicas: 3 }]\n  telemetry-configured: "off"\noverrides:\n  - files: ["dev/**"]\n    rules: { tls-enabled: "off" }\nignores: ["vendor/**"]\nreleases:\n  prod:\n    values: [base.yaml, prod.yaml]\n',
    );
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    const plugins = { plugins: ['./vault-rules', 'acme-vault-rules'], rules: { 'acme/registry-allowed': ['warning', { registry: 'r/' }] } };
    expect(validate(plugins), JSON.stringify(validate.errors)).toBe(true);
    const policies = load(
      "policies:\n  - id: acme/registry\n    message: m\n    hint: h\n    path: server.image.repository\n    schema: { type: string }\n  - id: acme/seal\n    message: m\n    target: release\n    expression: release.seal.type == 'awskms'\n    when: { target: release, expression: \"release.name.startsWith('prod')\" }\nrules:\n  acme/registry: warning\n",
    );
    expect(validate(policies), JSON.stringify(validate.errors)).toBe(true);
    for (const bad of [
      { plugins: './vault-rules' },
      { rules: { 'acme/registry-allowed': 'fatal' } },
      { rulez: {} },
      { rules: { 'tls-enabld': 'off' } },
      { rules: { 'ha-replicas': ['error', { replica: 3 }] } },
      { releases: { prod: {} } },
      { policies: [{ id: 'registry', message: 'm', expression: 'true' }] },
      { policies: [{ id: 'acme/registry', message: 'm' }] },
      { policies: [{ id: 'acme/registry', message: 'm', hint: '', expression: 'true' }] },
      { policies: [{ id: 'acme/registry', message: 'm', target: 'pods', expression: 'true' }] },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
