import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  caseInsensitiveAt,
  decodedAsStruct,
  LABELLED_STANZAS,
  LOWERCASE_LABELS,
  REPEATABLE_STANZAS,
  SINGLE_STANZAS,
} from '../../src/model/config/vocabulary.js';
import { modelOf } from '../helpers/model.js';

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

const schema = JSON.parse(readFileSync(new URL('../../schemas/vault-config.schema.json', import.meta.url), 'utf8')) as JsonSchema;

function resolve(node: JsonSchema): JsonSchema {
  if (node.$ref) return resolve(schema.definitions![node.$ref.split('/').pop()!]!);
  return node.allOf?.[0] ? resolve(node.allOf[0]) : node;
}

/** The schema's reading of a top-level stanza: keyed by type label (once or as a list per label), or not labelled. */
function schemaKind(name: string): 'repeatable' | 'single' | 'unlabelled' {
  const node = resolve(schema.properties![name]!);
  const labels = Object.values(node.properties ?? {}).map(resolve);
  if (node.type !== 'object' || labels.length === 0) return 'unlabelled';
  if (labels.every((label) => label.type === 'array' && resolve(label.items!).type === 'object')) return 'repeatable';
  if (labels.every((label) => label.type === 'object')) return 'single';
  return 'unlabelled';
}

describe('the Vault config vocabulary', () => {
  it('names the labelled stanzas of schemas/vault-config.schema.json, each repeating as the schema says', () => {
    const fromSchema = Object.keys(schema.properties!).map((name) => [name, schemaKind(name)]);
    const fromVocabulary = Object.keys(schema.properties!).map((name) => [
      name,
      REPEATABLE_STANZAS.has(name) ? 'repeatable' : SINGLE_STANZAS.has(name) ? 'single' : 'unlabelled',
    ]);
    expect(fromVocabulary).toEqual(fromSchema);
    for (const name of LABELLED_STANZAS) expect(Object.keys(schema.properties!)).toContain(name);
  });

  it('lower-cases only labels of labelled stanzas, and reads struct blocks case-insensitively', () => {
    for (const name of LOWERCASE_LABELS) expect(LABELLED_STANZAS.has(name)).toBe(true);
    expect(decodedAsStruct('Telemetry', undefined)).toBe(true);
    expect(decodedAsStruct('storage', undefined)).toBe(false);
    expect(decodedAsStruct('profiling', 'listener')).toBe(true);
    expect(caseInsensitiveAt(['listener', 'tcp', '0', 'profiling'])).toBe(true);
    expect(caseInsensitiveAt(['storage', 'raft'])).toBe(false);
  });

  it('gives the accessors the labels the shape reads: entropy and kms_library blocks carry their type', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            entropy "seal" {
              mode = "augmentation"
            }
            kms_library "pkcs11" {
              name = "hsm1"
            }
    `);
    const root = model.config!.root;
    expect(root.blocks('entropy').map((block) => block.label)).toEqual(['seal']);
    expect(root.blocks('kms_library').map((block) => [block.label, block.body.attr('name')?.value])).toEqual([['pkcs11', 'hsm1']]);
  });

  it('matches listener profiling keys case-insensitively, as the schema check does', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            listener "tcp" {
              profiling {
                Unauthenticated_Pprof_Access = true
              }
            }
    `);
    const listener = model.config!.tcpListeners[0]!;
    expect(listener.body.block('profiling')?.body.attr('unauthenticated_pprof_access')?.value).toBe(true);
  });
});
