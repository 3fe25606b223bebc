import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load, YAML11_SCHEMA } from 'js-yaml';

const root = new URL('../../', import.meta.url);

/** A repository file as text. */
export function readRepoFile(relativePath: string): string {
  return readFileSync(new URL(relativePath, root), 'utf8');
}

/** A repository JSON file, parsed. */
export function readJson(relativePath: string): object {
  return JSON.parse(readRepoFile(relativePath)) as object;
}

/** A YAML document parsed the way Helm reads values (YAML 1.1 scalars, as the model does). */
export function parseYaml(text: string): Record<string, unknown> {
  return (load(text, { schema: YAML11_SCHEMA }) ?? {}) as Record<string, unknown>;
}

export function loadYaml(relativePath: string): Record<string, unknown> {
  return parseYaml(readRepoFile(relativePath));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's values coalescing: maps merge key by key, anything else replaces, null deletes. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return structuredClone(override);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else out[key] = mergeValues(out[key], value);
  }
  return out;
}

/** `a.b.0.c` -> ['a', 'b', 0, 'c']. */
export function dotted(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
}

/** Build `{a: {b: [{c: value}]}}` from a path, starting from an optional existing value. */
export function nest(path: (string | number)[], value: unknown, base: unknown = undefined): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(base) ? [...(base as unknown[])] : [];
    list[head] = nest(rest, value, list[head]);
    return list;
  }
  const map = isMap(base) ? { ...base } : {};
  map[head] = nest(rest, value, map[head]);
  return map;
}

/** Ajv `instancePath` -> path segments (array indexes stay strings, as in the pointer). */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// ---------------------------------------------------------------------------------------------
// Vault config: HCL -> the normalised shape documented in schemas/vault-config.schema.json.

const require = createRequire(import.meta.url);
const hclParser = require('js-hcl-parser') as { parse(text: string): string };

/** Repeatable labelled blocks: `{label: [body, ...]}`. */
const REPEATABLE_LABELLED = new Set(['listener', 'seal', 'hsm', 'kms', 'user_lockout', 'kms_library']);
/** Labelled blocks that appear once: `{label: body}`. */
const SINGLE_LABELLED = new Set(['storage', 'ha_storage', 'backend', 'ha_backend', 'service_registration', 'entropy']);
/** Nested keys that stay lists of objects even with one element. */
const OBJECT_LISTS = new Set(['retry_join']);

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Decoded HCL (blocks as lists of one-key objects, as js-hcl-parser and Vault's JSON form write
 * them) -> the normalised shape: unlabelled blocks become objects, labelled ones are keyed by label.
 */
export function normaliseVaultConfig(decoded: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(decoded)) {
    if (REPEATABLE_LABELLED.has(key) || SINGLE_LABELLED.has(key)) {
      const byLabel: Record<string, unknown> = {};
      for (const entry of asList(value)) {
        if (!isMap(entry)) continue;
        for (const [label, bodies] of Object.entries(entry)) {
          const blocks = asList(bodies).map((body) => plain(body));
          if (REPEATABLE_LABELLED.has(key)) byLabel[label] = [...((byLabel[label] as unknown[] | undefined) ?? []), ...blocks];
          else byLabel[label] = blocks[0] ?? {};
        }
      }
      out[key] = byLabel;
    } else out[key] = plain(value);
  }
  return out;
}

function plain(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => plain(item));
    if (items.length > 0 && items.every(isMap) && !(key !== undefined && OBJECT_LISTS.has(key))) {
      return Object.assign({}, ...items) as Record<string, unknown>;
    }
    return items;
  }
  if (isMap(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, k)]));
  }
  return value;
}

/** Parse HCL text (via the dev dependency js-hcl-parser) and normalise it. */
export function parseVaultConfig(text: string): Record<string, unknown> {
  const decoded = JSON.parse(hclParser.parse(text)) as Record<string, unknown>;
  return normaliseVaultConfig(decoded);
}
