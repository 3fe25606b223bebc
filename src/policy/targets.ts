import type { HclItem, HclNode, HclObject } from '../parse/hcl-types.js';
import { dataStorageKind, type Locatable, type Model, type ValueNode, type VaultConfig } from '../engine/index.js';
import type { PolicyNode } from './path.js';

/** What a policy reads: the effective values, the live Vault config, or the release's derived facts. */
export type PolicyTarget = 'values' | 'config' | 'release';

export const TARGETS: readonly PolicyTarget[] = ['values', 'config', 'release'];

export type TargetNode = PolicyNode<Locatable>;

/**
 * The effective values after the chart's defaults, the values files and `--set`, as the model
 * layers them; each node reports where the user wrote it, or at the nearest key they wrote.
 */
export function valuesTarget(model: Model): TargetNode {
  return valueNode(model.values);
}

function valueNode(node: ValueNode): TargetNode {
  return {
    kind: node.kind,
    path: node.path,
    get value() {
      return node.value;
    },
    // Helm deletes a key set to null: for a policy it is absent, but its line is where a fix goes.
    present: node.kind !== 'scalar' || node.value !== null,
    at: node,
    child: (key) => {
      const child = node.kind === 'map' ? node.children.get(key) : undefined;
      return child && valueNode(child);
    },
    keys: () => (node.kind === 'map' ? [...node.children.keys()] : []),
    items: () => (node.kind === 'seq' ? node.items.map(valueNode) : []),
  };
}

/** A node of the config tree, built once per config. */
class ConfigNode implements TargetNode {
  readonly children = new Map<string, ConfigNode>();
  list: ConfigNode[] = [];
  /** A list made of a block written several times in one body (more repeats join it). */
  repeat = false;
  private plain: unknown;

  constructor(
    readonly kind: 'map' | 'seq' | 'scalar',
    public path: (string | number)[],
    readonly at: Locatable,
    private readonly scalar: unknown,
    /** A block or object written with braces: `[*]` runs over it as a list of one. */
    private readonly block = false,
  ) {}

  /** A null fact (no seal, no live listener) is absent. */
  get present(): boolean {
    return this.kind !== 'scalar' || this.scalar !== null;
  }

  get value(): unknown {
    if (this.kind === 'scalar') return this.scalar;
    this.plain ??=
      this.kind === 'seq'
        ? this.list.map((item) => item.value)
        : Object.fromEntries([...this.children].map(([key, child]) => [key, child.value]));
    return this.plain;
  }

  child(key: string): ConfigNode | undefined {
    return this.children.get(key);
  }

  keys(): string[] {
    return [...this.children.keys()];
  }

  items(): ConfigNode[] {
    if (this.kind === 'seq') return this.list;
    return this.block ? [this] : [];
  }
}

/**
 * The live Vault config as plain data: `storage "raft" { retry_join { … } }` is
 * `storage.raft.retry_join`, a block or attribute written several times in one body is a list of
 * them (HCL v1 keeps every block, and the last of repeated attributes), and every node reports at
 * its exact place inside the embedded config. Undefined when no config is live or it does not parse.
 */
export function configTarget(model: Model): TargetNode | undefined {
  const config = model.parsedConfig;
  if (!config) return undefined;
  const root = new ConfigNode('map', [], config.source, undefined, true);
  fillObject(config, root, config.file.body);
  return root;
}

function fillObject(config: VaultConfig, into: ConfigNode, object: HclObject): void {
  for (const item of object.items) {
    let cursor = into;
    const keys = item.keys;
    // `storage "raft" { … }`: every key but the last opens a map (the block's type label).
    for (const key of keys.slice(0, -1)) {
      let next = cursor.children.get(key.name);
      if (!next || next.kind !== 'map') {
        const path = [...cursor.path, key.name];
        next = new ConfigNode('map', path, spanAt(config, key, path), undefined, true);
        cursor.children.set(key.name, next);
      }
      cursor = next;
    }
    const last = keys[keys.length - 1];
    if (!last) continue;
    const path = [...cursor.path, last.name];
    const node = convert(config, item, item.value, path, { start: (keys[0] ?? last).start, end: last.end });
    const existing = cursor.children.get(last.name);
    const isBlock = item.value.type === 'object';
    if (existing && isBlock && (existing.kind === 'map' || existing.kind === 'seq')) {
      cursor.children.set(last.name, appendRepeat(existing, node, path));
    } else {
      cursor.children.set(last.name, node);
    }
  }
}

/** A block written again in the same body: both are kept, as a list in the order written. */
function appendRepeat(existing: ConfigNode, node: ConfigNode, path: (string | number)[]): ConfigNode {
  if (existing.kind === 'seq' && existing.repeat) {
    existing.list.push(reindex(node, [...path, existing.list.length]));
    return existing;
  }
  const list = new ConfigNode('seq', path, existing.at, undefined);
  list.repeat = true;
  list.list = [reindex(existing, [...path, 0]), reindex(node, [...path, 1])];
  return list;
}

/** Give a block its index in the list of repeats, and its descendants their paths under it. */
function reindex(node: ConfigNode, path: (string | number)[]): ConfigNode {
  const depth = node.path.length;
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    current.path = [...path, ...current.path.slice(depth)];
    stack.push(...current.children.values(), ...current.list);
  }
  return node;
}

function convert(
  config: VaultConfig,
  item: HclItem,
  value: HclNode,
  path: (string | number)[],
  keySpan: { start: number; end: number },
): ConfigNode {
  switch (value.type) {
    case 'object': {
      const node = new ConfigNode('map', path, spanAt(config, keySpan, path), undefined, true);
      fillObject(config, node, value);
      return node;
    }
    case 'list': {
      const node = new ConfigNode('seq', path, spanAt(config, keySpan, path), undefined);
      node.list = value.items.map((child, index) => convert(config, item, child, [...path, index], child));
      return node;
    }
    default:
      return new ConfigNode('scalar', path, spanAt(config, value, path), config.plainOf(value));
  }
}

function spanAt(config: VaultConfig, span: { start: number; end: number }, path: (string | number)[]): Locatable {
  return { place: () => config.placeOf(span, path) };
}

/** A fact of the release and where a finding about it goes: the value that decides it, else the file's start. */
interface Fact {
  value: unknown;
  at?: Locatable | undefined;
  /** Places of the items of a list fact, in order. */
  itemsAt?: (Locatable | undefined)[];
}

/**
 * The release's derived facts as plain data, read from the model (never recomputed here). Each
 * fact reports at the value that decides it when there is one, else at the start of the file.
 */
export function releaseTarget(model: Model): TargetNode {
  const facts = releaseFacts(model);
  const root = model.values;
  const node = new ConfigNode('map', [], root, undefined);
  for (const [name, fact] of Object.entries(facts)) node.children.set(name, plainNode(fact.value, [name], fact.at ?? root, fact.itemsAt));
  return node;
}

/** The names of the release facts, for checking policy paths. */
export const RELEASE_FACTS = [
  'name',
  'namespace',
  'fullname',
  'mode',
  'chartVersion',
  'vaultVersion',
  'image',
  'enterprise',
  'replicas',
  'tls',
  'seal',
  'storage',
  'services',
  'exposure',
] as const;

function releaseFacts(model: Model): Record<(typeof RELEASE_FACTS)[number], Fact> {
  const tag = model.get('server.image.tag');
  const repository = model.get('server.image.repository');
  const seal = model.seal;
  const listener = model.parsedConfig?.tcpListeners[0];
  const storage = model.parsedConfig?.root.blocks('storage')[0];
  const services = model.services;
  const tagText = typeof tag?.value === 'string' || typeof tag?.value === 'number' ? String(tag.value) : null;
  return {
    name: { value: model.releaseName },
    namespace: { value: model.namespace, at: model.get('global.namespace') },
    fullname: { value: model.fullname, at: model.get('fullnameOverride') ?? model.get('nameOverride') },
    mode: { value: model.mode, at: modeNode(model) },
    chartVersion: { value: model.chartVersion },
    // The tag names the Vault version (`1.16.1`, `1.16.1-ent`), without a pinned digest.
    vaultVersion: { value: tagText === null ? null : withoutDigest(tagText).replace(/^v(?=\d)/, ''), at: tag },
    image: { value: { repository: repository?.value ?? null, tag: tag?.value ?? null }, at: repository },
    enterprise: { value: model.isEnterprise, at: repository },
    replicas: { value: model.replicas, at: model.isHa ? model.get('server.ha.replicas') : undefined },
    tls: {
      value: { chart: model.chartTls, listener: model.parsedConfig ? model.parsedConfig.servesTls : null },
      at: listener ?? model.get('global.tlsDisable'),
    },
    seal: {
      value: seal ? { type: seal.type ?? null, source: seal.source, multiseal: seal.multiseal } : null,
      // Shamir by default: the fix (a seal stanza) goes into the config, reported at its key.
      at: seal?.source === 'env' ? seal.env?.node : (seal?.enabled[0] ?? configKey(model)),
    },
    storage: { value: dataStorageKind(model), at: storage },
    services: {
      value: services.map((service) => ({ role: service.role, name: service.name, type: service.type })),
      itemsAt: services.map((service) => service.typeNode),
    },
    exposure: {
      value: {
        loadBalancer: services.some((service) => service.type === 'LoadBalancer'),
        nodePort: services.some((service) => service.type === 'NodePort'),
        ingress: model.l7Exposures.map((exposure) => ({ kind: exposure.kind, name: exposure.name, clientTls: exposure.clientTls ?? null })),
      },
      at: services.find((service) => service.type === 'LoadBalancer' || service.type === 'NodePort')?.typeNode,
    },
  };
}

/** An image tag without its pinned digest: `1.16.1@sha256:…` is `1.16.1`. */
function withoutDigest(tag: string): string {
  const at = tag.indexOf('@');
  return at < 0 ? tag : tag.slice(0, at);
}

/** The key of the live config, where a stanza it lacks goes. */
function configKey(model: Model): Locatable | undefined {
  const source = model.parsedConfig?.source;
  return source && { place: () => source.keyPlace() };
}

/** The value that decides the mode: the switch of the mode the chart chose. */
function modeNode(model: Model): ValueNode | undefined {
  switch (model.mode) {
    case 'dev':
      return model.get('server.dev.enabled');
    case 'ha-raft':
      return model.get('server.ha.raft.enabled');
    case 'ha-other':
      return model.get('server.ha.enabled');
    case 'standalone':
      return model.get('server.standalone.enabled');
    case 'external':
      return model.externalVaultAddr ?? model.get('server.enabled');
    case 'none':
      return model.get('server.standalone.enabled');
  }
}

function plainNode(value: unknown, path: (string | number)[], at: Locatable, itemsAt?: (Locatable | undefined)[]): ConfigNode {
  if (Array.isArray(value)) {
    const node = new ConfigNode('seq', path, at, undefined);
    node.list = value.map((item, index) => plainNode(item, [...path, index], itemsAt?.[index] ?? at));
    return node;
  }
  if (value !== null && typeof value === 'object') {
    const node = new ConfigNode('map', path, at, undefined);
    for (const [key, child] of Object.entries(value)) node.children.set(key, plainNode(child, [...path, key], at));
    return node;
  }
  return new ConfigNode('scalar', path, at, value);
}
