import type { ConfiguredRelease } from '../config/release.js';
import type { EnvVar } from './env.js';
import { helmTruthy } from '../chart/truth.js';
import type { Locatable } from '../values/tree.js';
import { secretMountOf, type SecretMount } from './volumes.js';

/** One way a Vault Enterprise license reaches the server (Vault reads VAULT_LICENSE, then VAULT_LICENSE_PATH, then license_path). */
export interface LicenseSource extends Locatable {
  /**
   * `chartSecret`: `server.enterpriseLicense` (the chart mounts the secret and sets VAULT_LICENSE_PATH);
   * `env`: a VAULT_LICENSE or VAULT_LICENSE_PATH env var; `configPath`: `license_path` in the Vault config.
   */
  via: 'chartSecret' | 'env' | 'configPath';
  /** `server.enterpriseLicense`, the env var's name, or `license_path`. */
  name: string;
  /** True when the license itself comes out of a Kubernetes Secret (by secretKeyRef, or a file in a mounted secret volume). */
  fromSecret: boolean;
  /** True for the license text written as a literal value into the values file. */
  literalLicense: boolean;
  /** The file path, for path sources given as literals. */
  path?: string;
}

/** Where the release gives Vault Enterprise its license; empty when it gives none. */
export function collectLicenseSources(
  model: ConfiguredRelease & { readonly env: Map<string, EnvVar>; readonly secretMounts: SecretMount[] },
): LicenseSource[] {
  const out: LicenseSource[] = [];
  const license = model.get('server.enterpriseLicense');
  const secretName = license?.get('secretName');
  if (secretName && helmTruthy(secretName.value) && helmTruthy(license?.get('secretKey')?.value)) {
    out.push({
      via: 'chartSecret',
      name: 'server.enterpriseLicense',
      fromSecret: true,
      literalLicense: false,
      place: () => secretName.place(),
    });
  }
  const mounts = model.secretMounts;
  for (const name of ['VAULT_LICENSE', 'VAULT_LICENSE_PATH']) {
    const variable = model.env.get(name);
    if (!variable) continue;
    const base = { via: 'env' as const, name, place: () => variable.node.place() };
    if (variable.source === 'secret') out.push({ ...base, fromSecret: true, literalLicense: false });
    else if (name === 'VAULT_LICENSE') out.push({ ...base, fromSecret: false, literalLicense: helmTruthy(variable.value) });
    else if (typeof variable.value === 'string' && variable.value !== '')
      out.push({ ...base, fromSecret: secretMountOf(mounts, variable.value) !== undefined, literalLicense: false, path: variable.value });
  }
  const configPath = model.parsedConfig?.root.attr('license_path');
  const path = configPath?.value;
  if (configPath && !configPath.templated && typeof path === 'string' && path !== '') {
    out.push({
      via: 'configPath',
      name: 'license_path',
      fromSecret: secretMountOf(mounts, path) !== undefined,
      literalLicense: false,
      path,
      place: () => configPath.place(),
    });
  }
  return out;
}
