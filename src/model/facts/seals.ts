import type { ConfiguredRelease } from '../config/release.js';
import type { EnvVar } from './env.js';
import { vaultBool } from '../chart/truth.js';
import type { ConfigBlock } from '../config/vault-config.js';

/** How the release's Vault unseals, read as Vault's server command decides it. */
export interface SealFact {
  /** The `seal` (and legacy `hsm`) stanzas of the live config, in order. */
  blocks: ConfigBlock[];
  /** Those not marked `disabled = true` (a disabled seal only decrypts during a migration). */
  enabled: ConfigBlock[];
  /** `VAULT_SEAL_TYPE` in the Vault container's environment, when the values set it. */
  env?: EnvVar;
  /**
   * The seal type Vault unseals with: the env type overrides every enabled stanza's type, and with
   * no enabled stanza Vault adds a Shamir seal (which the env type then overrides too). Undefined
   * when the env var comes from a Secret, whose value the linter cannot read.
   */
  type: string | undefined;
  /** Where `type` comes from: a config stanza, `VAULT_SEAL_TYPE`, or Vault's Shamir default. */
  source: 'config' | 'env' | 'default';
  /** `enable_multiseal = true` at the top level (Vault Enterprise Seal HA). */
  multiseal: boolean;
}

/** The seal facts of the live config and environment; undefined when no config is live (dev, external, unparsable). */
export function collectSeal(model: ConfiguredRelease & { readonly env: Map<string, EnvVar> }): SealFact | undefined {
  const config = model.parsedConfig;
  if (!config) return undefined;
  const blocks = [...config.root.blocks('seal'), ...config.root.blocks('hsm')];
  const enabled = blocks.filter((block) => vaultBool(block.body.attr('disabled')?.value) !== true);
  const multiseal = vaultBool(config.root.attr('enable_multiseal')?.value) === true;
  const env = model.env.get('VAULT_SEAL_TYPE');
  // Vault reads the variable only when it is non-empty.
  if (env && !(env.source === 'literal' && (env.value === '' || env.value === null || env.value === undefined))) {
    const type = env.source === 'literal' ? String(env.value) : undefined;
    return { blocks, enabled, env, type, source: 'env', multiseal };
  }
  if (enabled.length > 0) return { blocks, enabled, type: enabled[0]!.label, source: 'config', multiseal };
  return { blocks, enabled, type: 'shamir', source: 'default', multiseal };
}
