import type { ConfiguredRelease } from '../config/release.js';
import type { ConfigValue } from '../config/vault-config.js';
import { helmTruthy } from '../chart/truth.js';
import { hasExplicitMlockLine } from '../chart/text.js';
import type { Locatable, ValueNode } from '../values/tree.js';
import type { EnvVar } from './env.js';
import { normalizePath, pathCovers, type MountFact } from './mounts.js';

/**
 * The words the chart's start script replaces in the copied config with `sed`, each only when the
 * variable of that name is non-empty (`vault.args` in templates/_helpers.tpl, the same list at every
 * release from v0.20.0 to v0.34.1). The chart sets the first three itself (server-statefulset.yaml).
 */
export const SUBSTITUTED_WORDS = ['HOST_IP', 'POD_IP', 'HOSTNAME', 'API_ADDR', 'TRANSIT_ADDR', 'RAFT_ADDR'] as const;
const CHART_SET_WORDS = new Set(['HOST_IP', 'POD_IP', 'HOSTNAME']);

/** A shell or Kubernetes variable reference left in a string of the live Vault config. */
export interface UnexpandedVariable {
  /** The reference as written: `${POD_IP}`, `$(HOSTNAME)`, `${NAMESPACE:-vault}`. */
  ref: string;
  /** The variable's name. */
  name: string;
  /** `${}`: shell syntax; `$()`: Kubernetes' env syntax, expanded only in env, command and args. */
  form: 'shell' | 'kubernetes';
  /** The string attribute holding it. */
  value: ConfigValue;
  /** The exact span of the reference in the values file. */
  node: Locatable;
  /** The name is a word the chart's start script replaces (see `SUBSTITUTED_WORDS`). */
  substituted: boolean;
  /** For a substituted word the chart does not set itself: whether the values set that variable. */
  variableSet: boolean;
  /** The string with the reference written as the bare word (for substituted words). */
  bare: string;
}

/** The opening of a reference: `${NAME` (closed by `referenceEnd`) or a whole `$(NAME)`. */
const REFERENCE = /\$(?:\{([A-Za-z_]\w*)|\(([A-Za-z_]\w*)\))/g;
/** Shell operators that may follow the name inside `${…}`: `${NAME:-default}`, `${NAME#prefix}`… */
const SHELL_OPERATORS = ':?+=#%/^,@-';
const MAX_TAIL = 256;

/** Where a `${NAME…}` that starts at `start` (its name ending at `afterName`) ends, exclusive; -1 when it is no reference. */
function referenceEnd(text: string, afterName: number): number {
  const next = text[afterName];
  if (next === '}') return afterName + 1;
  if (next === undefined || !SHELL_OPERATORS.includes(next)) return -1;
  // A default longer than MAX_TAIL is no reference we report: the bound keeps each string's scan linear.
  const tail = text.slice(afterName, afterName + MAX_TAIL);
  const close = tail.indexOf('}');
  return close < 0 || tail.slice(0, close).includes('\n') ? -1 : afterName + close + 1;
}

/**
 * The string with each reference written as the bare word. A `$` right before the reference goes
 * too: in a Terraform template `$${POD_IP}` is the escape for a literal `${POD_IP}`, so the bare
 * word there is `POD_IP`, not `$POD_IP` (which the start script would turn into `$10.0.0.7`).
 */
function bareWord(text: string, ref: string, name: string): string {
  const parts = text.split(ref);
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    let end = part.length;
    while (end > 0 && part[end - 1] === '$') end--;
    parts[i] = part.slice(0, end);
  }
  return parts.join(name);
}

/**
 * `${VAR}` and `$(VAR)` in the strings of the config rules lint. Vault reads its config literally
 * (HCL v1 does not interpolate), Kubernetes expands `$(VAR)` only in a container's env, command
 * and args, and the chart only replaces bare words; so each reference reaches Vault as text (with
 * a substituted word inside it replaced: `${POD_IP}` becomes `${10.0.0.7}`). Values that Helm
 * actions produce are skipped. Positions are exact inside the string (its source text, escapes
 * included, is scanned).
 */
export function collectUnexpandedVariables(model: ConfiguredRelease & { readonly env: Map<string, EnvVar> }): UnexpandedVariable[] {
  const config = model.parsedConfig;
  if (!config) return [];
  const out: UnexpandedVariable[] = [];
  for (const value of config.strings()) {
    if (value.templated || typeof value.value !== 'string' || !value.value.includes('$')) continue;
    const span = value.node;
    // A YAML-map config (charts before 0.29.0) has no config text: the reference is placed on its whole value.
    const exact = config.format !== 'yaml-map';
    const source = exact ? config.rendering.text.slice(span.start, span.end) : value.value;
    for (const match of source.matchAll(REFERENCE)) {
      const name = (match[1] ?? match[2])!;
      const close = match[1] === undefined ? match.index + match[0].length : referenceEnd(source, match.index + match[0].length);
      if (close < 0) continue;
      const ref = source.slice(match.index, close);
      const start = span.start + match.index;
      const end = span.start + close;
      const substituted = (SUBSTITUTED_WORDS as readonly string[]).includes(name);
      out.push({
        ref,
        name,
        form: match[1] === undefined ? 'kubernetes' : 'shell',
        value,
        node: exact ? { place: () => config.placeOf({ start, end }, value.path) } : value,
        substituted,
        variableSet: CHART_SET_WORDS.has(name) || model.env.has(name),
        bare: bareWord(value.value, ref, name),
      });
    }
  }
  return out;
}

/** Where the Vault server's log level comes from, as `vault server` resolves it. */
export interface LogLevelSetting {
  /** The level, trimmed and lower-cased. */
  level: string;
  node: Locatable;
  /** What sets it, for messages and hints: `server.logLevel`, `server.extraEnvironmentVars.VAULT_LOG_LEVEL`, `log_level`. */
  key: string;
  source: 'flag' | 'env' | 'config';
}

const LOG_LEVEL_FLAG = /(?:^|\s)--?log-level(?:=|\s+)["']?([A-Za-z]+)/;

/**
 * The log level `vault server` starts with: the `-log-level` flag (in `server.extraArgs`), else
 * `VAULT_LOG_LEVEL` (the flag's environment variable: `server.extraEnvironmentVars` is rendered after
 * the chart's own VAULT_LOG_LEVEL from `server.logLevel`, so it wins; server-statefulset.yaml, v0.20.0
 * to v0.34.1), else `log_level` in the live config. Undefined when none is set, or when a secret
 * supplies the variable.
 */
export function effectiveLogLevel(model: ConfiguredRelease & { readonly env: Map<string, EnvVar> }): LogLevelSetting | undefined {
  const args = model.get('server.extraArgs');
  const flag = typeof args?.value === 'string' ? LOG_LEVEL_FLAG.exec(args.value) : null;
  if (args && flag) return { level: flag[1]!.toLowerCase(), node: args, key: 'server.extraArgs', source: 'flag' };
  const env = model.env.get('VAULT_LOG_LEVEL');
  if (env?.source === 'secret') return undefined;
  if (env && helmTruthy(env.value))
    return { level: String(env.value).trim().toLowerCase(), node: env.node, key: env.node.path.join('.'), source: 'env' };
  const chart = model.get('server.logLevel');
  if (chart && helmTruthy(chart.value))
    return { level: String(chart.value).trim().toLowerCase(), node: chart, key: 'server.logLevel', source: 'env' };
  const attr = model.parsedConfig?.root.attr('log_level');
  if (!attr || attr.templated || typeof attr.value !== 'string') return undefined;
  return { level: attr.value.trim().toLowerCase(), node: attr, key: 'log_level', source: 'config' };
}

/** A `plugin_directory` the Vault container can write to. */
export interface WritablePluginDirectory {
  attr: ConfigValue;
  path: string;
  /** What makes it writable: a user volumeMount, one of the chart's own volumes, or the container's scratch space. */
  kind: 'volumeMount' | 'data' | 'audit' | 'home' | 'scratch';
  /** The mount that covers it, or the scratch directory. */
  mountPath: string;
  /** The `server.volumeMounts` entry, for `volumeMount`. */
  mount?: ValueNode;
}

const SCRATCH = ['/tmp', '/var/tmp', '/dev/shm'];

/**
 * `plugin_directory` of the live config when the Vault process can write there: the most specific
 * mount covering it is a `server.volumeMounts` entry without `readOnly: true`, the data or audit
 * volume, or the chart's `home` emptyDir at /home/vault (server-statefulset.yaml and `vault.mounts`,
 * v0.20.0 to v0.34.1); or no mount covers it and it lies in /tmp, /var/tmp or /dev/shm. The chart
 * mounts every `server.extraVolumes` item read-only. Undefined otherwise, also for paths the image
 * decides about.
 */
export function writablePluginDirectory(model: ConfiguredRelease & { readonly mounts: MountFact[] }): WritablePluginDirectory | undefined {
  const attr = model.parsedConfig?.root.attr('plugin_directory');
  if (!attr || attr.templated || typeof attr.value !== 'string' || !attr.value.trim().startsWith('/')) return undefined;
  const path = normalizePath(attr.value.trim());
  const mounts: { path: string; kind: WritablePluginDirectory['kind'] | 'readOnly'; node?: ValueNode }[] = [
    ...model.mounts.map((mount) => ({
      path: mount.path,
      kind:
        mount.source === 'extraVolumes' || helmTruthy(mount.node.get('readOnly')?.value) ? ('readOnly' as const) : ('volumeMount' as const),
      node: mount.node,
    })),
    { path: '/home/vault', kind: 'home' },
  ];
  if (model.dataStorageRendered) mounts.push({ path: normalizePath(String(model.valueOf('server.dataStorage.mountPath'))), kind: 'data' });
  if (model.auditStorageRendered)
    mounts.push({ path: normalizePath(String(model.valueOf('server.auditStorage.mountPath'))), kind: 'audit' });
  const covering = mounts.filter((mount) => pathCovers(mount.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (covering) {
    if (covering.kind === 'readOnly') return undefined;
    const out: WritablePluginDirectory = { attr, path, kind: covering.kind, mountPath: covering.path };
    if (covering.node) out.mount = covering.node;
    return out;
  }
  const scratch = SCRATCH.find((dir) => pathCovers(dir, path));
  return scratch ? { attr, path, kind: 'scratch', mountPath: scratch } : undefined;
}

/**
 * The `disable_mlock` attribute of the live config when the value Vault ends up with is false: the
 * user's own line in an HCL config the chart leaves alone (from 0.32.0 it adds nothing after an
 * explicit `disable_mlock = true|false` line), or a JSON config's own key (kept from 0.29.0). The chart
 * adds `disable_mlock = true` everywhere else: `vault.config` in templates/_helpers.tpl (chart profile
 * `mlockLine`, `jsonConfig`). Before 0.29.0 the user's line repeats the chart's first line, which
 * `duplicateConfigKeys` reports; removing it is that fix.
 */
export function mlockEnabledBy(model: ConfiguredRelease): ConfigValue | undefined {
  const config = model.parsedConfig;
  if (!config || config !== model.config) return undefined;
  const attr = config.root.attrs('disable_mlock').at(-1);
  if (!attr || attr.templated || attr.truth !== false) return undefined;
  const text = config.source.value;
  if (config.format === 'json') return model.profile.jsonConfig ? attr : undefined;
  if (config.format !== 'hcl' || typeof text !== 'string') return undefined;
  const line = model.profile.mlockLine;
  return line === 'appendUnlessExplicit' && hasExplicitMlockLine(text) ? attr : undefined;
}

/** Whether `server.statefulSet.securityContext.container` adds the IPC_LOCK capability (a map; a tpl string is not read). */
export function ipcLockAdded(model: ConfiguredRelease): boolean {
  const add = model.valueOf('server.statefulSet.securityContext.container.capabilities.add');
  return Array.isArray(add) && add.some((cap) => typeof cap === 'string' && /^(CAP_)?IPC_LOCK$/i.test(cap));
}
