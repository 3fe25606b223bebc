import type { ChartRelease } from './release.js';
import { componentEnabled, helmToString } from './truth.js';
import type { ValueNode } from '../values/tree.js';

/**
 * Why a release runs no Vault server although something needs one (templates/server-statefulset.yaml,
 * injector-deployment.yaml, _helpers.tpl `vault.mode` at v0.28.0 and v0.34.1):
 * - `noMode`: the server is on, but neither `server.ha.enabled` is "true" nor `server.standalone.enabled`
 *   "true" or "-": the chart renders no StatefulSet, while its Services are still rendered, selecting no pods.
 * - `injectorWithoutServer`: the server is off and no external address is given, so the Agent Injector's
 *   default address (`<scheme>://<fullname>.<namespace>.svc:<port>`) names a Service this release does not render.
 * A CSI-only release is not one: a SecretProviderClass names its Vault address itself.
 */
export interface ServerAbsence {
  reason: 'noMode' | 'injectorWithoutServer';
  /** The switch that decides it, where the fix goes. */
  node: ValueNode;
  /** The Service the injector would call (`injectorWithoutServer`). */
  service: string;
  /** The key that gives the injector an external Vault on this release (`global.externalVaultAddr` from 0.21.0). */
  externalKey: string;
}

/** The release's missing Vault server, when it matters; undefined when a server runs or an external one is named. */
export function collectServerAbsence(model: ChartRelease): ServerAbsence | undefined {
  const service = `${model.fullname}.${model.namespace}.svc`;
  if (model.mode === 'none') {
    const node = model.get('server.standalone.enabled');
    return node ? { reason: 'noMode', node, service, externalKey: model.externalVaultAddrKey } : undefined;
  }
  if (model.serverEnabled || model.externalVaultAddr) return undefined;
  if (!componentEnabled(model.valueOf('injector.enabled'), model.valueOf('global.enabled'))) return undefined;
  // `server.enabled: "-"` follows global.enabled: the switch the user turned off is the one to name.
  const server = model.get('server.enabled');
  const node = server && helmToString(server.value) !== '-' ? server : model.get('global.enabled');
  return node ? { reason: 'injectorWithoutServer', node, service, externalKey: model.externalVaultAddrKey } : undefined;
}
