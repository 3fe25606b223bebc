/**
 * What differs between releases of the hashicorp/vault chart, in one place: the behaviour of
 * v0.20.0 and a table of the changes since, each with the release that introduced it and the
 * template it comes from (docs/chart-versions.md lists them with the changes no finding depends on).
 * The model and the rules read a release's facts from `chartProfile(version)`; nothing else
 * compares chart versions.
 */
export interface ChartProfile {
  /**
   * How `vault.config` picks the config: `byMode` reads standalone.config in standalone mode
   * whatever `server.ha.raft.enabled` says, and in HA mode ha.raft.config when the switch is "true",
   * ha.config when it is "false", nothing otherwise; `raftFirst` reads ha.raft.config whenever the
   * switch is truthy, in either mode, else the mode's own config.
   */
  configSelection: 'byMode' | 'raftFirst';
  /** Whether a YAML map config renders (`toPrettyJson`) or fails ("structured server config is not supported"). */
  mapConfigRenders: boolean;
  /** Whether a JSON config string stays JSON; before, the chart puts an HCL line in front of it, which Vault cannot parse. */
  jsonConfig: boolean;
  /**
   * Where the chart writes its `disable_mlock = true` line in a string config: in front of it
   * (`prepend`, a duplicate when the config sets it too), after it (`append`), or after it unless
   * a line sets `disable_mlock = true|false` (`appendUnlessExplicit`).
   */
  mlockLine: 'prepend' | 'append' | 'appendUnlessExplicit';
  /**
   * How often Helm's `tpl` runs over a config string: once (`once`), never (`none`: Helm actions reach
   * Vault as written), or once for HCL and twice for JSON, the second time over the re-encoded JSON (`jsonTwice`).
   */
  configTpl: 'once' | 'none' | 'jsonTwice';
  /** Whether `global.externalVaultAddr` makes the release external and addresses the injector; before, only `injector.externalVaultAddr` did. */
  globalExternalVaultAddr: boolean;
  /** Whether the chart renders a ServiceMonitor (`serverTelemetry.serviceMonitor`, `global.serverTelemetry.prometheusOperator`). */
  serviceMonitor: boolean;
  /** Whether `server.service.active.enabled` / `standby.enabled` switch those Services; before, HA always renders both. */
  roleServiceSwitches: boolean;
  /** Whether `server.serviceAccount.serviceDiscovery.enabled` switches the discovery Role; before, HA always renders it. */
  discoverySwitch: boolean;
  /** Whether the CSI provider runs a Vault Agent sidecar (`csi.agent.*`). */
  csiAgent: boolean;
  /** Whether `global.namespace` (the `vault.namespace` helper) moves the release's objects; before, everything lands in the release namespace. */
  globalNamespace: boolean;
  /**
   * What `server.service.<role>.annotations` do on the active and standby Services: nothing (`none`),
   * lose a key shared with `server.service.annotations` (`generalWins`), or win it (`roleWins`).
   */
  roleAnnotations: 'none' | 'generalWins' | 'roleWins';
  /**
   * How `vault.replicas` reads `server.ha.replicas`: `defaultThree` (`| default 3`: 0 and empty give 3),
   * `int64Only` (only a `--set` integer counts, a values-file number gives 3), `number` (any number).
   */
  haReplicas: 'defaultThree' | 'int64Only' | 'number';
  /** Whether `server.livenessProbe.execCommand` makes the liveness probe an exec probe; before, it is always an httpGet. */
  livenessExec: boolean;
  /** Whether raft redundancy zones change the PDB (1 eviction) and substitute `VAULT_REDUNDANCY_ZONE` into the config. */
  redundancyZones: boolean;
  /** Whether the chart renders a Gateway API HTTPRoute (`server.httproute`). */
  httpRoute: boolean;
  /**
   * Which value the active and standby NodePort Services take as their `nodePort`: their own
   * (`server.service.activeNodePort` / `standbyNodePort`), or the main Service's `server.service.nodePort`.
   */
  roleNodePorts: boolean;
  /** Whether `server.hostNetwork` is written on the server pods (outside OpenShift); before, the key is ignored. */
  serverHostNetwork: boolean;
}

/** One behaviour change: the release that introduced it, the template it is in, and the facts it sets. */
export interface ProfileChange {
  since: string;
  template: string;
  set: Partial<ChartProfile>;
}

/** The oldest supported release, v0.20.0 (templates/_helpers.tpl, server-config-configmap.yaml and the rest at that tag). */
const BASELINE: ChartProfile = {
  configSelection: 'byMode',
  mapConfigRenders: true,
  jsonConfig: false,
  mlockLine: 'prepend',
  configTpl: 'once',
  globalExternalVaultAddr: false,
  serviceMonitor: false,
  roleServiceSwitches: false,
  discoverySwitch: false,
  csiAgent: false,
  globalNamespace: false,
  roleAnnotations: 'none',
  haReplicas: 'defaultThree',
  livenessExec: false,
  redundancyZones: false,
  httpRoute: false,
  roleNodePorts: false,
  serverHostNetwork: false,
};

/** The changes since v0.20.0, oldest first. */
export const PROFILE_CHANGES: readonly ProfileChange[] = [
  { since: '0.21.0', template: '_helpers.tpl vault.mode, injector-deployment.yaml', set: { globalExternalVaultAddr: true } },
  { since: '0.21.0', template: 'server-ha-active-service.yaml, server-ha-standby-service.yaml', set: { roleNodePorts: true } },
  { since: '0.22.0', template: 'prometheus-servicemonitor.yaml', set: { serviceMonitor: true } },
  { since: '0.22.1', template: 'server-statefulset.yaml', set: { serverHostNetwork: true } },
  { since: '0.23.0', template: 'server-ha-active-service.yaml, server-ha-standby-service.yaml', set: { roleServiceSwitches: true } },
  { since: '0.23.0', template: 'server-discovery-role.yaml, server-discovery-rolebinding.yaml', set: { discoverySwitch: true } },
  { since: '0.24.0', template: 'csi-daemonset.yaml, csi-agent-configmap.yaml', set: { csiAgent: true } },
  { since: '0.26.0', template: '_helpers.tpl vault.namespace', set: { globalNamespace: true } },
  { since: '0.26.0', template: 'server-ha-active-service.yaml, server-ha-standby-service.yaml', set: { roleAnnotations: 'generalWins' } },
  { since: '0.26.0', template: '_helpers.tpl vault.replicas', set: { haReplicas: 'int64Only' } },
  { since: '0.26.1', template: '_helpers.tpl vault.replicas', set: { haReplicas: 'number' } },
  { since: '0.27.0', template: 'server-statefulset.yaml', set: { livenessExec: true } },
  {
    since: '0.29.0',
    template: '_helpers.tpl vault.config',
    set: { configSelection: 'raftFirst', mapConfigRenders: false, jsonConfig: true, mlockLine: 'append', configTpl: 'none' },
  },
  { since: '0.29.1', template: '_helpers.tpl vault.config', set: { configTpl: 'jsonTwice' } },
  { since: '0.30.1', template: 'server-ha-active-service.yaml, server-ha-standby-service.yaml', set: { roleAnnotations: 'roleWins' } },
  { since: '0.32.0', template: '_helpers.tpl vault.config', set: { mlockLine: 'appendUnlessExplicit' } },
  { since: '0.33.0', template: '_helpers.tpl vault.pdb.maxUnavailable, vault.args', set: { redundancyZones: true } },
  { since: '0.34.0', template: 'server-httproute.yaml', set: { httpRoute: true } },
];

/** Order two release numbers ("0.9.0" < "0.28.0"): negative, zero or positive. */
function compareReleases(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const resolved = new Map<string, ChartProfile>();

/** The facts of a release: v0.20.0's, with every change up to and including that release applied. */
export function chartProfile(version: string): ChartProfile {
  let profile = resolved.get(version);
  if (!profile) {
    profile = { ...BASELINE };
    for (const change of PROFILE_CHANGES) if (compareReleases(change.since, version) <= 0) Object.assign(profile, change.set);
    resolved.set(version, Object.freeze(profile));
  }
  return profile;
}

/** The first release in which a fact takes a value (for messages such as "needs chart 0.29.0 or later"), if any. */
export function releaseIntroducing<K extends keyof ChartProfile>(fact: K, value: ChartProfile[K]): string | undefined {
  return PROFILE_CHANGES.find((change) => change.set[fact] === value)?.since;
}
