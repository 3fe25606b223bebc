import type { ConfiguredRelease } from '../config/release.js';
import type { ValueNode } from '../values/tree.js';

/** The two resources the guide sizes the Vault container by. */
export const RESOURCE_NAMES = ['cpu', 'memory'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** One `requests`/`limits` entry as written, with its amount when Kubernetes can read it. */
export interface QuantityFact {
  node: ValueNode;
  /** The amount in base units (cores, bytes); undefined when Kubernetes would reject the quantity. */
  amount: number | undefined;
  /** The value as written, for messages. */
  text: string;
}

/** `server.resources` of the Vault container, read as the chart renders it (verbatim when non-empty). */
export interface ResourcesFact {
  /** The effective `server.resources` value (the chart default is `{}`). */
  node: ValueNode | undefined;
  requests: Partial<Record<ResourceName, QuantityFact>>;
  limits: Partial<Record<ResourceName, QuantityFact>>;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
/** Decimal SI suffixes as powers of ten. */
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
// Kubernetes' quantity grammar: a signed decimal number, then a binary suffix, a decimal SI suffix, or a decimal exponent.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * The amount of a Kubernetes resource quantity (`2000m` → 2, `8Gi` → 8589934592, `1e3` → 1000,
 * `1G` → 1e9), or undefined when the API server would reject it (`8GB`, `512mi`, `2 cores`, negatives).
 * YAML numbers are read as written quantities (`cpu: 2`, `cpu: 0.5`).
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim() === value ? value : '');
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[3] ?? '';
  const amount =
    BINARY[suffix] !== undefined ? number * BINARY[suffix] : scale(number, match[2] !== undefined ? Number(match[2]) : DECIMAL[suffix]!);
  return amount >= 0 ? amount : undefined;
}

/** number × 10^exponent; dividing for negative exponents keeps `700m` equal to `0.7` in floating point. */
function scale(number: number, exponent: number): number {
  return exponent >= 0 ? number * 10 ** exponent : number / 10 ** -exponent;
}

/** Read `server.resources.{requests,limits}.{cpu,memory}`. */
export function collectServerResources(model: ConfiguredRelease): ResourcesFact {
  const node = model.get('server.resources');
  const fact: ResourcesFact = { node, requests: {}, limits: {} };
  if (node?.kind !== 'map') return fact;
  for (const kind of ['requests', 'limits'] as const) {
    const group = node.get([kind]);
    if (group?.kind !== 'map') continue;
    for (const name of RESOURCE_NAMES) {
      const entry = group.get([name]);
      if (!entry || entry.value === null) continue;
      fact[kind][name] = { node: entry, amount: parseQuantity(entry.value), text: String(entry.value) };
    }
  }
  return fact;
}
