import type { ConfiguredRelease } from '../config/release.js';
import type { EnvVar } from './env.js';
import type { Locatable, ValueNode } from '../values/tree.js';

/** Where the chart mounts each `server.extraVolumes` item unless the item sets its own `path`. */
export const USERCONFIG_ROOT = '/vault/userconfig';

/** Volumes the chart itself declares in the server pod, which a `server.volumeMounts` entry may name. */
const CHART_VOLUMES = new Set(['data', 'audit', 'config', 'home', 'vault-license']);

/** A volume mount of the Vault container that the values control. */
export interface MountFact {
  /** The mount path in the Vault container, normalised (no trailing or doubled slashes). */
  path: string;
  /** The pod volume it mounts: `userconfig-<name>` for extraVolumes, the entry's `name` for volumeMounts. */
  volume: string;
  source: 'extraVolumes' | 'volumeMounts';
  /** The `server.extraVolumes` item or `server.volumeMounts` entry. */
  node: ValueNode;
  /**
   * Whether the pod has the volume: always for extraVolumes (the chart declares it next to the
   * mount); for volumeMounts, when `server.volumes`, an extraVolumes item or the chart declares it.
   */
  declared: boolean;
}

/** A file path under /vault/userconfig/ that the live Vault config or the container env names. */
export interface UserconfigRef {
  /** The path as written. */
  path: string;
  /** `<name>` in `/vault/userconfig/<name>/…`: the extraVolumes item the chart's convention expects. */
  name: string;
  /** The value that holds the path: a config attribute or an env var's value. */
  node: Locatable;
  /** What holds it, for messages: `listener.tcp.tls_cert_file` or `server.extraEnvironmentVars.VAULT_CACERT`. */
  where: string;
  /** `config`: Vault itself reads the file at start; `env`: whatever reads the variable (the CLI, a seal library) does. */
  source: 'config' | 'env';
  /** The most specific mount that covers the path; undefined when nothing mounts it. */
  mount?: MountFact;
}

/** Collapse doubled slashes and drop a trailing one, as the kubelet cleans mount paths. */
export function normalizePath(path: string): string {
  const clean = path.replace(/\/{2,}/g, '/');
  return clean.length > 1 ? clean.replace(/\/$/, '') : clean;
}

/** Whether a mount at `mountPath` makes `path` visible: the path is the mount point or lies below it. */
export function pathCovers(mountPath: string, path: string): boolean {
  const mount = normalizePath(mountPath);
  const target = normalizePath(path);
  return target === mount || target.startsWith(mount === '/' ? '/' : `${mount}/`);
}

/** The Vault container's mounts from `server.extraVolumes` and `server.volumeMounts`. */
export function collectMounts(model: ConfiguredRelease): MountFact[] {
  const out: MountFact[] = [];
  const extra = model.get('server.extraVolumes');
  const extraNames = new Set<string>();
  for (const item of extra?.kind === 'seq' ? extra.items : []) {
    const name = item.get('name')?.value;
    if (typeof name !== 'string' || name === '') continue;
    const base = item.get('path')?.value;
    const root = typeof base === 'string' && base !== '' ? base : USERCONFIG_ROOT;
    extraNames.add(`userconfig-${name}`);
    out.push({ path: normalizePath(`${root}/${name}`), volume: `userconfig-${name}`, source: 'extraVolumes', node: item, declared: true });
  }
  const volumes = model.get('server.volumes');
  const declared = new Set<string>([...CHART_VOLUMES, ...extraNames]);
  for (const item of volumes?.kind === 'seq' ? volumes.items : []) {
    const name = item.get('name')?.value;
    if (typeof name === 'string') declared.add(name);
  }
  const mounts = model.get('server.volumeMounts');
  for (const item of mounts?.kind === 'seq' ? mounts.items : []) {
    const name = item.get('name')?.value;
    const mountPath = item.get('mountPath')?.value;
    if (typeof name !== 'string' || typeof mountPath !== 'string' || !mountPath.startsWith('/')) continue;
    out.push({ path: normalizePath(mountPath), volume: name, source: 'volumeMounts', node: item, declared: declared.has(name) });
  }
  return out;
}

/** `/vault/userconfig/…` inside a value: at its start, after a separator, or after `file://`. */
const USERCONFIG_PATH = /(?:^|(?<=[\s=:,;"'(])|(?<=file:\/\/))(\/vault\/userconfig\/[^\s"',;)]+)/g;

function userconfigPaths(text: string): string[] {
  return [...text.matchAll(USERCONFIG_PATH)].map((match) => match[1]!);
}

/**
 * Every /vault/userconfig/ path that the live config (any string attribute: listener TLS files,
 * retry_join leader files, seal parameters…) or a literal env var of the Vault container names,
 * each with the mount that covers it. Values holding Helm actions the linter cannot evaluate are skipped.
 */
export function collectUserconfigRefs(
  model: ConfiguredRelease & { readonly env: Map<string, EnvVar>; readonly mounts: MountFact[] },
): UserconfigRef[] {
  if (model.mode === 'external' || model.mode === 'none') return [];
  const refs: Omit<UserconfigRef, 'mount'>[] = [];
  const config = model.parsedConfig;
  if (config) {
    for (const value of config.strings()) {
      if (value.templated || typeof value.value !== 'string') continue;
      for (const path of userconfigPaths(value.value))
        refs.push({ path, name: nameOf(path), node: value, where: value.path.join('.'), source: 'config' });
    }
  }
  for (const env of model.env.values()) {
    // The chart quotes env values without `tpl`: a `{{ }}` there is a templating mistake, not a path to check.
    if (env.source !== 'literal' || typeof env.value !== 'string' || env.value.includes('{{')) continue;
    for (const path of userconfigPaths(env.value))
      refs.push({ path, name: nameOf(path), node: env.node, where: env.node.path.join('.'), source: 'env' });
  }
  const mounts = model.mounts;
  return refs.map((ref) => {
    const mount = mounts.filter((candidate) => pathCovers(candidate.path, ref.path)).sort((a, b) => b.path.length - a.path.length)[0];
    return mount ? { ...ref, mount } : ref;
  });
}

function nameOf(path: string): string {
  return (
    normalizePath(path)
      .slice(USERCONFIG_ROOT.length + 1)
      .split('/')[0] ?? ''
  );
}
