// vitest: isolate (checks which schema validators a run has loaded).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPointer, shapeConfig, toPointer } from '../../src/model/config/shape.js';
import { loadedSchemas } from '../../src/model/facts/schema-check.js';
import { knownKeysAt } from '../../src/schemas/suggest.js';
import { schema as configSchema } from '../../src/schemas/generated/vault-config.js';
import { modelOf } from '../helpers/model.js';
import { normaliseVaultConfig, parseVaultConfig } from '../schemas/helpers.js';
import { buildModel } from '../../src/engine/lint.js';
import type { VaultConfig } from '../../src/model/config/vault-config.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Every config the fixtures write (live or ignored), with the release it belongs to. */
async function fixtureConfigs(): Promise<{ file: string; config: VaultConfig }[]> {
  const out: { file: string; config: VaultConfig }[] = [];
  for (const file of [...yamlFiles(join(ROOT, 'fixtures')), ...yamlFiles(join(ROOT, 'test/vendor'))]) {
    const text = readFileSync(file, 'utf8');
    const model = await buildModel({ layers: [{ kind: 'file', label: file, text }] });
    if (!model.valuesReadable) continue;
    // An empty config has no value to place.
    for (const config of [model.config, ...model.ignoredConfigs])
      if (config?.ok && config.isUserSet && config.file.body.items.length > 0) out.push({ file: file.slice(ROOT.length), config });
  }
  return out;
}

const knownKeys = (path: readonly string[]): string[] => knownKeysAt(configSchema, path);

function leafPointers(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPointers(item, [...path, String(index)]));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [toPointer(path)] : entries.flatMap(([key, child]) => leafPointers(child, [...path, key]));
  }
  return [toPointer(path)];
}

describe('loading validators on demand', () => {
  // First in the file: nothing has loaded the validators yet in this module graph.
  it('refuses to read a fact whose validator was not loaded, and loads only what the release needs', async () => {
    const model = await modelOf('server:\n  ha:\n    replica: 5\n', { chartVersion: '0.28.0' });
    expect(() => model.valuesSchemaProblems).toThrow(/values-0\.28\.0 schema validator was read before it was loaded/);
    await model.load(['valuesSchema', 'vaultConfigSchema']);
    // The values hold no config of the user's: the config validator stays unloaded; the other chart version too.
    expect(loadedSchemas()).toEqual(['values-0.28.0']);
    expect(model.valuesSchemaProblems.map((problem) => `${problem.kind} ${problem.key} ${problem.suggestion}`)).toEqual([
      'unknownKey replica replicas',
    ]);
    expect(model.configSchemaProblems).toEqual([]);
    const withConfig = await modelOf('server:\n  standalone:\n    config: |\n      ui = true\n');
    await withConfig.load(['vaultConfigSchema']);
    expect(loadedSchemas()).toEqual(['values-0.28.0', 'vault-config']);
  });
});

describe('the normalised config shape', () => {
  it('pointers round-trip, escapes included', () => {
    expect(toPointer(['custom_response_headers', 'a/b', 'x~y', 0])).toBe('/custom_response_headers/a~1b/x~0y/0');
    expect(fromPointer('/custom_response_headers/a~1b/x~0y/0')).toEqual(['custom_response_headers', 'a/b', 'x~y', '0']);
    expect(fromPointer('')).toEqual([]);
  });

  it("equals the reference normaliser (js-hcl-parser) on every HCL config in the fixtures and the chart's values", async () => {
    // The reference keeps keys and types as written; configs spelling them in other case are checked below.
    const configs = (await fixtureConfigs()).filter(
      ({ config }) => config.format === 'hcl' && !config.text.includes('{{') && !/^\s*"?[a-z_]*[A-Z]/m.test(config.text),
    );
    expect(configs.length).toBeGreaterThan(40);
    for (const { file, config } of configs) {
      expect(shapeConfig(config, knownKeys).data, file).toEqual(parseVaultConfig(config.text));
    }
  });

  it('equals the reference normaliser on JSON configs', async () => {
    const configs = (await fixtureConfigs()).filter(({ config }) => config.format === 'json');
    expect(configs.length).toBeGreaterThan(0);
    for (const { file, config } of configs) {
      expect(shapeConfig(config, knownKeys).data, file).toEqual(normaliseVaultConfig(JSON.parse(config.text) as Record<string, unknown>));
    }
  });

  it('knows where every value of every fixture config is written', async () => {
    for (const { file, config } of await fixtureConfigs()) {
      const shape = shapeConfig(config, knownKeys);
      for (const pointer of leafPointers(shape.data)) expect(shape.targets.has(pointer), `${file} ${pointer}`).toBe(true);
    }
  });

  it('reads every way of writing blocks into one shape, keys of case-insensitive objects in their known spelling', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            UI = true
            Listener "TCP" {
              Address = "[::]:8200"
            }
            listener {
              unix {
                address = "/run/vault.sock"
              }
            }
            storage = {
              raft = {
                Path = "/vault/data"
                retry_join = [{ leader_api_addr = "a" }, { leader_api_addr = "b" }]
                retry_join { auto_join = "provider=k8s" }
              }
            }
            seal "awskms" { region = "eu-west-1" }
            seal "awskms" { region = "eu-west-2" }
            telemetry = { Disable_Hostname = true }
    `);
    const shape = shapeConfig(model.config!, knownKeys);
    expect(shape.data).toEqual({
      ui: true,
      listener: { tcp: [{ address: '[::]:8200' }], unix: [{ address: '/run/vault.sock' }] },
      // Keys inside storage are case-sensitive in Vault: kept as written.
      storage: {
        raft: { Path: '/vault/data', retry_join: [{ leader_api_addr: 'a' }, { leader_api_addr: 'b' }, { auto_join: 'provider=k8s' }] },
      },
      seal: { awskms: [{ region: 'eu-west-1' }, { region: 'eu-west-2' }] },
      telemetry: { disable_hostname: true },
    });
    expect(shape.extraBlocks).toEqual([]);
  });
});

describe('configSchemaProblems', () => {
  it('tells which unknown keys Vault warns about and which it ignores silently', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            uii = true
            listener "tcp" {
              adress = "[::]:8200"
            }
            storage "raft" {
              paht = "/vault/data"
            }
            seal "transit" {
              adress = "https://transit:8200"
            }
    `);
    await model.load(['vaultConfigSchema']);
    expect(
      model.configSchemaProblems
        .map((problem) => `${problem.where}: ${problem.key} -> ${problem.suggestion} (${problem.vaultWarns ? 'warns' : 'silent'})`)
        .sort(),
    ).toEqual([
      'at the top level: uii -> ui (warns)',
      'in listener "tcp": adress -> address (warns)',
      'in seal "transit": adress -> address (silent)',
      'in storage "raft": paht -> path (silent)',
    ]);
  });

  it('never quotes a secret it found in a wrong value', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            seal "transit" {
              address = "https://transit:8200"
              token   = "hvs.CAESIJ-not-a-real-token-but-long"
              tls_skip_verify = "hvs.CAESIJ-not-a-real-token-but-long"
            }
    `);
    await model.load(['vaultConfigSchema']);
    const problems = model.configSchemaProblems;
    expect(problems.map((problem) => `${problem.kind} ${problem.key} ${problem.found}`)).toEqual(['wrongType tls_skip_verify a string']);
  });
});
