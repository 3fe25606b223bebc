/**
 * "Did you mean" for unknown keys, and the list of keys a JSON Schema allows at a path.
 * Both work on the plain schema JSON (schemas/*.schema.json), so no validator library is needed.
 */

/** Largest edit distance accepted between an unknown key and a known one. */
function maxDistance(length: number): number {
  // One edit per three characters, at least one and at most four: `tag`/`tags` match, unrelated
  // short keys do not, and long keys do not attract each other just by being long.
  return Math.min(4, Math.max(1, Math.floor(length / 3)));
}

/**
 * The known key the user most likely meant, or undefined when none is close enough.
 *
 * Candidates, best first:
 * 1. the same key up to letter case and `_`/`-` separators (`setNodeID` -> `setNodeId`);
 * 2. the smallest case-insensitive Damerau–Levenshtein distance within one edit per three
 *    characters, capped at four (`dataStorge` -> `dataStorage`, `paht` -> `path`);
 * 3. a key that starts with, ends with or contains the other one, when the shorter covers at
 *    least half of the longer (`replica` -> `replicas`, `tlsDisabled` -> `tlsDisable`,
 *    `leader_api_address` -> `leader_api_addr`).
 * Ties go to the longer shared prefix, then to the alphabetically first key, so the answer is stable.
 * An exact (case-sensitive) match returns undefined: there is nothing to suggest.
 *
 * Never proposed: a key listed in `present` (already written in the same block: renaming onto it
 * would make a duplicate), and an edit of an unknown key shorter than three characters (`ui` -> `uid`
 * renames one setting into another, it does not fix a typo).
 */
export function suggestKey(unknown: string, known: readonly string[], present: ReadonlySet<string> = new Set()): string | undefined {
  if (known.includes(unknown)) return undefined;
  const wanted = unknown.toLowerCase();
  const squashed = squash(unknown);
  let best: { key: string; score: number; prefix: number } | undefined;
  for (const key of known) {
    if (present.has(key)) continue;
    const candidate = key.toLowerCase();
    let score: number;
    if (squash(key) === squashed) score = 0;
    else if (wanted.length < 3) continue;
    else {
      const distance = damerauLevenshtein(wanted, candidate);
      if (distance <= maxDistance(Math.max(wanted.length, candidate.length))) score = 1 + distance;
      else if (containsEnough(wanted, candidate)) score = 10 + Math.abs(wanted.length - candidate.length);
      else continue;
    }
    const prefix = commonPrefix(wanted, candidate);
    if (!best || score < best.score || (score === best.score && (prefix > best.prefix || (prefix === best.prefix && key < best.key)))) {
      best = { key, score, prefix };
    }
  }
  return best?.key;
}

function squash(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function containsEnough(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 3 && shorter.length * 2 >= longer.length && longer.includes(shorter);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Unrestricted Damerau–Levenshtein distance (adjacent transpositions count as one edit). */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 2;
  const cols = b.length + 2;
  const infinity = a.length + b.length;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j]!;
  const set = (i: number, j: number, value: number): void => {
    d[i * cols + j] = value;
  };
  set(0, 0, infinity);
  for (let i = 0; i <= a.length; i++) {
    set(i + 1, 0, infinity);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= b.length; j++) {
    set(0, j + 1, infinity);
    set(1, j + 1, j);
  }
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= a.length; i++) {
    let lastMatchColumn = 0;
    for (let j = 1; j <= b.length; j++) {
      const i1 = lastRow.get(b[j - 1]!) ?? 0;
      const j1 = lastMatchColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      set(i + 1, j + 1, Math.min(at(i, j) + cost, at(i + 1, j) + 1, at(i, j + 1) + 1, at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1)));
    }
    lastRow.set(a[i - 1]!, i);
  }
  return at(a.length + 1, b.length + 1);
}

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolve a local `$ref` (`#/definitions/x`, any JSON pointer into the root schema). */
function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isNode(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return isNode(node) ? node : undefined;
}

/** A schema node and every node it stands for through `$ref`, `allOf`, `anyOf` and `oneOf`. */
function expand(root: SchemaNode, node: SchemaNode, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(root, node.$ref);
    if (target) out.push(...expand(root, target, seen));
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches)) for (const branch of branches) if (isNode(branch)) out.push(...expand(root, branch, seen));
  }
  return out;
}

/** The schema nodes that apply to one child (`segment`) of a value matched by `node`. */
function childNodes(node: SchemaNode, segment: string | number): SchemaNode[] {
  const out: SchemaNode[] = [];
  const index = typeof segment === 'number' ? segment : /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : undefined;
  if (index !== undefined) {
    const items = node.items;
    if (isNode(items)) out.push(items);
    else if (Array.isArray(items)) {
      const item: unknown = items[index];
      if (isNode(item)) out.push(item);
      else if (isNode(node.additionalItems)) out.push(node.additionalItems);
    }
  }
  const key = String(segment);
  const properties = node.properties;
  let named = false;
  if (isNode(properties) && Object.hasOwn(properties, key) && isNode(properties[key])) {
    out.push(properties[key]);
    named = true;
  }
  const patterns = node.patternProperties;
  if (isNode(patterns)) {
    for (const [pattern, schema] of Object.entries(patterns)) {
      if (isNode(schema) && new RegExp(pattern, 'u').test(key)) {
        out.push(schema);
        named = true;
      }
    }
  }
  if (!named && isNode(node.additionalProperties)) out.push(node.additionalProperties);
  return out;
}

/**
 * The schema nodes that apply to the value at `path` (keys and array indexes, as in an Ajv
 * `instancePath` split on `/`), each expanded through `$ref`, `allOf`, `anyOf` and `oneOf`.
 * Empty when the path leads nowhere.
 */
export function schemaNodesAt(schema: object, path: readonly (string | number)[]): Record<string, unknown>[] {
  const root = schema as SchemaNode;
  let nodes = expand(root, root);
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of nodes) for (const child of childNodes(node, segment)) next.push(...expand(root, child));
    nodes = next;
    if (nodes.length === 0) return [];
  }
  return nodes;
}

/**
 * Where else a schema declares `key`: the paths of the objects (dotted, `''` for the top level)
 * that list it among their properties, searched breadth first to `maxDepth` levels, shallowest
 * first. Array items and free-form maps are not searched.
 */
export function declaredAt(schema: object, key: string, maxDepth = 4): string[][] {
  const root = schema as SchemaNode;
  const out: string[][] = [];
  let level: [string[], SchemaNode[]][] = [[[], expand(root, root)]];
  const seen = new Set<SchemaNode>();
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: [string[], SchemaNode[]][] = [];
    for (const [path, nodes] of level) {
      const children = new Map<string, SchemaNode[]>();
      for (const node of nodes) {
        if (seen.has(node) || !isNode(node.properties)) continue;
        seen.add(node);
        for (const [name, child] of Object.entries(node.properties)) {
          if (!isNode(child)) continue;
          if (name === key && !out.some((found) => found.join('.') === path.join('.'))) out.push(path);
          children.set(name, [...(children.get(name) ?? []), ...expand(root, child)]);
        }
      }
      for (const [name, childNodes] of children) next.push([[...path, name], childNodes]);
    }
    level = next;
  }
  return out;
}

/**
 * The property names a schema declares for the object at `path` (keys and array indexes, as in
 * an Ajv `instancePath` split on `/`), following `properties`, `patternProperties`,
 * `additionalProperties`, `items`, `$ref`, `allOf`, `anyOf` and `oneOf`. Sorted; empty when the
 * path leads nowhere or to a free-form object.
 */
export function knownKeysAt(schema: object, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const node of schemaNodesAt(schema, path))
    if (isNode(node.properties)) for (const key of Object.keys(node.properties)) keys.add(key);
  return [...keys].sort();
}
