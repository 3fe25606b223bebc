import type { Model } from './model.js';
import type { ConfigBlock, ConfigObject, ConfigValue, VaultConfig } from './vault-config.js';
import type { Locatable, Place, ValueNode } from './values.js';

/** A credential written as a plain value in the user's input. Its value is never printed. */
export interface SecretFact extends Locatable {
  kind: 'env' | 'seal' | 'storage' | 'serviceRegistration' | 'retryJoin' | 'autoJoin' | 'privateKey' | 'devRootToken';
  /** The key that holds it: an env var name, a config parameter. */
  name: string;
  /** Where it is, for messages: `server.extraEnvironmentVars.AWS_SECRET_ACCESS_KEY`, `seal "awskms" secret_key`. */
  where: string;
  /** The secret text, kept only to scrub it from any output. */
  value: string;
}

/** Env var names that always hold a credential when given a literal value. */
const SECRET_ENV_NAMES = new Set([
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AZURE_CLIENT_SECRET',
  'GOOGLE_CREDENTIALS',
  'VAULT_TOKEN',
  'VAULT_LICENSE',
  'VAULT_TRANSIT_SEAL_TOKEN',
  'VAULT_SEAL_TRANSIT_TOKEN',
  'ALICLOUD_SECRET_KEY',
  'VAULT_HSM_PIN',
  'CONSUL_HTTP_TOKEN',
]);

/** Name parts that mark a credential (matched on `_`-separated words). */
const SECRET_WORDS = /(^|_)(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|PIN|CREDENTIALS)(_|$)/;
/** Names that carry a path or a reference to a secret, not the secret. */
const REFERENCE_SUFFIX = /(_FILE|_PATH|_DIR|_NAME|_ID|_TTL|_URL|_ADDR)$/;

/** Whether an environment variable with this name and literal value holds a credential. */
export function isSecretEnv(name: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const upper = name.toUpperCase().replace(/[.-]/g, '_');
  if (SECRET_ENV_NAMES.has(upper)) return !looksLikePath(value);
  if (REFERENCE_SUFFIX.test(upper) || looksLikePath(value)) return false;
  return SECRET_WORDS.test(upper);
}

function looksLikePath(value: string): boolean {
  return /^\/[^\s]*$/.test(value.trim());
}

/** Secret parameters of seal stanzas, by seal type (`*` for all). */
const SEAL_SECRETS: Record<string, readonly string[]> = {
  '*': ['secret_key', 'session_token', 'client_secret', 'token', 'pin', 'password', 'private_key'],
  gcpckms: ['credentials'],
};

/** Parameter names that hold credentials in storage and service-registration stanzas. */
const PARAMETER_SECRET = /(^|_)(token|secret|secret_key|password|pin)$/i;

export function isPrivateKey(value: string): boolean {
  return value.includes('-----BEGIN') && /PRIVATE KEY-----/.test(value);
}

/** Collect every credential in the user's values files and embedded configs. */
export function collectSecrets(model: Model): SecretFact[] {
  const out: SecretFact[] = [];
  const env = model.get('server.extraEnvironmentVars');
  if (env?.kind === 'map') {
    for (const [name, node] of env.children) {
      if (node.isUserSet && isSecretEnv(name, node.value)) out.push(fromValue('env', name, node));
    }
  }
  const root = model.get('server.dev.devRootToken');
  if (root?.isUserSet && typeof root.value === 'string' && root.value !== '') out.push(fromValue('devRootToken', 'devRootToken', root));
  walkStrings(model.values, (node) => {
    if (isPrivateKey(node.value as string) && !out.some((fact) => fact.where === node.path.join('.'))) out.push(fromValue('privateKey', String(node.key), node));
  });
  const configs = [model.config, ...model.ignoredConfigs].filter((config): config is VaultConfig => config?.isUserSet === true);
  for (const config of configs) collectConfigSecrets(config, out);
  return out;
}

function fromValue(kind: SecretFact['kind'], name: string, node: ValueNode): SecretFact {
  return { kind, name, where: node.path.join('.'), value: String(node.value), place: () => node.place() };
}

function walkStrings(node: ValueNode, visit: (node: ValueNode) => void): void {
  if (!node.isUserSet) return;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string') visit(node);
    return;
  }
  for (const child of node.children.values()) walkStrings(child, visit);
  for (const item of node.items) walkStrings(item, visit);
}

function collectConfigSecrets(config: VaultConfig, out: SecretFact[]): void {
  const root = config.root;
  for (const seal of [...root.blocks('seal'), ...root.blocks('hsm'), ...root.blocks('kms')]) {
    const names = [...SEAL_SECRETS['*']!, ...(SEAL_SECRETS[seal.label ?? ''] ?? [])];
    for (const attr of seal.body.allAttrs()) {
      const value = attr.value;
      if (typeof value !== 'string' || value === '') continue;
      const inlineCredentials = attr.name !== 'credentials' || value.trimStart().startsWith('{');
      if (names.includes(attr.name) && inlineCredentials) out.push(fromConfig('seal', seal, attr));
    }
  }
  for (const [name, kind] of [['storage', 'storage'], ['ha_storage', 'storage'], ['service_registration', 'serviceRegistration']] as const) {
    for (const block of root.blocks(name)) {
      for (const attr of block.body.allAttrs()) {
        if (PARAMETER_SECRET.test(attr.name) && typeof attr.value === 'string' && attr.value !== '') out.push(fromConfig(kind, block, attr));
      }
      for (const join of block.body.blocks('retry_join')) collectRetryJoinSecrets(join, out);
    }
  }
  walkConfigStrings(root, (attr) => {
    if (isPrivateKey(attr.value as string) && !out.some((fact) => fact.value === attr.value)) out.push(fromConfig('privateKey', undefined, attr));
  });
}

function collectRetryJoinSecrets(join: ConfigBlock, out: SecretFact[]): void {
  const autoJoin = join.body.attr('auto_join');
  if (typeof autoJoin?.value === 'string' && /(secret_access_key|client_secret|password)=/i.test(autoJoin.value)) {
    out.push(fromConfig('autoJoin', join, autoJoin));
  }
}

function walkConfigStrings(object: ConfigObject, visit: (attr: ConfigValue) => void): void {
  for (const attr of object.allAttrs()) if (typeof attr.value === 'string') visit(attr);
  const nested = new Set<string>();
  for (const item of object.node.items) {
    if (item.value.type === 'object' || item.value.type === 'list') nested.add(item.keys[0]?.name ?? '');
  }
  for (const name of nested) for (const block of object.blocks(name)) walkConfigStrings(block.body, visit);
}

function fromConfig(kind: SecretFact['kind'], block: ConfigBlock | undefined, attr: ConfigValue): SecretFact {
  const where = block ? `${block.name}${block.label ? ` "${block.label}"` : ''} ${attr.name}` : attr.name;
  return { kind, name: attr.name, where, value: String(attr.value), place: (): Place => attr.place() };
}
