import type { Model, Mode } from '../model/model.js';

/**
 * Where a rule's concern exists, declared in its metadata and honoured by the engine before the
 * rule's `check` runs: a rule out of scope yields nothing, so rules carry no mode guards of their own.
 */
export interface RuleScope {
  /** The deployment modes the concern exists in; every mode when omitted. */
  modes?: readonly Mode[];
  /**
   * The fewest server pods the concern needs (2 for peers, failover, spreading pods and upgrade
   * order): a single-pod release, standalone or HA with one replica, is out of scope below it.
   */
  minReplicas?: number;
}

/** Modes in which the chart runs a Vault server (a StatefulSet). */
export const SERVER_MODES: readonly Mode[] = ['dev', 'standalone', 'ha-raft', 'ha-other'];
/** Modes in which the chart renders a Vault config file (dev runs `vault server -dev` without one). */
export const CONFIG_MODES: readonly Mode[] = ['standalone', 'ha-raft', 'ha-other'];
/** The two HA modes: Integrated Storage (raft) and any other HA storage (Consul…). */
export const HA_MODES: readonly Mode[] = ['ha-raft', 'ha-other'];

/** Whether a release is inside a rule's scope. */
export function inScope(model: Model, scope: RuleScope | undefined): boolean {
  if (!scope) return true;
  if (scope.modes && !scope.modes.includes(model.mode)) return false;
  if (scope.minReplicas !== undefined && model.replicas < scope.minReplicas) return false;
  return true;
}

const MODE_NAMES: Record<Mode, string> = {
  dev: 'dev',
  standalone: 'standalone',
  'ha-raft': 'HA (Raft)',
  'ha-other': 'HA (other storage)',
  external: 'external Vault',
  none: 'no server mode',
};

/** The scope in words, for the README table and the rule pages: "standalone, HA; 2+ server pods". */
export function describeScope(scope: RuleScope | undefined): string {
  const parts: string[] = [];
  if (scope?.modes) {
    const modes = new Set(scope.modes);
    const names: string[] = [];
    for (const mode of Object.keys(MODE_NAMES) as Mode[]) {
      if (!modes.has(mode)) continue;
      if (mode === 'ha-raft' && modes.has('ha-other')) names.push('HA');
      else if (mode !== 'ha-other' || !modes.has('ha-raft')) names.push(MODE_NAMES[mode]);
    }
    parts.push(names.join(', '));
  } else {
    parts.push('every mode');
  }
  if (scope?.minReplicas !== undefined) parts.push(`${scope.minReplicas}+ server pods`);
  return parts.join('; ');
}
