import type { ChartRelease } from '../chart/release.js';
import { helmEqualsTrue, helmTruthy } from '../chart/truth.js';
import type { ConfiguredRelease } from '../config/release.js';
import type { ConfigBlock } from '../config/vault-config.js';

// Derived facts, one small function each over the narrowest view it needs. Rules read them with
// `context.fact(name)`: the engine computes each once per release, and no rule recomputes
// chart truthiness, Vault booleans or the mode's defaults itself.

/** `server.ha.raft.enabled` as the HA templates compare it (`eq (toString …) "true"`): only `true` and "true". */
export function raftSwitchOn(release: ChartRelease): boolean {
  return helmEqualsTrue(release.valueOf('server.ha.raft.enabled'));
}

/** `server.ha.raft.setNodeId` as the StatefulSet compares it before it sets VAULT_RAFT_NODE_ID (`eq (toString …) "true"`). */
export function setNodeIdOn(release: ChartRelease): boolean {
  return helmEqualsTrue(release.valueOf('server.ha.raft.setNodeId'));
}

/**
 * Whether the chart renders the service-discovery Role: `server.serviceAccount.serviceDiscovery.enabled`
 * compared with "true"; always in HA on releases without the switch (chart profile `discoverySwitch`).
 */
export function serviceDiscoveryOn(release: ChartRelease): boolean {
  return !release.profile.discoverySwitch || helmEqualsTrue(release.valueOf('server.serviceAccount.serviceDiscovery.enabled'));
}

/**
 * Whether Prometheus is set to scrape the server: a ServiceMonitor, or `global.serverTelemetry.prometheusOperator`;
 * never on releases without the ServiceMonitor template (chart profile `serviceMonitor`).
 */
export function prometheusScrapes(release: ChartRelease): boolean {
  return (
    release.profile.serviceMonitor &&
    (helmTruthy(release.valueOf('serverTelemetry.serviceMonitor.enabled')) ||
      helmTruthy(release.valueOf('global.serverTelemetry.prometheusOperator')))
  );
}

/** Whether the chart mounts an Enterprise license from a Secret: `server.enterpriseLicense.secretName` truthy. */
export function licenseSecretNamed(release: ChartRelease): boolean {
  return helmTruthy(release.valueOf('server.enterpriseLicense.secretName'));
}

/** Whether the chart renders `server.resources` on the container: the default `{}`, null and "" render none. */
export function resourcesRendered(release: ChartRelease): boolean {
  return helmTruthy(release.valueOf('server.resources'));
}

/**
 * The storage the server pods keep on disk: the live config's storage type, or, when the config
 * names none, what the chart's mode implies (raft in HA with the raft config, else a file backend).
 */
export function dataStorageKind(release: ConfiguredRelease): string {
  return release.storageType ?? (release.mode === 'ha-raft' ? 'raft' : 'file');
}

/** The tcp listeners of the config rules lint that serve TLS: `tls_disable` absent, or false as Vault reads it. */
export function tlsListeners(release: ConfiguredRelease): ConfigBlock[] {
  return release.parsedConfig?.tcpListeners.filter((listener) => (listener.body.attr('tls_disable')?.truth ?? false) === false) ?? [];
}
