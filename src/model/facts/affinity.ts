import { embedMap, type EmbedMap } from '../../parse/embed.js';
import { keyName, parseYaml, type YNode } from '../../parse/yaml.js';
import type { ConfiguredRelease } from '../config/release.js';
import { maskTemplates, type TemplateRange } from '../chart/template.js';
import { helmTruthy } from '../chart/truth.js';
import type { Locatable, Place, ValueNode } from '../values/tree.js';

/** Zone and region topology keys: a required anti-affinity on one allows a single server pod per zone or region. */
export const ZONE_TOPOLOGY_KEYS: readonly string[] = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
];

/** Topology keys whose required anti-affinity keeps Vault server pods on distinct nodes (a zone or region holds whole nodes). */
export const HOST_SPREADING_TOPOLOGY_KEYS: readonly string[] = ['kubernetes.io/hostname', ...ZONE_TOPOLOGY_KEYS];

/** One `podAntiAffinity` term of the server pods, placed at its `topologyKey` (or the term itself). */
export interface AntiAffinityTerm extends Locatable {
  /** `requiredDuringScheduling…` (hard) rather than `preferredDuringScheduling…` (soft). */
  required: boolean;
  /** The topology key as written; undefined when absent or produced by a Helm action. */
  topologyKey: string | undefined;
  /** True when the topology key keeps pods on distinct nodes, or is a Helm action the linter cannot read. */
  spreadsNodes: boolean;
  /**
   * True when the topology key is a zone or region key: as a required term it admits one server pod
   * per zone, so replicas beyond the number of zones stay Pending.
   */
  perZone: boolean;
  /** False when the label selector cannot match the Vault server pods (no selector, or labels they do not carry). */
  selectsServer: boolean;
}

/**
 * `server.affinity` as the chart renders it: `absent` when falsy (`""`, null, `{}`: no affinity at all),
 * `unknown` when Helm actions hide its shape, `invalid` when a string is not a YAML mapping, else `parsed`.
 */
export interface ServerAffinity {
  node: ValueNode | undefined;
  status: 'absent' | 'unknown' | 'invalid' | 'parsed';
  antiAffinity: AntiAffinityTerm[];
}

/** A map, list or scalar of either affinity form, with what the linter can know about it. */
interface Tree {
  kind: 'map' | 'seq' | 'scalar';
  child(key: string): Tree | undefined;
  entries(): [string, Tree][];
  items(): Tree[];
  value: unknown;
  /** False when a Helm action sits inside, so the value is only known after `tpl`. */
  known: boolean;
  place(): Place;
}

/** Read the server pods' affinity: a string run through `tpl` (parsed with actions masked) or a YAML map. */
export function collectServerAffinity(model: ConfiguredRelease): ServerAffinity {
  const node = model.get('server.affinity');
  if (!node || !helmTruthy(node.value)) return { node, status: 'absent', antiAffinity: [] };
  let root: Tree | undefined;
  if (node.kind === 'map') root = valueTree(node);
  else if (typeof node.value === 'string') {
    const { masked, ranges } = maskTemplates(node.value);
    const parsed = parseYaml(masked).root;
    if (parsed?.kind !== 'map')
      return { node, status: ranges.length > 0 && masked.trim() === '' ? 'unknown' : 'invalid', antiAffinity: [] };
    const scalar = node.isUserSet && node.yaml?.kind === 'scalar' && node.layer.source !== undefined ? node.yaml : undefined;
    root = yamlTree(parsed, node, masked, ranges, scalar ? embedMap(scalar, node.layer.source!) : undefined);
  } else return { node, status: 'invalid', antiAffinity: [] };
  const antiAffinity = antiAffinityTerms(root, podLabels(model));
  return antiAffinity ? { node, status: 'parsed', antiAffinity } : { node, status: 'unknown', antiAffinity: [] };
}

/** The labels the StatefulSet puts on server pods (Vault's own `vault-*` labels are added at run time). */
function podLabels(model: ConfiguredRelease): Map<string, string> {
  const labels = new Map([
    ['helm.sh/chart', `vault-${model.chartVersion}`],
    ['app.kubernetes.io/name', model.chartName],
    ['app.kubernetes.io/instance', model.releaseName],
    ['component', 'server'],
  ]);
  const extra = model.get('server.extraLabels');
  if (extra?.kind === 'map') for (const [key, child] of extra.children) labels.set(key, String(child.value));
  return labels;
}

/** The anti-affinity terms, or undefined when a Helm action stands where they would be. */
function antiAffinityTerms(root: Tree, labels: Map<string, string>): AntiAffinityTerm[] | undefined {
  const anti = root.child('podAntiAffinity');
  if (anti && hidden(anti)) return undefined;
  const out: AntiAffinityTerm[] = [];
  for (const [field, required] of [
    ['requiredDuringSchedulingIgnoredDuringExecution', true],
    ['preferredDuringSchedulingIgnoredDuringExecution', false],
  ] as const) {
    const list = anti?.child(field);
    if (list && hidden(list)) return undefined;
    for (const item of list?.items() ?? []) {
      const term = required ? item : item.child('podAffinityTerm');
      if (!term || term.kind !== 'map') continue;
      const key = term.child('topologyKey');
      const topologyKey = key?.known && typeof key.value === 'string' ? key.value : undefined;
      out.push({
        required,
        topologyKey,
        spreadsNodes:
          (key !== undefined && !key.known) || (topologyKey !== undefined && HOST_SPREADING_TOPOLOGY_KEYS.includes(topologyKey)),
        perZone: topologyKey !== undefined && ZONE_TOPOLOGY_KEYS.includes(topologyKey),
        selectsServer: selects(term.child('labelSelector'), labels),
        place: () => (key ?? item).place(),
      });
    }
  }
  return out;
}

/** Whether a label selector can match the server pods; a null selector matches no pod at all. */
function selects(selector: Tree | undefined, labels: Map<string, string>): boolean {
  if (!selector) return false;
  if (selector.kind !== 'map') return hidden(selector);
  const has = (key: string): boolean | undefined => (key.startsWith('vault-') ? undefined : labels.has(key));
  for (const [key, value] of selector.child('matchLabels')?.entries() ?? []) {
    if (!value.known || has(key) === undefined) continue;
    if (labels.get(key) !== String(value.value)) return false;
  }
  for (const expression of selector.child('matchExpressions')?.items() ?? []) {
    const key = expression.child('key');
    const operator = expression.child('operator');
    if (!key?.known || !operator?.known || typeof key.value !== 'string' || has(key.value) === undefined) continue;
    const values = expression.child('values');
    if (values && !values.known) continue;
    const listed = (values?.items() ?? []).map((item) => String(item.value));
    const label = labels.get(key.value);
    const match = {
      In: label !== undefined && listed.includes(label),
      NotIn: label === undefined || !listed.includes(label),
      Exists: label !== undefined,
      DoesNotExist: label === undefined,
    }[String(operator.value)];
    if (match === false) return false;
  }
  return true;
}

/** A scalar produced by a Helm action: its shape after `tpl` is unknown. */
function hidden(tree: Tree): boolean {
  return tree.kind === 'scalar' && !tree.known;
}

function valueTree(node: ValueNode): Tree {
  return {
    kind: node.kind,
    child: (key) => {
      const child = node.kind === 'map' ? node.children.get(key) : undefined;
      return child && valueTree(child);
    },
    entries: () => [...node.children].map(([key, child]) => [key, valueTree(child)]),
    items: () => node.items.map(valueTree),
    value: node.value,
    known: true,
    place: () => node.place(),
  };
}

/**
 * A node of the masked string. `after` is the end of its key: an empty scalar (what a masked action
 * alone on its line becomes) has no position of its own, so the rest of the key's line stands for it.
 */
function yamlTree(yaml: YNode, owner: ValueNode, text: string, ranges: TemplateRange[], map: EmbedMap | undefined, after?: number): Tree {
  const wrap = (child: YNode, key?: number): Tree => yamlTree(child, owner, text, ranges, map, key);
  const empty = yaml.start < 0;
  const lineEnd = (from: number): number => (text.indexOf('\n', from) < 0 ? text.length : text.indexOf('\n', from));
  const start = empty ? (after ?? -1) : yaml.start;
  const end = empty ? (after === undefined ? -1 : lineEnd(after)) : Math.max(yaml.end, yaml.start + 1);
  return {
    kind: yaml.kind,
    child: (key) => {
      const pair = yaml.kind === 'map' ? yaml.pairs.find((candidate) => keyName(candidate.key) === key) : undefined;
      return pair && wrap(pair.value, pair.key.end);
    },
    entries: () =>
      yaml.kind === 'map' ? yaml.pairs.map((pair): [string, Tree] => [keyName(pair.key), wrap(pair.value, pair.key.end)]) : [],
    items: () => (yaml.kind === 'seq' ? yaml.items.map((item) => wrap(item)) : []),
    value: yaml.kind === 'scalar' ? yaml.value : undefined,
    // An empty list item has no place at all: count it as written by an action, so nothing is concluded from it.
    known: start >= 0 && !ranges.some((range) => range.start < end && range.end > start),
    place: () => {
      const base = owner.place();
      if (!map || empty) return base;
      // A collection is placed at its first line, as a value-less list item is.
      const span = map.span(yaml.start, yaml.kind === 'scalar' ? yaml.end : Math.min(yaml.end, lineEnd(yaml.start)));
      const place: Place = { ...base, start: span.start, end: span.end };
      if (span.approximate) place.approximate = true;
      return place;
    },
  };
}
