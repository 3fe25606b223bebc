import type { ConfiguredRelease } from './config/release.js';
import type { ConfigBlock, ConfigValue, VaultConfig } from './config/vault-config.js';
import { walkStrings, type Locatable, type PathSegment, type Place, type ValueNode } from './values/tree.js';

/** A credential written as a plain value in the user's input. Its value is never printed. */
export interface SecretFact extends Locatable {
  kind:
    | 'env'
    | 'injectorEnv'
    | 'containerEnv'
    | 'argument'
    | 'seal'
    | 'storage'
    | 'serviceRegistration'
    | 'telemetry'
    | 'cloud'
    | 'retryJoin'
    | 'autoJoin'
    | 'privateKey'
    | 'devRootToken'
    | 'detected';
  /** The key that holds it: an env var name, a config parameter. */
  name: string;
  /** Where it is, for messages: `server.extraEnvironmentVars.AWS_SECRET_ACCESS_KEY`, `seal "awskms" secret_key`. */
  where: string;
  /** The secret text, kept only to scrub it from any output. */
  value: string;
  /** The environment variable Vault reads instead of this config parameter, when there is one (`AWS_SECRET_ACCESS_KEY`). */
  envAlternative?: string;
  /** For `detected`: what was found, in words (`PEM private key`). */
  detector?: string;
}

/**
 * A credential found by its shape, wherever it is written: a PEM private key, a GCP service-account
 * key, a database URL with a password, a Vault token… under any key of the values (known or not,
 * annotations, container commands and scripts) or in any string of a user's Vault config.
 */
export interface DetectedSecret extends Locatable {
  /** What was found, in words: `PEM private key`, `database URL with a password`. */
  detector: string;
  /** The key whose value holds it. */
  name: string;
  /** The values path, or the config file and HCL path: `server.extraContainers.0.args.1`, `server.ha.config: seal.transit.token`. */
  where: string;
  /** The secret text itself (only to scrub it from every output). */
  value: string;
}

/** The detector name of a GCP service-account key file (`secret-scan.ts`). */
export const GCP_KEY = 'GCP service-account key';

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
  // The dev server's root token: an id by name, the token itself by value.
  'VAULT_DEV_ROOT_TOKEN_ID',
  'DEV_ROOT_TOKEN_ID',
]);

/**
 * Name parts that mark a credential: a word ending in SECRET, TOKEN, PASSWORD or PRIVATE_KEY
 * (`DB_PASSWORD`, `CLIENTSECRET`, `API_TOKENS`), or the words PIN and CREDENTIALS.
 */
const SECRET_WORDS = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_?KEY)S?(_|$)|(^|_)(PIN|CREDENTIALS)(_|$)/;
/** Names that carry a path or a reference to a secret, not the secret. */
const REFERENCE_SUFFIX = /(_FILE|_PATH|_DIR|_NAME|_ID|_TTL|_URL|_ADDR)$/;

/** Whether an environment variable with this name and literal value holds a credential. */
export function isSecretEnv(name: string, value: unknown): boolean {
  const upper = name.toUpperCase().replace(/[.-]/g, '_');
  // Helm hands an unquoted `VAULT_HSM_PIN: 123456` to the chart as a number; it is still the PIN.
  if (typeof value === 'number' && SECRET_ENV_NAMES.has(upper)) return String(value).length >= 4;
  if (typeof value !== 'string' || value.trim() === '' || isEnvReference(value)) return false;
  if (SECRET_ENV_NAMES.has(upper)) return !looksLikePath(value);
  if (REFERENCE_SUFFIX.test(upper) || looksLikePath(value) || BOOLEAN_WORD.test(value.trim())) return false;
  return SECRET_WORDS.test(upper);
}

/** Switches such as `VAULT_SKIP_TOKEN_CHECK: "true"` name a secret but hold none. */
const BOOLEAN_WORD = /^(true|false|yes|no|on|off|enabled|disabled)$/i;

/** A value that only points at another variable (`$(AWS_KEY)`), which Kubernetes expands. */
function isEnvReference(value: string): boolean {
  return /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value.trim());
}

function looksLikePath(value: string): boolean {
  return /^\/[^\s]*$/.test(value.trim());
}

/** Secret parameters of seal stanzas, by seal type (`*` for all). */
const SEAL_SECRETS: Record<string, readonly string[]> = {
  '*': ['access_key', 'secret_key', 'session_token', 'client_secret', 'token', 'pin', 'password', 'private_key'],
  gcpckms: ['credentials'],
};

/** The environment variable each seal reads in place of a secret parameter (FACTS §5.2). */
const SEAL_ENV: Record<string, Record<string, string>> = {
  awskms: { access_key: 'AWS_ACCESS_KEY_ID', secret_key: 'AWS_SECRET_ACCESS_KEY', session_token: 'AWS_SESSION_TOKEN' },
  alicloudkms: { access_key: 'ALICLOUD_ACCESS_KEY', secret_key: 'ALICLOUD_SECRET_KEY' },
  azurekeyvault: { client_secret: 'AZURE_CLIENT_SECRET' },
  gcpckms: { credentials: 'GOOGLE_APPLICATION_CREDENTIALS' },
  transit: { token: 'VAULT_TOKEN' },
  pkcs11: { pin: 'VAULT_HSM_PIN' },
};

/** Parameter names that hold credentials in storage and service-registration stanzas. */
const PARAMETER_SECRET = /(^|_)(token|secret|secret_key|password|pin)$|^(account_?key|accountKey)$/i;

/** Connection URLs that carry a password (`postgres://vault:s3cret@db:5432/vault`). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

/** Seal values Vault reads indirectly (`env://VAR`, `file:///path`): compliant, not secrets. */
function isIndirect(value: string): boolean {
  return /^(env|file):\/\//.test(value.trim());
}

export function isPrivateKey(value: string): boolean {
  return value.includes('-----BEGIN') && /PRIVATE KEY-----/.test(value);
}

/** The values keys that hold an embedded Vault config. */
const CONFIG_KEYS = new Set(['server.standalone.config', 'server.ha.config', 'server.ha.raft.config']);

/**
 * Collect every credential in the user's values files and embedded configs: those found by where
 * they are written (a credential's env var, a seal parameter), then those `detected` by their shape
 * (`secret-scan.ts`) that none of the first already covers. The `shadowed` values a later pair
 * replaced (a template's branches, a key written twice) are read as if each were the only one.
 */
export function collectSecrets(
  model: ConfiguredRelease,
  detected: readonly DetectedSecret[] = [],
  shadowed: readonly ValueNode[] = [],
): SecretFact[] {
  const out: SecretFact[] = [];
  for (const [path, kind] of [
    ['server.extraEnvironmentVars', 'env'],
    ['injector.extraEnvironmentVars', 'injectorEnv'],
  ] as const) {
    const env = model.get(path);
    if (env?.kind === 'map') for (const [name, node] of env.children) collectEnvEntry(kind, name, node, out);
    const segments = path.split('.');
    for (const node of shadowed) {
      const whole = within(node, segments);
      if (whole?.kind === 'map') for (const [name, entry] of whole.children) collectEnvEntry(kind, name, entry, out);
      else if (node.parent && samePath(node.parent.path, segments)) collectEnvEntry(kind, String(node.key), node, out);
    }
  }
  const devRootPath = ['server', 'dev', 'devRootToken'];
  for (const root of [model.get('server.dev.devRootToken'), ...shadowed.map((node) => within(node, devRootPath))])
    if (root?.isUserSet && typeof root.value === 'string' && root.value !== '') out.push(fromValue('devRootToken', 'devRootToken', root));
  collectContainerEnv(model.values, out);
  for (const node of shadowed) collectContainerEnv(node, out);
  const visit = (node: ValueNode): void => {
    const where = node.path.join('.');
    // A key inside an embedded config is found, more precisely, by the config walk below.
    if (CONFIG_KEYS.has(where)) return;
    const value = node.value as string;
    // Another fact at this very place (an env var) names it already; a replaced branch at the same path does not.
    const start = node.place().start;
    if (isPrivateKey(value) && !out.some((fact) => fact.where === where && fact.place().start === start))
      out.push(fromValue('privateKey', String(node.key), node));
    else if (value.includes('='))
      for (const flag of secretFlags(value)) out.push({ ...fromValue('argument', flag.name, node), value: flag.value });
  };
  for (const node of model.userStrings) visit(node);
  for (const node of shadowed) walkStrings(node, visit);
  const configs = [model.config, ...model.ignoredConfigs].filter((config): config is VaultConfig => config?.isUserSet === true);
  for (const config of configs) collectConfigSecrets(config, out);
  const taken = new SpanIndex(out);
  const replaced = new Set<SecretFact>();
  for (const secret of detected) {
    const place = secret.place();
    if (taken.overlaps(place)) {
      // A private key found inside a GCP service-account key file is better named as the key file.
      const overlapping = secret.detector === GCP_KEY ? taken.overlapping(place) : [];
      if (overlapping.length === 0 || overlapping.some((fact) => fact.kind !== 'privateKey')) continue;
      for (const fact of overlapping) replaced.add(fact);
    }
    out.push({
      kind: 'detected',
      name: secret.name,
      where: secret.where,
      value: secret.value,
      detector: secret.detector,
      place: () => place,
    });
  }
  return replaced.size === 0 ? out : out.filter((fact) => !replaced.has(fact));
}

function collectEnvEntry(kind: 'env' | 'injectorEnv', name: string, node: ValueNode, out: SecretFact[]): void {
  // A value a templated values file prints (`{{ requiredEnv "VAULT_TOKEN" }}`) is not written in the file.
  if (node.isUserSet && !node.printedByTemplate && isSecretEnv(name, node.value)) out.push(fromValue(kind, name, node));
}

/** The node at `path` inside `node`, when `node` lies on that path (it or an ancestor of the place). */
function within(node: ValueNode, path: readonly string[]): ValueNode | undefined {
  if (node.path.length > path.length || !samePath(node.path, path.slice(0, node.path.length))) return undefined;
  let found: ValueNode | undefined = node;
  for (const segment of path.slice(node.path.length)) found = found?.kind === 'map' ? found.children.get(segment) : undefined;
  return found;
}

function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/**
 * Literal env entries of raw container specs the chart copies as they are (`server.extraContainers`,
 * `server.extraInitContainers`, …): `env: [{name: VAULT_TOKEN, value: hvs.…}]` anywhere in the user's values.
 */
function collectContainerEnv(values: ValueNode, out: SecretFact[]): void {
  // A replaced branch may hold one entry's value alone (`value:` written in each branch of an env item).
  const item = values.parent;
  if (values.key === 'value' && item?.parent?.kind === 'seq' && item.parent.key === 'env') {
    const name = item.get('name')?.value;
    if (typeof name === 'string' && values.isUserSet && !values.printedByTemplate && isSecretEnv(name, values.value))
      out.push(fromValue('containerEnv', name, values));
  }
  const stack = [values];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node.isUserSet || node.kind === 'scalar') continue;
    if (node.kind === 'seq' && node.key === 'env') {
      for (const item of node.items) {
        const name = item.get('name')?.value;
        const value = item.get('value');
        if (typeof name === 'string' && value?.isUserSet && !value.printedByTemplate && isSecretEnv(name, value.value))
          out.push(fromValue('containerEnv', name, value));
      }
      continue;
    }
    for (const child of node.children.values()) stack.push(child);
    for (const item of node.items) stack.push(item);
  }
}

/** `-dev-root-token-id=…`, `--client-secret=…` inside an argument string (`server.extraArgs`, `csi.agent.extraArgs`). */
const FLAG = /(?:^|\s)--?([A-Za-z][\w.-]{0,100})=(\S+)/g;

function secretFlags(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [, name = '', value = ''] of text.matchAll(FLAG)) {
    const bare = value.replace(/^["']|["']$/g, '');
    if (isSecretEnv(name.replace(/-/g, '_'), bare)) out.push({ name, value: bare });
  }
  return out;
}

function fromValue(kind: SecretFact['kind'], name: string, node: ValueNode): SecretFact {
  return { kind, name, where: node.path.join('.'), value: String(node.value), place: () => node.place() };
}

/** The places of some facts, per layer in order of start, asked whether a span overlaps any in O(log n). */
class SpanIndex {
  private readonly byLayer = new Map<Place['layer'], { fact: SecretFact; start: number; end: number; maxEnd: number }[]>();

  constructor(facts: readonly SecretFact[]) {
    for (const fact of facts) {
      const { layer, start, end } = fact.place();
      let list = this.byLayer.get(layer);
      if (!list) this.byLayer.set(layer, (list = []));
      list.push({ fact, start, end, maxEnd: end });
    }
    for (const list of this.byLayer.values()) {
      list.sort((a, b) => a.start - b.start);
      list.forEach((entry, i) => (entry.maxEnd = Math.max(entry.end, i > 0 ? list[i - 1]!.maxEnd : 0)));
    }
  }

  /** Whether any indexed place in the span's layer overlaps it. */
  overlaps(span: Place): boolean {
    const list = this.byLayer.get(span.layer) ?? [];
    // Among the entries that start before the span ends, the one reaching furthest decides.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.start < span.end) low = mid + 1;
      else high = mid;
    }
    return low > 0 && list[low - 1]!.maxEnd > span.start;
  }

  /** The facts whose places overlap the span (a linear look, for the rare case that needs them). */
  overlapping(span: Place): SecretFact[] {
    return (this.byLayer.get(span.layer) ?? [])
      .filter((entry) => entry.start < span.end && span.start < entry.end)
      .map((entry) => entry.fact);
  }
}

/** A literal string a Helm action does not produce: the only config values that can be inline secrets. */
function literal(attr: ConfigValue): string | undefined {
  const value = attr.value;
  if (typeof value !== 'string' || value.trim() === '' || attr.templated || isIndirect(value)) return undefined;
  return value;
}

function collectConfigSecrets(config: VaultConfig, out: SecretFact[]): void {
  const root = config.root;
  for (const seal of [...root.blocks('seal'), ...root.blocks('hsm'), ...root.blocks('kms')]) {
    const type = seal.label ?? '';
    const names = [...SEAL_SECRETS['*']!, ...(SEAL_SECRETS[type] ?? [])];
    for (const attr of seal.body.allAttrs()) {
      const value = literal(attr);
      if (value === undefined || !names.includes(attr.name)) continue;
      // gcpckms `credentials` is normally a path to a mounted key file; only inline JSON is the key itself.
      if (attr.name === 'credentials' && !value.trimStart().startsWith('{')) continue;
      out.push(fromConfig('seal', seal, attr, SEAL_ENV[type]?.[attr.name]));
    }
  }
  for (const [name, kind] of [
    ['storage', 'storage'],
    ['backend', 'storage'],
    ['ha_storage', 'storage'],
    ['ha_backend', 'storage'],
    ['service_registration', 'serviceRegistration'],
  ] as const) {
    for (const block of root.blocks(name)) {
      for (const attr of block.body.allAttrs()) {
        const value = literal(attr);
        if (value === undefined) continue;
        const env = block.label === 'consul' && attr.name === 'token' ? 'CONSUL_HTTP_TOKEN' : undefined;
        if (PARAMETER_SECRET.test(attr.name) || (/connection_url$/.test(attr.name) && URL_WITH_PASSWORD.test(value)))
          out.push(fromConfig(kind, block, attr, env));
      }
      for (const join of block.body.blocks('retry_join')) collectRetryJoinSecrets(join, out);
    }
  }
  for (const telemetry of root.blocks('telemetry')) {
    const token = telemetry.body.attr('circonus_api_token');
    if (token && literal(token) !== undefined) out.push(fromConfig('telemetry', telemetry, token));
  }
  for (const cloud of root.blocks('cloud')) {
    const secret = cloud.body.attr('client_secret');
    if (secret && literal(secret) !== undefined) out.push(fromConfig('cloud', cloud, secret, 'HCP_CLIENT_SECRET'));
  }
  for (const attr of config.strings()) {
    if (isPrivateKey(attr.value as string) && !out.some((fact) => fact.value === attr.value))
      out.push(fromConfig('privateKey', undefined, attr));
  }
}

function collectRetryJoinSecrets(join: ConfigBlock, out: SecretFact[]): void {
  const autoJoin = join.body.attr('auto_join');
  if (
    autoJoin &&
    !autoJoin.templated &&
    typeof autoJoin.value === 'string' &&
    /(secret_access_key|client_secret|password)=/i.test(autoJoin.value)
  ) {
    out.push(fromConfig('autoJoin', join, autoJoin));
  }
}

function fromConfig(kind: SecretFact['kind'], block: ConfigBlock | undefined, attr: ConfigValue, envAlternative?: string): SecretFact {
  // Without a block (a private key found anywhere), the HCL path names it: `storage.raft.retry_join.leader_client_key`.
  const where = block
    ? `${block.name}${block.label ? ` "${block.label}"` : ''} ${attr.name}`
    : attr.path.filter((segment) => typeof segment === 'string').join('.');
  const fact: SecretFact = { kind, name: attr.name, where, value: String(attr.value), place: (): Place => attr.place() };
  if (envAlternative !== undefined) fact.envAlternative = envAlternative;
  return fact;
}

/** `key: value` or `key = value` on one line of YAML or HCL. */
// The rest of the line is `[^]*` with no `$` after it: nothing can fail after the blanks, so no backtracking.
const LINE_ASSIGNMENT = /^(\s*(?:-\s+)?["']?)([A-Za-z_][\w.-]*)(["']?\s*[:=]\s*)([^]*)/;

/** A span of text that looks like a credential, and the secret text inside it (quotes and comments left out). */
export interface GuessedSecret {
  start: number;
  end: number;
  value: string;
}

/** Whether `name: value` (or a block scalar opened after `name:` when `value` is `|`) looks like a credential. */
function looksSecret(name: string, value: string): boolean {
  const bare = value.replace(/^["']|["'],?$/g, '');
  if (/^[|>][-+0-9]*$/.test(value)) return isSecretEnv(name, 'x') || PARAMETER_SECRET.test(name);
  return isSecretEnv(name, bare) || (PARAMETER_SECRET.test(name) && bare.trim() !== '' && !isIndirect(bare) && !looksLikePath(bare));
}

/**
 * Credentials in text that could not be parsed, found line by line: the rest of the line after a
 * key that names a credential (and the lines of a block scalar it opens), and every line of a PEM
 * private key block. Used for input the model cannot read (a broken values file, a broken
 * embedded config), where it has no secrets to point at.
 */
export function guessSecrets(source: string): GuessedSecret[] {
  const out: GuessedSecret[] = [];
  let inKey = false;
  let blockIndent = -1;
  let offset = 0;
  const whole = (line: string, at: number): void => {
    const value = line.trim();
    const indent = line.length - line.trimStart().length;
    if (value !== '') out.push({ start: at + indent, end: at + indent + value.length, value });
  };
  for (const line of source.split('\n')) {
    const at = offset;
    offset += line.length + 1;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) {
      whole(line, at);
      continue;
    }
    blockIndent = -1;
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(line)) inKey = true;
    if (inKey) {
      if (/-----END [A-Z ]*PRIVATE KEY-----/.test(line)) inKey = false;
      whole(line, at);
      continue;
    }
    const match = LINE_ASSIGNMENT.exec(line);
    if (!match) continue;
    const [, lead = '', name = '', sep = '', rest = ''] = match;
    const comment = rest.search(/\s#/);
    const value = (comment < 0 ? rest : rest.slice(0, comment)).trim();
    if (!looksSecret(name, value)) continue;
    if (/^[|>][-+0-9]*$/.test(value)) {
      blockIndent = indent;
      continue;
    }
    const start = at + lead.length + name.length + sep.length;
    out.push({ start, end: start + rest.trimEnd().length, value: value.replace(/^["']|["'],?$/g, '') });
  }
  return out;
}

/**
 * Credentials in a `--set` argument that Helm's grammar refused: each comma-separated `name=value`
 * whose name names a credential (`server.extraEnvironmentVars.VAULT_TOKEN=…`), the value up to the
 * next comma. Escapes are not undone: the text is what a label or message would echo.
 */
export function guessSetSecrets(argument: string): GuessedSecret[] {
  const out: GuessedSecret[] = [];
  let at = 0;
  for (const piece of argument.split(',')) {
    const equals = piece.indexOf('=');
    if (equals > 0) {
      const name = piece.slice(0, equals).trim().split('.').at(-1) ?? '';
      const value = piece.slice(equals + 1);
      const bracket = name.indexOf('[');
      if (looksSecret(bracket < 0 ? name : name.slice(0, bracket), value.trim()))
        out.push({ start: at + equals + 1, end: at + piece.length, value });
    }
    at += piece.length + 1;
  }
  return out;
}
