import type { ConfiguredRelease } from '../config/release.js';
import type { ValueNode } from '../values/tree.js';

/** One environment variable of the Vault container that the values file controls. */
export interface EnvVar {
  /** The name as the container sees it (the chart upper-cases extraEnvironmentVars keys and turns `.` into `_`). */
  name: string;
  /** `literal`: a plain value in the ConfigMap-free pod spec; `secret`: `valueFrom.secretKeyRef`. */
  source: 'literal' | 'secret';
  /** The value node (the map entry, or the list item for secrets). */
  node: ValueNode;
  /** The literal value, for `literal` variables. */
  value?: unknown;
  secretName?: string;
  secretKey?: string;
}

/** The env vars the values add to the Vault container, later entries winning on a shared name. */
export function collectEnv(model: ConfiguredRelease): Map<string, EnvVar> {
  const out = new Map<string, EnvVar>();
  const literal = model.get('server.extraEnvironmentVars');
  if (literal?.kind === 'map') {
    for (const [key, node] of literal.children) {
      const name = key.toUpperCase().replace(/\./g, '_');
      out.set(name, { name, source: 'literal', node, value: node.value });
    }
  }
  const secret = model.get('server.extraSecretEnvironmentVars');
  if (secret?.kind === 'seq') {
    for (const item of secret.items) {
      const envName = item.get('envName')?.value;
      if (typeof envName !== 'string' || envName === '') continue;
      const entry: EnvVar = { name: envName, source: 'secret', node: item };
      const secretName = item.get('secretName')?.value;
      const secretKey = item.get('secretKey')?.value;
      if (typeof secretName === 'string') entry.secretName = secretName;
      if (typeof secretKey === 'string') entry.secretKey = secretKey;
      out.set(envName, entry);
    }
  }
  return out;
}
