import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigError, PRESETS, resolveRules, type PresetName, type RuleSetting } from '../engine/config.js';
import type { Rule } from '../engine/rule.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { LineIndex } from '../parse/lines.js';
import { keyName, parseYaml, type YMap, type YNode, type YScalar } from '../parse/yaml.js';
import { quoteName } from './errors.js';
import { readOwnFile } from './input.js';
import { RULE_SOURCES, type RuleSource } from './rule-sources.js';

/** The names a config file may have, looked for in this order in each folder. */
export const CONFIG_NAMES = ['.vault-lint.yaml', '.vault-lint.yml'] as const;

/**
 * A loaded `.vault-lint.yaml`, with `extends` applied: what the command line would say otherwise.
 *
 * ```yaml
 * extends: strict                     # recommended | strict | a path to another config file
 * chartVersion: 0.28.0
 * releaseName: vault
 * namespace: vault
 * valuesPath: vault        # an umbrella chart's values: lint the vault dependency's section
 * rules:
 *   ha-replicas: [warning, { replicas: 3 }]
 *   telemetry-configured: off
 * overrides:
 *   - files: ["environments/dev/**"]
 *     rules: { tls-enabled: off }
 * ignores: ["vendor/**"]
 * ```
 */
export interface LintConfig {
  /** The file, absolute; globs in it are relative to its folder. */
  path: string;
  preset?: PresetName;
  chartVersion?: string;
  releaseName?: string;
  namespace?: string;
  /** The umbrella chart section to lint (`--values-path`). */
  valuesPath?: string;
  rules: Record<string, RuleSetting>;
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[];
  ignores: string[];
  /** Named releases: the values files layered into each (absolute, in order) and what differs for it. */
  releases: Record<string, ReleaseConfig>;
  /** Rules the config adds to the registry (`policies:`, `plugins:`, and those of what it extends). */
  addedRules: Rule[];
}

/** One release of `releases:`, as it is deployed: `helm install <releaseName> -f values[0] -f values[1] …`. */
export interface ReleaseConfig {
  values: string[];
  /** `set:` of the release, as `--set key=value` arguments (`--set-string` for strings), applied after its values files. */
  set: { flag: '--set' | '--set-string'; argument: string }[];
  releaseName?: string;
  namespace?: string;
  chartVersion?: string;
  valuesPath?: string;
}

/** What a config decides for one file. */
export interface ConfigForFile {
  ignored: boolean;
  preset?: PresetName;
  chartVersion?: string;
  releaseName?: string;
  namespace?: string;
  valuesPath?: string;
  rules: Record<string, RuleSetting>;
}

/**
 * The config file that governs a file: the first `.vault-lint.yaml`/`.yml` in its folder or above,
 * not looking past the repository root (a folder holding `.git`) or the file system's root.
 */
export function findConfig(startFolder: string): string | undefined {
  let folder = resolve(startFolder);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(folder, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder || existsSync(join(folder, '.git'))) return undefined;
    folder = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Options of `loadConfig` beyond the file: the keys that add rules (tests give their own). */
export interface LoadConfigOptions {
  seen?: readonly string[];
  cwd?: string;
  sources?: Readonly<Record<string, RuleSource>>;
}

/**
 * Load a config file and what it extends; every problem is a ConfigError naming file, line, key and
 * what was expected. `rules` is the built-in registry; the config's `rules:` and `overrides:` may
 * also name the rules it adds itself (`policies:`, `plugins:`) or inherits through `extends`, so
 * those are read first.
 */
export async function loadConfig(path: string, rules: readonly Rule[], options: LoadConfigOptions = {}): Promise<LintConfig> {
  const { seen = [], cwd = process.cwd(), sources = RULE_SOURCES } = options;
  const absolute = resolve(cwd, path);
  path = relative(cwd, absolute) || path;
  if (seen.includes(absolute))
    throw new ConfigError(`${quoteName(path)} extends itself through ${seen.map((file) => quoteName(relative(cwd, file))).join(' -> ')}`);
  const text = readOwnFile(absolute, path, 'config', `No config file ${quoteName(path)}`);
  const reader = new Reader(text, path);
  const root = reader.root();
  let config: LintConfig = emptyConfig(absolute);
  // What it extends and the rules it adds come first: the rest may name those rules.
  for (const { key, value } of root.pairs) {
    if (keyName(key) !== 'extends') continue;
    for (const item of reader.stringList(value, ['extends'])) {
      const base = (PRESETS as readonly string[]).includes(item.text)
        ? { ...emptyConfig(absolute), preset: item.text as PresetName }
        : await loadConfig(resolve(dirname(absolute), item.text), rules, { seen: [...seen, absolute], cwd, sources });
      config = mergeConfigs(config, base);
    }
  }
  const chartVersion = root.pairs.find(({ key }) => keyName(key) === 'chartVersion');
  // Settings and suppressions name rules by id: an added rule may not take a used one.
  const ids = new Set([...rules, ...config.addedRules].map((rule) => rule.id));
  for (const { key, value } of root.pairs) {
    const name = keyName(key);
    const source = Object.hasOwn(sources, name) ? sources[name] : undefined;
    if (!source) continue;
    const added = await source({
      node: value,
      problem: (node, at, expected) => reader.problem(node, at, expected),
      folder: dirname(absolute),
      file: path,
      ...(chartVersion ? { chartVersion: reader.string(chartVersion.value, ['chartVersion']).text } : {}),
    });
    for (const rule of added) {
      if (ids.has(rule.id)) throw reader.problem(key, [name], `a rule id that is already taken: "${rule.id}"; ids must be unique`);
      ids.add(rule.id);
    }
    config.addedRules = [...config.addedRules, ...added];
  }
  const known = config.addedRules.length > 0 ? [...rules, ...config.addedRules] : rules;
  for (const { key, value } of root.pairs) {
    const name = keyName(key);
    switch (name) {
      case 'extends':
        break;
      case 'chartVersion':
      case 'releaseName':
      case 'namespace':
      case 'valuesPath':
        config[name] = reader.string(value, [name]).text;
        break;
      case 'rules':
        config.rules = { ...config.rules, ...reader.ruleSettings(value, ['rules'], known) };
        break;
      case 'overrides':
        config.overrides = [...config.overrides, ...reader.overrides(value, known)];
        break;
      case 'releases':
        config.releases = { ...config.releases, ...reader.releases(value, dirname(absolute)) };
        break;
      case 'ignores':
        config.ignores = [...config.ignores, ...reader.stringList(value, ['ignores']).map((item) => item.text)];
        break;
      default:
        if (Object.hasOwn(sources, name)) break;
        throw reader.problem(key, [name], `an unknown key; expected ${oneOf([...CONFIG_KEYS, ...Object.keys(sources)])}`);
    }
  }
  return { ...config, path: absolute };
}

/** The keys a config file has besides those that add rules. */
const CONFIG_KEYS = ['extends', 'rules', 'overrides', 'ignores', 'releases', 'chartVersion', 'releaseName', 'namespace', 'valuesPath'];

/** `a, b or c`. */
function oneOf(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

function emptyConfig(path: string): LintConfig {
  return { path, rules: {}, overrides: [], ignores: [], releases: {}, addedRules: [] };
}

/** `base` under `config`: the config's own keys win, rules and overrides are layered. */
function mergeConfigs(config: LintConfig, base: LintConfig): LintConfig {
  const merged: LintConfig = {
    ...base,
    ...stripUndefined(config),
    rules: { ...base.rules, ...config.rules },
    overrides: [...base.overrides, ...config.overrides],
    ignores: [...base.ignores, ...config.ignores],
    releases: { ...base.releases, ...config.releases },
    addedRules: [...base.addedRules, ...config.addedRules],
  };
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** What the config says for one file: ignored or not, and the rule settings with matching overrides applied. */
export async function configForFile(config: LintConfig, file: string): Promise<ConfigForFile> {
  const path = relative(dirname(config.path), resolve(file)).split(sep).join('/');
  const globs = await globMatchers(config);
  const matches = (matcher: GlobMatcher | undefined): boolean => matcher !== undefined && !path.startsWith('../') && matcher(path);
  let rules = { ...config.rules };
  config.overrides.forEach((override, index) => {
    if (matches(globs?.overrides[index])) rules = { ...rules, ...override.rules };
  });
  const out: ConfigForFile = { ignored: matches(globs?.ignores), rules };
  if (config.preset !== undefined) out.preset = config.preset;
  if (config.chartVersion !== undefined) out.chartVersion = config.chartVersion;
  if (config.releaseName !== undefined) out.releaseName = config.releaseName;
  if (config.namespace !== undefined) out.namespace = config.namespace;
  if (config.valuesPath !== undefined) out.valuesPath = config.valuesPath;
  return out;
}

type GlobMatcher = (path: string) => boolean;

/** A config's globs, compiled: `ignores`, and the `files` of each override in order. */
interface ConfigGlobs {
  ignores: GlobMatcher;
  overrides: GlobMatcher[];
}

// A loaded config does not change, so its globs are compiled once, not again for every file it governs.
const compiledGlobs = new WeakMap<LintConfig, ConfigGlobs>();

/** The compiled globs of a config; undefined for a config without globs, for which the matcher is never loaded. */
async function globMatchers(config: LintConfig): Promise<ConfigGlobs | undefined> {
  if (config.overrides.length === 0 && config.ignores.length === 0) return undefined;
  let globs = compiledGlobs.get(config);
  if (globs === undefined) {
    const picomatch = (await import('picomatch')).default;
    const compile = (patterns: readonly string[]): GlobMatcher =>
      patterns.length === 0 ? () => false : picomatch([...patterns], { dot: true });
    globs = { ignores: compile(config.ignores), overrides: config.overrides.map((override) => compile(override.files)) };
    compiledGlobs.set(config, globs);
  }
  return globs;
}

const LEVELS: readonly string[] = [...SEVERITIES, 'off'];

/** Reads the positioned YAML tree of a config file, turning every mismatch into a ConfigError at its line. */
class Reader {
  private readonly lines: LineIndex;

  constructor(
    private readonly text: string,
    private readonly name: string,
  ) {
    this.lines = new LineIndex(text);
  }

  root(): YMap {
    const document = parseYaml(this.text);
    const problem = document.problems[0];
    if (problem) throw this.problemAt(problem.start, [], problem.message);
    if (document.root === null) return { kind: 'map', pairs: [], flow: false, start: 0, end: 0 };
    return this.map(document.root, []);
  }

  problem(node: YNode, path: readonly (string | number)[], expected: string): ConfigError {
    return this.problemAt(node.start, path, expected);
  }

  private problemAt(offset: number, path: readonly (string | number)[], message: string): ConfigError {
    const { line, column } = this.lines.position(offset);
    const where = path.length > 0 ? ` ${path.join('.')}:` : '';
    return new ConfigError(`${this.name}:${line}:${column}:${where} ${message}`);
  }

  map(node: YNode, path: readonly (string | number)[]): YMap {
    if (node.kind !== 'map') throw this.problem(node, path, 'expected a mapping');
    return node;
  }

  string(node: YNode, path: readonly (string | number)[]): YScalar {
    if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') {
      // A version like 0.28 reads as a number; it is still text the user meant.
      if (node.kind === 'scalar' && typeof node.value === 'number') return node;
      throw this.problem(node, path, 'expected a non-empty string');
    }
    return node;
  }

  stringList(node: YNode, path: readonly (string | number)[]): YScalar[] {
    if (node.kind === 'scalar') return [this.string(node, path)];
    if (node.kind !== 'seq') throw this.problem(node, path, 'expected a string or a list of strings');
    return node.items.map((item, index) => this.string(item, [...path, index]));
  }

  ruleSettings(node: YNode, path: readonly (string | number)[], rules: readonly Rule[]): Record<string, RuleSetting> {
    const out: Record<string, RuleSetting> = {};
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const { key, value } of this.map(node, path).pairs) {
      const id = keyName(key);
      const at = [...path, id];
      const rule = byId.get(id);
      if (!rule) throw this.problem(key, at, 'an unknown rule id (vault-lint --list-rules lists them)');
      const setting = this.ruleSetting(value, at);
      // The rule's own option check, placed at the entry.
      try {
        resolveRules([rule], 'recommended', { [id]: setting });
      } catch (error) {
        if (error instanceof ConfigError) throw this.problem(value, at, error.message);
        throw error;
      }
      out[id] = setting;
    }
    return out;
  }

  private ruleSetting(node: YNode, path: readonly (string | number)[]): RuleSetting {
    const level = (item: YNode, at: readonly (string | number)[]): Severity | 'off' => {
      if (item.kind === 'scalar' && typeof item.value === 'string' && LEVELS.includes(item.value)) return item.value as Severity | 'off';
      // YAML 1.1 reads a bare `off` as false; the user meant the level.
      if (item.kind === 'scalar' && item.value === false && item.text === 'off') return 'off';
      throw this.problem(item, at, 'expected off, info, warning or error');
    };
    if (node.kind !== 'seq') return level(node, path);
    const [first, second, ...rest] = node.items;
    if (!first || rest.length > 0) throw this.problem(node, path, 'expected [severity] or [severity, {options}]');
    const severity = level(first, [...path, 0]);
    if (!second) return severity;
    return { severity, options: plainMap(this.map(second, [...path, 1])) };
  }

  releases(node: YNode, folder: string): Record<string, ReleaseConfig> {
    const out: Record<string, ReleaseConfig> = {};
    for (const { key, value } of this.map(node, ['releases']).pairs) {
      const name = keyName(key);
      const path = ['releases', name];
      const release: ReleaseConfig = { values: [], set: [] };
      for (const entry of this.map(value, path).pairs) {
        const field = keyName(entry.key);
        if (field === 'values') release.values = this.stringList(entry.value, [...path, field]).map((file) => resolve(folder, file.text));
        else if (field === 'set') release.set = this.setArguments(entry.value, [...path, field]);
        else if (field === 'releaseName' || field === 'namespace' || field === 'chartVersion' || field === 'valuesPath')
          release[field] = this.string(entry.value, [...path, field]).text;
        else
          throw this.problem(
            entry.key,
            [...path, field],
            'an unknown key; expected values, set, releaseName, namespace, chartVersion or valuesPath',
          );
      }
      if (release.values.length === 0)
        throw this.problem(value, path, 'expected values: the values files of the release, in the order helm -f takes them');
      out[name] = release;
    }
    return out;
  }

  /** `set: { server.image.tag: "1.16.1" }`: each entry as the `--set` argument Helm would be given for it. */
  private setArguments(node: YNode, path: readonly (string | number)[]): ReleaseConfig['set'] {
    return this.map(node, path).pairs.map(({ key, value }) => {
      const name = keyName(key);
      if (value.kind !== 'scalar')
        throw this.problem(value, [...path, name], 'expected a scalar value (write lists and maps in a values file)');
      // A string stays a string whatever it reads as (`--set-string`); other scalars keep their type.
      const flag = typeof value.value === 'string' ? '--set-string' : '--set';
      return { flag, argument: `${name}=${value.value === null ? 'null' : String(value.value)}` };
    });
  }

  overrides(node: YNode, rules: readonly Rule[]): LintConfig['overrides'] {
    if (node.kind !== 'seq') throw this.problem(node, ['overrides'], 'expected a list of {files, rules}');
    return node.items.map((item, index) => {
      const path = ['overrides', index];
      const entry: LintConfig['overrides'][number] = { files: [], rules: {} };
      for (const { key, value } of this.map(item, path).pairs) {
        const name = keyName(key);
        if (name === 'files') entry.files = this.stringList(value, [...path, 'files']).map((glob) => glob.text);
        else if (name === 'rules') entry.rules = this.ruleSettings(value, [...path, 'rules'], rules);
        else throw this.problem(key, [...path, name], 'an unknown key; expected files or rules');
      }
      if (entry.files.length === 0) throw this.problem(item, path, 'expected files: the globs this override applies to');
      return entry;
    });
  }
}

/** A mapping's plain value (options of a rule). */
function plainMap(node: YMap): Record<string, unknown> {
  return Object.fromEntries(node.pairs.map(({ key, value }) => [keyName(key), plain(value)]));
}

function plain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return plainMap(node);
}
