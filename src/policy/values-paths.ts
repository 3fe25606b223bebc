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

/** The values schema of a chart version (schemas/values-<version>.schema.json, shipped in the package), read once. */
function valuesSchema(version: string): object | undefined {
  if (!schemas.has(version)) {
    let found: object | undefined;
    for (const folder of SCHEMA_FOLDERS) {
      try {
        found = JSON.parse(readFileSync(new URL(`${folder}values-${version}.schema.json`, import.meta.url), 'utf8')) as object;
        break;
      } catch {
        // not at this level; try the next
      }
    }
    schemas.set(version, found);
  }
  return schemas.get(version);
}

/**
 * The first chart version (of `versions`) whose values schema admits the path, or undefined when
 * none does. A version whose schema cannot be read admits every path: the check never refuses a
 * policy for want of its own data.
 */
export function versionAdmitting(path: readonly PathSegment[], versions: readonly string[]): string | undefined {
  for (const version of versions) {
    const schema = valuesSchema(version);
    if (!schema || admits(schema, path)) return version;
  }
  return undefined;
}

/**
 * Whether some value the schema accepts could hold the path. A free-form object (no declared
 * properties, additional properties allowed) admits anything below it; `*` tries every declared key.
 */
export function admits(schema: object, path: readonly PathSegment[]): boolean {
  let visits = 0;
  const walk = (prefix: (string | number)[], index: number): boolean => {
    if (++visits > MAX_VISITS) return true;
    const nodes = schemaNodesAt(schema, prefix);
    if (nodes.length === 0) return false;
    if (index === path.length) return true;
    if (nodes.some(isOpen)) return true;
    const segment = path[index]!;
    switch (segment.kind) {
      case 'key':
        return walk([...prefix, segment.key], index + 1);
      case 'index':
      case 'anyItem':
        return walk([...prefix, 0], index + 1);
      case 'anyKey':
        if (nodes.some((node) => isSchema(node.additionalProperties) || isSchema(node.patternProperties))) return true;
        return knownKeysAt(schema, prefix).some((key) => walk([...prefix, key], index + 1)) || walk([...prefix, 0], index + 1);
    }
  };
  return walk([], 0);
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
