import { readFileSync } from 'node:fs';
import { knownKeysAt, schemaNodesAt } from '../schemas/suggest.js';
import { CHART_VERSIONS, DEFAULT_CHART_VERSION, resolveChartVersion } from '../model/chart/versions.js';
import type { PathSegment } from './path.js';

/** Schema nodes a path check may visit before it stops and accepts the path: wildcards over a large schema stay cheap. */
const MAX_VISITS = 10_000;

/**
 * The chart versions whose values a policy path must be able to match: the config's `chartVersion`
 * when it names a supported one, else every supported version (a path is refused only when no
 * release's values could ever hold it).
 */
export function versionsToCheck(chartVersion: string | undefined): string[] {
  const pinned = chartVersion === undefined ? undefined : resolveChartVersion(chartVersion);
  if (pinned) return [pinned];
  return [DEFAULT_CHART_VERSION, ...CHART_VERSIONS.filter((version) => version !== DEFAULT_CHART_VERSION)];
}

// The package's schemas/ folder lies two levels above this module in the sources (src/policy) and in
// the bundle (dist/bundle), three in the library build (dist/src/policy).
const SCHEMA_FOLDERS = ['../../schemas/', '../../../schemas/'];

const schemas = new Map<string, object | undefined>();

/**
 * A JSON Schema shipped in the package's schemas/ folder (`values-0.34.1.schema.json`,
 * `vault-config.schema.json`), read once; undefined when it cannot be read.
 */
export function shippedSchema(fileName: string): object | undefined {
  if (!schemas.has(fileName)) {
    let found: object | undefined;
    for (const folder of SCHEMA_FOLDERS) {
      try {
        found = JSON.parse(readFileSync(new URL(`${folder}${fileName}`, import.meta.url), 'utf8')) as object;
        break;
      } catch {
        // not at this level; try the next
      }
    }
    schemas.set(fileName, found);
  }
  return schemas.get(fileName);
}

/**
 * The first chart version (of `versions`) whose values schema admits the path, or undefined when
 * none does. A version whose schema cannot be read admits every path: the check never refuses a
 * policy for want of its own data.
 */
export function versionAdmitting(path: readonly PathSegment[], versions: readonly string[]): string | undefined {
  for (const version of versions) {
    const schema = shippedSchema(`values-${version}.schema.json`);
    if (!schema || admits(schema, path)) return version;
  }
  return undefined;
}

/**
 * Whether some value the schema accepts could hold the path. A free-form object (no declared
 * properties, additional properties allowed) admits anything below it; `*` tries every declared key.
 */
export function admits(schema: object, path: readonly PathSegment[]): boolean {
  return pathMismatch(schema, path) === undefined;
}

/** How the data a path runs over may differ from the schema's shape, and how its keys are spelt. */
export interface PathShape {
  /**
   * A block written once stands for a list of one: a key may step into a list's items, and an
   * index or `[*]` may stay on an object (the config target's HCL blocks).
   */
  blocks?: boolean;
  /** The schema's spelling of `key` under `prefix` when the data's differs (keys matched without case). */
  spell?: (prefix: readonly (string | number)[], key: string) => string;
}

/** Where a path leaves the schema: the deepest key no value could hold, and the keys the schema declares there. */
export interface PathMismatch {
  /** The position in the path of the key that cannot exist. */
  index: number;
  key: string;
  /** The keys the schema declares where the key was looked up. */
  known: string[];
}

/**
 * Undefined when some value the schema accepts could hold the path, else the deepest key where
 * every branch of the walk left the schema. Bounded: past MAX_VISITS schema lookups the path is accepted.
 */
export function pathMismatch(schema: object, path: readonly PathSegment[], shape: PathShape = {}): PathMismatch | undefined {
  let visits = 0;
  let deepest: PathMismatch | undefined;
  const spell = shape.spell ?? ((_prefix: readonly (string | number)[], key: string) => key);
  // Branches of a wildcard that fail at the same depth pool the keys they know.
  const noKey = (index: number, key: string, at: readonly (string | number)[][]): void => {
    if (deepest && index < deepest.index) return;
    const known = at.flatMap((prefix) => knownKeysAt(schema, prefix));
    if (deepest?.index === index) known.push(...deepest.known);
    deepest = { index, key, known: [...new Set(known)].sort() };
  };
  const walk = (prefix: (string | number)[], index: number): boolean => {
    if (++visits > MAX_VISITS) return true;
    const nodes = schemaNodesAt(schema, prefix);
    if (nodes.length === 0) return false;
    if (index === path.length) return true;
    if (nodes.some(isOpen)) return true;
    const segment = path[index]!;
    switch (segment.kind) {
      case 'key': {
        const tries = [prefix];
        if (shape.blocks && nodes.some((node) => isSchema(node.items))) tries.push([...prefix, 0]);
        // A list's items may be free-form objects (a shamir seal's body).
        if (tries.some((at) => at !== prefix && schemaNodesAt(schema, at).some(isOpen))) return true;
        const live = tries.filter((at) => schemaNodesAt(schema, [...at, spell(at, segment.key)]).length > 0);
        if (live.length === 0) noKey(index, segment.key, tries);
        return live.some((at) => walk([...at, spell(at, segment.key)], index + 1));
      }
      case 'index':
      case 'anyItem':
        return walk([...prefix, 0], index + 1) || (shape.blocks === true && walk(prefix, index + 1));
      case 'anyKey':
        if (nodes.some((node) => isSchema(node.additionalProperties) || isSchema(node.patternProperties))) return true;
        return knownKeysAt(schema, prefix).some((key) => walk([...prefix, key], index + 1)) || walk([...prefix, 0], index + 1);
    }
  };
  if (walk([], 0)) return undefined;
  return deepest ?? { index: 0, key: '', known: [] };
}

/** A schema node that constrains nothing below it: any key or item may be there. */
function isOpen(node: Record<string, unknown>): boolean {
  if ('properties' in node || 'patternProperties' in node || 'items' in node || node.additionalProperties === false) return false;
  if (isSchema(node.additionalProperties)) return false;
  const type = node.type;
  if (type === undefined)
    return !('$ref' in node) && !('allOf' in node) && !('anyOf' in node) && !('oneOf' in node) && !('enum' in node) && !('const' in node);
  const types = Array.isArray(type) ? type : [type];
  return types.includes('object') || types.includes('array');
}

function isSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
