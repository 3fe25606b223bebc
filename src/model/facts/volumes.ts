import type { ConfiguredRelease } from '../config/release.js';
import { pathCovers, type MountFact } from './mounts.js';
import { helmTruthy } from '../chart/truth.js';
import type { ValueNode } from '../values/tree.js';

/** A Kubernetes Secret mounted into the Vault container as a directory. */
export interface SecretMount {
  /** The mount path, normalised. */
  dir: string;
  secretName: string;
  /** The values entry that mounts it. */
  node: ValueNode;
}

/**
 * The container mounts (`model.mounts`) whose volume is a Secret: `server.extraVolumes` items of type
 * secret, `server.volumeMounts` of a `server.volumes` secret volume, plus the license secret the chart
 * mounts at `/vault/license` when `server.enterpriseLicense` names one and a key.
 */
export function collectSecretMounts(model: ConfiguredRelease & { readonly mounts: MountFact[] }): SecretMount[] {
  const volumes = model.get('server.volumes');
  const secretVolumes = new Map<string, string>();
  for (const volume of volumes?.kind === 'seq' ? volumes.items : []) {
    const name = volume.get('name')?.value;
    const secretName = volume.get(['secret', 'secretName'])?.value;
    if (typeof name === 'string' && typeof secretName === 'string') secretVolumes.set(name, secretName);
  }
  const out: SecretMount[] = [];
  for (const mount of model.mounts) {
    const secretName = secretOf(mount, secretVolumes);
    if (secretName !== undefined && !helmTruthy(mount.node.get('subPath')?.value))
      out.push({ dir: mount.path, secretName, node: mount.node });
  }
  const license = model.get('server.enterpriseLicense');
  const secretName = license?.get('secretName');
  if (secretName && typeof secretName.value === 'string' && helmTruthy(secretName.value) && helmTruthy(license?.get('secretKey')?.value)) {
    out.push({ dir: '/vault/license', secretName: secretName.value, node: secretName });
  }
  return out;
}

function secretOf(mount: MountFact, secretVolumes: Map<string, string>): string | undefined {
  if (mount.source === 'extraVolumes')
    return mount.node.get('type')?.value === 'secret' ? String(mount.node.get('name')?.value) : undefined;
  return secretVolumes.get(mount.volume);
}

/** The secret mount a file path lies in, if any. */
export function secretMountOf(mounts: readonly SecretMount[], path: string): SecretMount | undefined {
  return mounts.find((mount) => pathCovers(mount.dir, path) && mount.dir !== path);
}
