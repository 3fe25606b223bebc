import type { ChartRelease } from './release.js';
import { helmEqualsTrue, helmTruthy } from './truth.js';
import type { ValueNode } from '../values/tree.js';

/** The server PodDisruptionBudget the chart renders in HA mode. */
export interface DisruptionBudgetFact {
  /** `server.ha.disruptionBudget.enabled`, tested as `eq (toString) "true"`. */
  enabledNode: ValueNode | undefined;
  /** Whether the PDB is rendered: HA mode and the switch is true. */
  rendered: boolean;
  /** `server.ha.disruptionBudget.maxUnavailable` when the chart uses it (a truthy override with more than one replica). */
  override: ValueNode | undefined;
  /** How many server pods an eviction may take down at once, as Kubernetes counts it; undefined when unreadable. */
  maxUnavailable: number | undefined;
}

/**
 * The PDB as the chart's `vault.pdb.maxUnavailable` helper computes it: 0 for one replica, a truthy
 * override as written (a percentage rounds up, as Kubernetes rounds it), 1 with raft redundancy zones,
 * else ⌊(n−1)/2⌋, which keeps a raft quorum.
 */
export function collectDisruptionBudget(model: ChartRelease): DisruptionBudgetFact {
  const enabledNode = model.get('server.ha.disruptionBudget.enabled');
  const rendered = model.isHa && helmEqualsTrue(enabledNode?.value);
  const replicas = model.replicas;
  const overrideNode = model.get('server.ha.disruptionBudget.maxUnavailable');
  if (replicas === 1) return { enabledNode, rendered, override: undefined, maxUnavailable: 0 };
  if (overrideNode && helmTruthy(overrideNode.value))
    return { enabledNode, rendered, override: overrideNode, maxUnavailable: scaled(overrideNode.value, replicas) };
  const zones =
    model.profile.redundancyZones &&
    helmEqualsTrue(model.valueOf('server.ha.raft.enabled')) &&
    helmEqualsTrue(model.valueOf('server.ha.raft.redundancyZones.enabled'));
  return {
    enabledNode,
    rendered,
    override: undefined,
    maxUnavailable: zones ? 1 : Math.max(0, Math.trunc((Math.trunc((replicas * 10) / 2) - 1) / 10)),
  };
}

function scaled(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (percent) return Math.ceil((replicas * Number(percent[1])) / 100);
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}
