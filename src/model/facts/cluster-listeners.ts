import type { ConfiguredRelease } from '../config/release.js';
import type { ConfigBlock, ConfigValue } from '../config/vault-config.js';
import { vaultBool } from '../chart/truth.js';

/** Vault's tcp listener address when the listener names none. */
export const DEFAULT_LISTENER_ADDRESS = '127.0.0.1:8200';

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/i;

/**
 * The cluster port one tcp listener opens (request forwarding, raft). Vault binds it at the
 * listener's `cluster_address`, or else at its `address` with the port one higher (Vault docs:
 * tcp listener, cluster_address; command/server.go), the default address being 127.0.0.1:8200.
 */
export interface ClusterListener {
  listener: ConfigBlock;
  /** `cluster_address` as written. */
  clusterAddress: ConfigValue | undefined;
  /** How the bind address comes about: written, derived from `address`, or derived from Vault's default address. */
  source: 'written' | 'derived' | 'default';
  /** The listener address it derives from (the default when none is written); undefined when written. */
  address: string | undefined;
  /** The bind address in effect; undefined when a Helm action or a value that is not a host:port decides it. */
  bind: string | undefined;
  /** True when `bind` is on a loopback host, which no other pod can reach. */
  loopback: boolean;
}

/**
 * The cluster listeners of the live config, one per tcp listener; none when the config
 * switches clustering off (`disable_clustering`), which leaves no cluster port at all.
 */
export function collectClusterListeners(model: ConfiguredRelease): ClusterListener[] {
  const config = model.parsedConfig;
  if (!config || vaultBool(config.root.attr('disable_clustering')?.value) === true) return [];
  return config.tcpListeners.map((listener) => {
    const written = listener.body.attr('cluster_address');
    if (written) {
      const bind = written.templated || typeof written.value !== 'string' ? undefined : written.value.trim();
      return { listener, clusterAddress: written, source: 'written', address: undefined, bind, loopback: isLoopback(bind) };
    }
    const attr = listener.body.attr('address');
    const address = attr ? (attr.templated || typeof attr.value !== 'string' ? undefined : attr.value.trim()) : DEFAULT_LISTENER_ADDRESS;
    const bind = address === undefined ? undefined : nextPort(address);
    return { listener, clusterAddress: undefined, source: attr ? 'derived' : 'default', address, bind, loopback: isLoopback(bind) };
  });
}

/** `host:port` with the port one higher, as Vault derives a cluster address; undefined without a numeric port. */
function nextPort(address: string): string | undefined {
  const colon = address.lastIndexOf(':');
  const port = address.slice(colon + 1);
  if (colon < 0 || !/^\d+$/.test(port)) return undefined;
  return `${address.slice(0, colon)}:${Number(port) + 1}`;
}

function isLoopback(bind: string | undefined): boolean {
  if (bind === undefined) return false;
  const colon = bind.lastIndexOf(':');
  return LOOPBACK_HOST.test(colon < 0 ? bind : bind.slice(0, colon));
}
