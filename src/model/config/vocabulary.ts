/**
 * The Vault server config's vocabulary, stated once: which stanzas carry a type label, which of them
 * repeat, which labels Vault lower-cases, which objects it decodes into a Go struct (matching keys
 * case-insensitively), and which keys always hold a list of objects. The accessors of
 * `vault-config.ts` and the normalised shape of `shape.ts` (what the schema in
 * schemas/vault-config.schema.json sees) both read it; a test keeps it in step with that schema.
 */

/** Labelled stanzas that repeat: `listener "tcp" {}` twice is two listeners (`{label: [body, …]}` in the shape). */
export const REPEATABLE_STANZAS: ReadonlySet<string> = new Set(['listener', 'seal', 'hsm', 'kms', 'user_lockout', 'kms_library']);

/** Labelled stanzas that appear once (`{label: body}` in the shape); Vault refuses a second block. */
export const SINGLE_STANZAS: ReadonlySet<string> = new Set([
  'storage',
  'ha_storage',
  'backend',
  'ha_backend',
  'service_registration',
  'entropy',
]);

/** Every stanza whose first label is its type (`listener "tcp"`, `storage "raft"`); other blocks are unlabelled. */
export const LABELLED_STANZAS: ReadonlySet<string> = new Set([...REPEATABLE_STANZAS, ...SINGLE_STANZAS]);

/** Stanzas whose type label Vault lower-cases (`listener "TCP"` is a tcp listener). */
export const LOWERCASE_LABELS: ReadonlySet<string> = new Set(['listener', 'storage', 'ha_storage', 'backend', 'ha_backend']);

/** Keys that always hold a list of objects, written as repeated blocks or as a list. */
export const OBJECT_LISTS: ReadonlySet<string> = new Set(['retry_join']);

/** Top-level blocks Vault decodes into a struct: their keys match case-insensitively, as the top level's do. */
const TOP_STRUCT_BLOCKS: ReadonlySet<string> = new Set(['listener', 'telemetry']);

/** Blocks inside a listener that Vault decodes into a struct. */
const LISTENER_STRUCT_BLOCKS: ReadonlySet<string> = new Set(['telemetry', 'profiling']);

/**
 * Whether Vault decodes a block into a struct, matching its keys case-insensitively; map-decoded
 * blocks (`storage`, `seal`…) match exactly. `parent` is the enclosing block's name, undefined at the top level.
 */
export function decodedAsStruct(block: string, parent: string | undefined): boolean {
  const name = block.toLowerCase();
  if (parent === undefined) return TOP_STRUCT_BLOCKS.has(name);
  return parent.toLowerCase() === 'listener' && LISTENER_STRUCT_BLOCKS.has(name);
}

/**
 * Whether Vault decodes the object at this normalised path (`listener/tcp/0/telemetry`) into a struct,
 * matching keys case-insensitively: the top level, a listener body and its struct blocks, and `telemetry`.
 */
export function caseInsensitiveAt(path: readonly string[]): boolean {
  if (path.length === 0) return true;
  if (path[0] === 'listener') return path.length === 3 || (path.length === 4 && decodedAsStruct(path[3]!, 'listener'));
  return path.length === 1 && decodedAsStruct(path[0]!, undefined);
}
