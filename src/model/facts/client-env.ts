import type { ConfiguredRelease } from '../config/release.js';
import { componentEnabled, helmToString, vaultBool, type VaultBool } from '../chart/truth.js';
import type { ValueNode } from '../values/tree.js';
import type { EnvVar } from './env.js';
import { normalizePath, pathCovers, USERCONFIG_ROOT, type MountFact } from './mounts.js';

/** Modes whose StatefulSet runs `vault server -config` (dev mode is out of scope; external and none run no server). */
const CONFIG_MODES = new Set(['standalone', 'ha-raft', 'ha-other']);

/**
 * A variable that the Vault API client library reads (`VAULT_SKIP_VERIFY`, `VAULT_ADDR`,
 * `VAULT_CACERT`…), set by the values in a container the chart renders.
 */
export interface ClientEnvVar {
  /**
   * `server`: the Vault container (server-statefulset.yaml: `server.extraEnvironmentVars`, then
   * `server.extraSecretEnvironmentVars`, after the chart's own VAULT_ADDR, so they win);
   * `injector`: the agent injector (injector-deployment.yaml: `injector.extraEnvironmentVars`).
   */
  container: 'server' | 'injector';
  name: string;
  source: 'literal' | 'secret';
  /** The map entry or the `extraSecretEnvironmentVars` item. */
  node: ValueNode;
  /** What the container gets for a literal: the chart writes `{{ $value | quote }}`, so `true` arrives as "true" and null as "". */
  text?: string;
}

/** The string a literal env value becomes: sprig `quote` of the Helm value (nothing for nil). */
function envText(value: unknown): string {
  return value === null || value === undefined ? '' : helmToString(value);
}

function fromServer(env: EnvVar): ClientEnvVar {
  const out: ClientEnvVar = { container: 'server', name: env.name, source: env.source, node: env.node };
  if (env.source === 'literal') out.text = envText(env.value);
  return out;
}

/**
 * Every env var the values add to the Vault container (in a mode that runs `vault server -config`)
 * and to the injector (when it is enabled, in any mode), by the name the container sees.
 * Chart templates: server-statefulset.yaml and injector-deployment.yaml (`vault.extraEnvironmentVars`
 * upper-cases keys and turns `.` into `_`), the same at v0.20.0 and v0.34.1.
 */
export function collectClientEnv(model: ConfiguredRelease & { readonly env: Map<string, EnvVar> }): ClientEnvVar[] {
  const out: ClientEnvVar[] = CONFIG_MODES.has(model.mode) ? [...model.env.values()].map(fromServer) : [];
  if (!componentEnabled(model.valueOf('injector.enabled'), model.valueOf('global.enabled'))) return out;
  const injector = model.get('injector.extraEnvironmentVars');
  if (injector?.kind === 'map') {
    for (const [key, node] of injector.children) {
      out.push({ container: 'injector', name: key.toUpperCase().replace(/\./g, '_'), source: 'literal', node, text: envText(node.value) });
    }
  }
  return out;
}

/** A `VAULT_SKIP_VERIFY` the values set, as the Vault client reads it. */
export interface SkipVerifyEnv {
  variable: ClientEnvVar;
  /**
   * The Vault client's `strconv.ParseBool` of the text (api/client.go `ReadEnvironment`): true,
   * false (also for ""), `invalid` (the client refuses to start: "could not parse VAULT_SKIP_VERIFY"),
   * or `unknown` for a value read from a Kubernetes Secret.
   */
  skip: VaultBool | 'unknown';
}

/**
 * Every `VAULT_SKIP_VERIFY` of the Vault container and the injector, except a literal a templated
 * values file prints (helmfile `{{ … }}`, Terraform `${…}`): its value is unknown, not invalid.
 */
export function skipVerifyEnv(model: { readonly clientEnv: ClientEnvVar[] }): SkipVerifyEnv[] {
  return model.clientEnv
    .filter((variable) => variable.name === 'VAULT_SKIP_VERIFY' && !(variable.source === 'literal' && variable.node.templated))
    .map((variable) => ({ variable, skip: variable.text === undefined ? 'unknown' : vaultBool(variable.text) }));
}

/** Whether a literal `VAULT_SKIP_VERIFY` of the Vault container turns verification off: the finding that says so carries the CA fix. */
export function serverSkipsVerify(model: { readonly skipVerifyEnv: SkipVerifyEnv[] }): boolean {
  return model.skipVerifyEnv.some(({ variable, skip }) => variable.container === 'server' && skip === true);
}

/**
 * A URL as messages may show it: credentials in its user-info part (`http://user:pass@host`) become
 * `***`, whatever the secret detector makes of the variable.
 */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

/** A literal `VAULT_ADDR` of the Vault container, which replaces the chart's `<scheme>://127.0.0.1:8200` (rendered after it). */
export function serverAddrOverride(model: { readonly clientEnv: ClientEnvVar[] }): ClientEnvVar | undefined {
  return model.clientEnv.find(
    (variable) => variable.container === 'server' && variable.name === 'VAULT_ADDR' && variable.text !== undefined,
  );
}

/** A `VAULT_ADDR` of the Vault container that replaces the chart's address with plain http. */
export function serverHttpAddr(model: { readonly clientEnv: ClientEnvVar[] }): ClientEnvVar | undefined {
  const addr = serverAddrOverride(model);
  return addr && /^http:\/\//i.test(addr.text!.trim()) ? addr : undefined;
}

/**
 * An `AGENT_INJECT_VAULT_ADDR` in `injector.extraEnvironmentVars` over plain http to this release's
 * own Services (`<fullname>`, `-active`, `-standby`, `-internal`): rendered after the chart's own
 * address (injector-deployment.yaml, v0.20.0 to v0.34.1), so every injected agent uses it.
 */
export function injectorHttpAddr(model: ConfiguredRelease & { readonly clientEnv: ClientEnvVar[] }): ClientEnvVar | undefined {
  const own = new Set(['', '-active', '-standby', '-internal'].map((suffix) => `${model.fullname}${suffix}`));
  return model.clientEnv.find((variable) => {
    if (variable.container !== 'injector' || variable.name !== 'AGENT_INJECT_VAULT_ADDR') return false;
    const match = /^http:\/\/([^/:.]+)/i.exec(variable.text?.trim() ?? '');
    return match !== null && own.has(match[1]!.toLowerCase());
  });
}

/** The official Vault images, whose file system under /vault/ holds no CA certificate. */
const OFFICIAL_IMAGE = /(^|\/)hashicorp\/vault(-enterprise)?$/;

/** A `VAULT_CACERT` or `VAULT_CAPATH` of the Vault container naming a path that does not exist in the pods. */
export interface MissingCaPath {
  variable: ClientEnvVar;
  path: string;
  /** What the path lies in: a directory the chart mounts for something else, or the image's own /vault/ tree. */
  where: 'chartMount' | 'image';
  /** The chart mount's path, for `chartMount`. */
  mountPath?: string;
}

/**
 * `VAULT_CACERT`/`VAULT_CAPATH` literals of the Vault container whose path is certainly absent: it
 * lies under /vault/ or /home/vault, no user mount (`server.extraVolumes`, `server.volumeMounts`)
 * covers it, and either a directory the chart mounts for its own use covers it (the config
 * ConfigMap at /vault/config, the data and audit volumes, the `home` emptyDir — server-statefulset.yaml
 * and `vault.mounts` in _helpers.tpl, v0.20.0 to v0.34.1) or the image is an official Vault image.
 * Paths under /vault/userconfig/ are `userconfigRefs`' concern; other paths may come with the image.
 */
export function missingCaPaths(
  model: ConfiguredRelease & { readonly clientEnv: ClientEnvVar[]; readonly mounts: MountFact[] },
): MissingCaPath[] {
  const chartMounts = ['/vault/config', '/home/vault'];
  if (model.dataStorageRendered) chartMounts.push(String(model.valueOf('server.dataStorage.mountPath') ?? '/vault/data'));
  if (model.auditStorageRendered) chartMounts.push(String(model.valueOf('server.auditStorage.mountPath') ?? '/vault/audit'));
  const official = OFFICIAL_IMAGE.test(String(model.valueOf('server.image.repository') ?? ''));
  const out: MissingCaPath[] = [];
  for (const variable of model.clientEnv) {
    if (variable.container !== 'server' || (variable.name !== 'VAULT_CACERT' && variable.name !== 'VAULT_CAPATH')) continue;
    const raw = variable.text?.trim() ?? '';
    if (!raw.startsWith('/') || raw.includes('{{')) continue;
    const path = normalizePath(raw);
    if (pathCovers(USERCONFIG_ROOT, path) || model.mounts.some((mount) => pathCovers(mount.path, path))) continue;
    const mountPath = chartMounts.find((mount) => pathCovers(mount, path));
    if (mountPath) out.push({ variable, path, where: 'chartMount', mountPath });
    else if (official && pathCovers('/vault', path)) out.push({ variable, path, where: 'image' });
  }
  return out;
}

/** The CA file hints name when the values name none: `ca.crt` of the guide's `tls-ca` secret. */
export const GUIDE_CA_FILE = `${USERCONFIG_ROOT}/tls-ca/ca.crt`;

/**
 * What a hint that names {@link GUIDE_CA_FILE} must add so that the file exists in the pods: nothing
 * when a mount already covers it, else the `server.extraVolumes` item that mounts the `tls-ca` secret
 * there (server-statefulset.yaml mounts each item at /vault/userconfig/<name>, v0.20.0 to v0.34.1).
 */
export function guideCaMount(model: { readonly mounts: MountFact[] }): string {
  return model.mounts.some((mount) => pathCovers(mount.path, GUIDE_CA_FILE))
    ? ''
    : ', with the CA secret mounted by a server.extraVolumes item "- type: secret, name: tls-ca"';
}
