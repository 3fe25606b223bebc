import { keyName, type YMap, type YNode, type YPair } from '../../parse/yaml.js';

/**
 * The values an umbrella chart passes to its `vault` dependency: the map under the dependency's
 * key (its alias, else its name), with the umbrella's top-level `global` merged into the
 * section's own `global`, as Helm does for every subchart (chartutil `coalesceGlobals`, Helm 3):
 * a parent global replaces the subchart's global of the same key, and maps merge key by key with
 * the parent's keys winning (see `mergeMaps` for a map meeting a non-map). A dotted path (`platform.vault`) walks nested subcharts, each level passing its
 * globals down. Nodes keep their offsets, so positions stay exact; null when the file writes
 * nothing for the section.
 */
export function selectSection(root: YNode | null, path: readonly string[]): YNode | null {
  let current = root;
  for (const segment of path) {
    if (current?.kind !== 'map') return null;
    const globals = pairOf(current, 'global');
    const section = pairOf(current, segment)?.value ?? null;
    if (!globals || globals.value.kind !== 'map') {
      current = section;
      continue;
    }
    current = withGlobals(section, globals);
  }
  return current;
}

/** Whether the file writes the section's key at all (globals alone do not make a section). */
export function writesSection(root: YNode | null, path: readonly string[]): boolean {
  let current = root;
  for (const segment of path) {
    if (current?.kind !== 'map') return false;
    const pair = pairOf(current, segment);
    if (!pair) return false;
    current = pair.value;
  }
  return true;
}

function pairOf(map: YMap, key: string): YPair | undefined {
  return map.pairs.find((pair) => keyName(pair.key) === key);
}

function withGlobals(section: YNode | null, globals: YPair): YNode | null {
  const top = globals.value as YMap;
  if (section !== null && section.kind !== 'map') return section;
  const own = section ? pairOf(section, 'global') : undefined;
  if (own && own.value.kind !== 'map') return section;
  const merged: YPair = { key: own?.key ?? globals.key, value: own ? mergeMaps(top, own.value as YMap) : top };
  if (!section) return { kind: 'map', pairs: [merged], flow: false, start: globals.key.start, end: top.end };
  const pairs = own ? section.pairs.map((pair) => (pair === own ? merged : pair)) : [...section.pairs, merged];
  return { ...section, pairs };
}

/**
 * `parent` over `child`: the parent's keys win and maps on both sides merge; where one side is a
 * map and the other not, the child's value stays at the first level (`coalesceGlobals` skips the
 * key) and the parent's below it (`coalesceTablesFullKey` keeps its destination).
 */
function mergeMaps(parent: YMap, child: YMap, first = true): YMap {
  const pairs: YPair[] = [];
  const written = new Set<string>();
  for (const pair of parent.pairs) {
    const name = keyName(pair.key);
    written.add(name);
    const theirs = pairOf(child, name);
    if (!theirs) pairs.push(pair);
    else if (pair.value.kind === 'map' && theirs.value.kind === 'map')
      pairs.push({ key: pair.key, value: mergeMaps(pair.value, theirs.value, false) });
    else if (first && (pair.value.kind === 'map' || theirs.value.kind === 'map')) pairs.push(theirs);
    else pairs.push(pair);
  }
  for (const pair of child.pairs) if (!written.has(keyName(pair.key))) pairs.push(pair);
  return { kind: 'map', pairs, flow: false, start: Math.min(parent.start, child.start), end: Math.max(parent.end, child.end) };
}
