import { parseYaml, type YamlDocument, type YNode, type YScalar } from '../parse/yaml.js';
import { parseHcl } from '../parse/hcl.js';
import type { HclFile, HclItem, HclKey, HclNode, HclObject } from '../parse/hcl-types.js';
import { embedMap, identityMap } from '../parse/embed.js';
import type { Plain, PlainMap } from './plain.js';
import { fromPlain, overlay, ValueNode, type Layer, type PathSegment, type Place } from './values.js';
import { helmEqualsTrue, helmToString, helmTruthy, componentEnabled } from './truth.js';
import { chartFullname, chartLabelName } from './naming.js';
import { maskTemplates, type TemplateContext } from './template.js';
import { VaultConfig, type ConfigFormat } from './vault-config.js';
import { collectServices, type ServiceFact } from './services.js';
import { collectImages, type ImageFact } from './images.js';
import { collectSecrets, type SecretFact } from './secrets.js';
import { collectEnv, type EnvVar } from './env.js';
import { collectYaml11Booleans } from './yaml-booleans.js';
import { redactSetLayers, setConflicts } from './set-args.js';
import { collectConfigRenderProblem, collectConfigSchemaProblems, collectValuesSchemaProblems, loadResources, type ConfigRenderProblem, type ConfigSchemaProblem, type ModelResource, type SchemaProblem } from './schema-check.js';
import { collectDuplicateConfigKeys, type DuplicateConfigKey } from './duplicate-keys.js';
import { collectMounts, collectUserconfigRefs, type MountFact, type UserconfigRef } from './mounts.js';
import { collectServerResources, type ResourcesFact } from './resources.js';
import { collectProbes, type ProbesFact } from './probes.js';
import { collectServerAffinity, type ServerAffinity } from './affinity.js';
import { collectSecretMounts, type SecretMount } from './volumes.js';
import { collectLicenseSources, type LicenseSource } from './license.js';
import { collectL7Exposures, type L7Exposure } from './ingress.js';
import { collectDisruptionBudget, type DisruptionBudgetFact } from './disruption-budget.js';
import { collectRaftJoins, type RaftJoin } from './raft-joins.js';

/** Chart versions whose defaults and templates the model knows. */
export const CHART_VERSIONS = ['0.28.0', '0.34.1'] as const;
export type ChartVersion = (typeof CHART_VERSIONS)[number];
export const DEFAULT_CHART_VERSION: ChartVersion = '0.34.1';

/** What the chart deploys: the `vault.mode` helper's answer, with HA split by storage. */
export type Mode = 'dev' | 'standalone' | 'ha-raft' | 'ha-other' | 'external' | 'none';

/** The three places a Vault config can be written. */
export const CONFIG_PATHS: readonly (readonly string[])[] = [
  ['server', 'standalone', 'config'],
  ['server', 'ha', 'config'],
  ['server', 'ha', 'raft', 'config'],
];

/** One values layer as given to the model: a file's text or a `--set` argument. */
export interface InputLayer {
  kind: 'file' | 'set';
  label: string;
  text: string;
  /** A tree parsed already (for `--set`, built by its own grammar); otherwise the text is parsed as YAML. */
  yaml?: YamlDocument;
}

export interface ModelOptions {
  chartVersion: ChartVersion;
  releaseName: string;
  /** The release namespace (`helm -n`), when known; `global.namespace` overrides it. */
  namespace?: string;
  chartDefaults: PlainMap;
}

/** A syntax problem found while building the model, reported by the `yaml-syntax` and `hcl-syntax` rules. */
export interface SyntaxProblem {
  ruleId: 'yaml-syntax' | 'hcl-syntax';
  messageId: string;
  message: string;
  place: Place;
}

/** Why the chart would refuse to render the config (e.g. a YAML map on chart 0.29+). */
export interface ConfigRenderError {
  messageId: 'structuredConfig' | 'mixedConfigTypes' | 'jsonNeedsNewerChart';
  message: string;
  node: ValueNode;
}

/**
 * The deployment as the chart would render it: effective values with provenance, the mode,
 * names, the live Vault config and derived facts. Rules read this; they never parse.
 */
export class Model {
  readonly layers: Layer[];
  readonly values: ValueNode;
  readonly syntaxProblems: SyntaxProblem[] = [];
  /** False when a values file could not be parsed at all; only syntax rules run then. */
  readonly valuesReadable: boolean;
  readonly chartVersion: ChartVersion;
  readonly releaseName: string;
  private readonly configs = new Map<string, VaultConfig | null>();
  private cache = new Map<string, unknown>();

  constructor(inputs: InputLayer[], readonly options: ModelOptions) {
    this.chartVersion = options.chartVersion;
    this.releaseName = options.releaseName;
    const defaults: Layer = { kind: 'default', label: `chart defaults ${options.chartVersion}`, index: 0 };
    this.layers = [defaults];
    let values = fromPlain(options.chartDefaults, defaults);
    let readable = true;
    inputs.forEach((input, i) => {
      const layer: Layer = { kind: input.kind, label: input.label, source: input.text, index: i + 1 };
      this.layers.push(layer);
      const document = input.yaml ?? parseYaml(input.text);
      for (const problem of document.problems) {
        this.syntaxProblems.push({
          ruleId: 'yaml-syntax',
          messageId: problem.messageId,
          message: problem.message,
          place: { layer, start: problem.start, end: problem.end, yamlPath: [] },
        });
      }
      if (document.root === null && document.problems.some((problem) => problem.messageId === 'syntax')) readable = false;
      if (input.kind === 'set' && document.root?.kind === 'map') this.syntaxProblems.push(...setConflicts(values, document.root, layer));
      if (document.root?.kind === 'map') values = overlay(values, document.root, layer, [], undefined);
      // An empty or comments-only file is a null scalar: nothing to layer, nothing wrong.
      else if (document.root && !(document.root.kind === 'scalar' && document.root.value === null)) this.syntaxProblems.push(notAMap(layer, document.root));
    });
    this.values = values;
    this.valuesReadable = readable;
    if (readable) this.collectConfigSyntax();
    // A `--set` label is the argument itself: mask its secrets before anything can print it.
    if (readable && inputs.some((input) => input.kind === 'set')) redactSetLayers(this);
  }

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /** The effective value at a dotted path or path array. */
  get(path: string | PathSegment[]): ValueNode | undefined {
    return this.values.get(path);
  }

  /** The effective plain value at a path. */
  valueOf(path: string | PathSegment[]): Plain | undefined {
    return this.values.get(path)?.value;
  }

  /** The user-supplied layers (files and `--set`), in merge order. */
  get userLayers(): Layer[] {
    return this.layers.filter((layer) => layer.kind !== 'default');
  }

  /** `global.enabled` etc. as the chart's `if` tests it. */
  truthy(path: string | PathSegment[]): boolean {
    return helmTruthy(this.valueOf(path));
  }

  /** Whether the server is switched on (`server.enabled`, `"-"` following `global.enabled`). */
  get serverEnabled(): boolean {
    return componentEnabled(this.valueOf('server.enabled'), this.valueOf('global.enabled'));
  }

  /** The deployment mode, decided in the chart's order: external, dev, ha, standalone. */
  get mode(): Mode {
    const mode = this.chartMode;
    if (mode !== 'ha') return mode;
    return this.configPath === CONFIG_PATHS[2] ? 'ha-raft' : 'ha-other';
  }

  /** The chart's `vault.mode` helper, in its order: external, dev, ha, standalone, or none. */
  private get chartMode(): 'external' | 'dev' | 'ha' | 'standalone' | 'none' {
    return this.memo('chartMode', () => {
      if (helmTruthy(this.valueOf('global.externalVaultAddr')) || helmTruthy(this.valueOf('injector.externalVaultAddr'))) return 'external';
      if (!this.serverEnabled) return 'external';
      if (helmEqualsTrue(this.valueOf('server.dev.enabled'))) return 'dev';
      if (helmEqualsTrue(this.valueOf('server.ha.enabled'))) return 'ha';
      const standalone = helmToString(this.valueOf('server.standalone.enabled'));
      return standalone === 'true' || standalone === '-' ? 'standalone' : 'none';
    });
  }

  /** True in either HA mode. */
  get isHa(): boolean {
    return this.mode === 'ha-raft' || this.mode === 'ha-other';
  }

  /** Whether `server.ha.raft.enabled` selects the raft config, as this chart version tests it. */
  get raftSelected(): boolean {
    const raft = this.valueOf('server.ha.raft.enabled');
    return this.chartVersion === '0.28.0' ? helmEqualsTrue(raft) : helmTruthy(raft);
  }

  /** Server pods the StatefulSet runs: `server.ha.replicas` in HA (3 unless a number), else 1; 0 without a server. */
  get replicas(): number {
    if (this.isHa) {
      const replicas = this.valueOf('server.ha.replicas');
      return typeof replicas === 'number' ? replicas : 3;
    }
    return this.mode === 'dev' || this.mode === 'standalone' ? 1 : 0;
  }

  /** `vault.name`: the `app.kubernetes.io/name` label. */
  get chartName(): string {
    return chartLabelName(this.valueOf('nameOverride'));
  }

  /** `vault.fullname`: the StatefulSet, Services and pod name prefix. */
  get fullname(): string {
    return chartFullname(this.releaseName, this.valueOf('nameOverride'), this.valueOf('fullnameOverride'));
  }

  /** The namespace objects land in: `global.namespace`, else the release namespace. */
  get namespace(): string {
    const global = this.valueOf('global.namespace');
    return typeof global === 'string' && global !== '' ? global : (this.options.namespace ?? 'default');
  }

  /** Whether the namespace is known (given on the command line or by `global.namespace`), not assumed. */
  get namespaceKnown(): boolean {
    const global = this.valueOf('global.namespace');
    return this.options.namespace !== undefined || (typeof global === 'string' && global !== '');
  }

  /**
   * Whether the selected chart version has this values key in its own values.yaml (e.g.
   * `serverTelemetry.serviceMonitor.authorization` exists from 0.29.0 on): hints name a key only
   * where the chart reads it.
   */
  chartDeclares(path: string): boolean {
    let node: unknown = this.options.chartDefaults;
    for (const segment of path.split('.')) {
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, segment)) return false;
      node = (node as Record<string, unknown>)[segment];
    }
    return true;
  }

  /** True when the chart speaks https to Vault: `global.tlsDisable` falsy (its default is true). */
  get chartTls(): boolean {
    return !helmTruthy(this.valueOf('global.tlsDisable'));
  }

  /** The values path of the config the chart renders in this mode, or undefined (dev, external, none). */
  get configPath(): readonly string[] | undefined {
    return this.memo('configPath', () => {
      const mode = this.chartMode;
      if (mode !== 'ha' && mode !== 'standalone') return undefined;
      if (this.chartVersion === '0.28.0') {
        if (mode === 'standalone') return CONFIG_PATHS[0];
        const raft = helmToString(this.valueOf('server.ha.raft.enabled'));
        if (raft === 'true') return CONFIG_PATHS[2];
        return raft === 'false' ? CONFIG_PATHS[1] : undefined;
      }
      if (this.raftSelected) return CONFIG_PATHS[2];
      return mode === 'standalone' ? CONFIG_PATHS[0] : CONFIG_PATHS[1];
    });
  }

  /** Why the chart would fail to render the selected config, if it would. */
  get configRenderError(): ConfigRenderError | undefined {
    return this.memo('configRenderError', () => {
      const path = this.configPath;
      const node = path && this.values.get([...path]);
      if (!path || !node) return undefined;
      if (this.chartVersion !== '0.28.0') {
        // Anything but a string fails the chart's typeOf test: a map, a list, a number, or null (a user `null` deletes the key).
        if (node.kind !== 'scalar' || typeof node.value !== 'string') {
          const what = node.kind === 'map' ? 'a YAML map' : node.kind === 'seq' ? 'a YAML list' : node.value === null ? 'null' : `a ${typeof node.value}`;
          return { messageId: 'structuredConfig', message: `Chart ${this.chartVersion} refuses ${what} at "${path.join('.')}": structured server config is not supported, value must be a string`, node } as const;
        }
        return undefined;
      }
      // Chart 0.28 picks string or map handling by the type of standalone.config or ha.config, whichever the mode reads.
      const decider = this.values.get(path[1] === 'standalone' ? 'server.standalone.config' : 'server.ha.config');
      const deciderIsMap = decider?.kind === 'map';
      if (deciderIsMap !== (node.kind === 'map')) {
        return { messageId: 'mixedConfigTypes', message: `Chart 0.28.0 renders "${path.join('.')}" as ${deciderIsMap ? 'a map' : 'a string'} because "${decider?.path.join('.')}" is one, and fails on this config`, node } as const;
      }
      if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trimStart().startsWith('{')) {
        return { messageId: 'jsonNeedsNewerChart', message: 'Chart 0.28.0 prepends an HCL line to a JSON config string, which Vault then cannot parse; JSON strings need chart 0.29.0 or later', node } as const;
      }
      return undefined;
    });
  }

  /** The Vault config the chart renders (user's or the chart default), parsed; undefined when none is rendered. */
  get config(): VaultConfig | undefined {
    const path = this.configPath;
    return path ? this.configAt(path) : undefined;
  }

  /** The live config when it parsed cleanly and renders; rules that read the config use this. */
  get parsedConfig(): VaultConfig | undefined {
    const config = this.config;
    return config && config.ok && !this.configRenderError ? config : undefined;
  }

  /** Configs the user wrote in keys the chart does not read in this mode. */
  get ignoredConfigs(): VaultConfig[] {
    const live = this.configPath?.join('.');
    const out: VaultConfig[] = [];
    for (const path of CONFIG_PATHS) {
      if (path.join('.') === live) continue;
      const node = this.values.get([...path]);
      if (!node?.isUserSet || !helmTruthy(node.value)) continue;
      const config = this.configAt(path);
      if (config) out.push(config);
    }
    return out;
  }

  /** Parse (once) the config at a values path. */
  configAt(path: readonly string[]): VaultConfig | undefined {
    const key = path.join('.');
    if (!this.configs.has(key)) this.configs.set(key, this.readConfig(path) ?? null);
    return this.configs.get(key) ?? undefined;
  }

  private readConfig(path: readonly string[]): VaultConfig | undefined {
    const node = this.values.get([...path]);
    if (!node) return undefined;
    const context = this.templateContext;
    if (node.kind === 'map' && node.yaml?.kind === 'map') {
      const body = yamlToHcl(node.yaml);
      const file: HclFile = { body, errors: [], comments: [], json: true };
      return new VaultConfig(node, 'yaml-map', file, '', identityMap, [], context);
    }
    if (typeof node.value !== 'string') return undefined;
    const { masked, ranges } = maskTemplates(node.value);
    const file = parseHcl(masked);
    const format: ConfigFormat = file.json ? 'json' : 'hcl';
    const scalar = node.isUserSet && node.yaml?.kind === 'scalar' ? node.yaml : undefined;
    const map = scalar && node.layer.source !== undefined ? embedMap(scalar, node.layer.source) : identityMap;
    return new VaultConfig(node, format, file, node.value, map, ranges, context);
  }

  /** Release facts for the few Helm actions the linter evaluates inside configs. */
  get templateContext(): TemplateContext {
    return { releaseName: this.releaseName, namespace: this.namespace, chartName: this.chartName, fullname: this.fullname };
  }

  private collectConfigSyntax(): void {
    const configs = [this.config, ...this.ignoredConfigs];
    for (const config of configs) {
      if (!config || !config.isUserSet) continue;
      const where = config.source.path.join('.');
      const format = config.format === 'json' ? 'JSON' : 'HCL';
      // One error per config line: recovery after a mistake often trips again right after it.
      const errorLines = new Set<number>();
      for (const error of config.file.errors) {
        const line = config.format === 'yaml-map' ? error.start : config.lineOf(error.start);
        if (errorLines.has(line)) continue;
        errorLines.add(line);
        this.syntaxProblems.push({
          ruleId: 'hcl-syntax',
          messageId: config.format === 'json' ? 'invalidJson' : 'invalidHcl',
          message: `Invalid Vault config ${format} in "${where}": ${error.message}`,
          place: config.placeOf(error, []),
        });
      }
      // Text HCL v1 accepts but drops: Vault starts, just not with what was written.
      for (const warning of config.file.warnings ?? []) {
        this.syntaxProblems.push({
          ruleId: 'hcl-syntax',
          messageId: 'ignoredByVault',
          message: `Ignored Vault config ${format} in "${where}": ${warning.message}`,
          place: config.placeOf(warning, []),
        });
      }
    }
  }

  /** Whether the data PVC (`server.dataStorage`) is rendered in this mode. */
  get dataStorageRendered(): boolean {
    if (!this.truthy('server.dataStorage.enabled')) return false;
    if (this.mode === 'standalone') return true;
    return this.isHa && helmEqualsTrue(this.valueOf('server.ha.raft.enabled'));
  }

  /** Whether the audit PVC (`server.auditStorage`) is rendered (any non-dev server mode). */
  get auditStorageRendered(): boolean {
    return this.truthy('server.auditStorage.enabled') && (this.mode === 'standalone' || this.isHa);
  }

  /** The storage type of the live config (`raft`, `file`, `consul`…), if it names one. */
  get storageType(): string | undefined {
    return this.parsedConfig?.root.blocks('storage')[0]?.label ?? this.parsedConfig?.root.blocks('backend')[0]?.label;
  }

  /** Whether Vault keeps its data on the pod's disk in this deployment (integrated or file storage). */
  get storesDataOnDisk(): boolean {
    const type = this.storageType;
    if (type !== undefined) return type === 'raft' || type === 'file';
    return this.mode === 'standalone' || this.mode === 'ha-raft';
  }

  /** Services the chart renders, with their effective type and annotations. */
  get services(): ServiceFact[] {
    return this.memo('services', () => collectServices(this));
  }

  /** Container images the chart renders for enabled components. */
  get images(): ImageFact[] {
    return this.memo('images', () => collectImages(this));
  }

  /** Secret values written in the user's files: never echoed, masked in code frames. */
  get secrets(): SecretFact[] {
    return this.memo('secrets', () => collectSecrets(this));
  }

  /** Env vars the values add to the Vault container, by name. */
  get env(): Map<string, EnvVar> {
    return this.memo('env', () => collectEnv(this));
  }

  /** Whether the server image is Vault Enterprise (an `-enterprise` repository or an `-ent` tag). */
  get isEnterprise(): boolean {
    const repository = this.valueOf('server.image.repository');
    const tag = this.valueOf('server.image.tag');
    return (typeof repository === 'string' && /vault-enterprise/.test(repository)) || (typeof tag === 'string' && /-ent(\b|[.-])/.test(tag));
  }

  /**
   * Scalars the user wrote as a YAML 1.1-only boolean word (`yes`, `off`, `y`…): a boolean to
   * Helm, a string to YAML 1.2 tools. Only effective values: an overridden scalar has no effect.
   */
  get yaml11Booleans(): ValueNode[] {
    return this.memo('yaml11Booleans', () => collectYaml11Booleans(this));
  }

  /**
   * Load what the given resources need (code imported on demand, such as schema validators) before
   * rules read the facts that use them; the engine calls this with the rules' `requires`.
   */
  async load(resources: readonly ModelResource[]): Promise<void> {
    await loadResources(this, resources);
  }

  /**
   * What the user wrote that this chart version's values schema rejects: unknown keys (Helm ignores
   * them), values of the wrong type, missing required keys. Chart defaults are never checked.
   * Needs `load(['valuesSchema'])`.
   */
  get valuesSchemaProblems(): SchemaProblem[] {
    return this.memo('valuesSchemaProblems', () => collectValuesSchemaProblems(this));
  }

  /**
   * What the Vault config schema rejects in the user's configs (the live one and those the chart
   * ignores; none in dev or external mode), each at the exact key or value. Needs `load(['vaultConfigSchema'])`.
   */
  get configSchemaProblems(): ConfigSchemaProblem[] {
    return this.memo('configSchemaProblems', () => collectConfigSchemaProblems(this));
  }

  /** `configRenderError` with the data a message needs (what was written, what the chart wanted). */
  get configRenderProblem(): ConfigRenderProblem | undefined {
    return this.memo('configRenderProblem', () => collectConfigRenderProblem(this));
  }

  /** Attributes repeated in one object of the user's HCL configs, including the chart's own `disable_mlock` line. */
  get duplicateConfigKeys(): DuplicateConfigKey[] {
    return this.memo('duplicateConfigKeys', () => collectDuplicateConfigKeys(this));
  }

  /** Volume mounts of the Vault container that the values control (`server.extraVolumes`, `server.volumeMounts`). */
  get mounts(): MountFact[] {
    return this.memo('mounts', () => collectMounts(this));
  }

  /** Paths under /vault/userconfig/ that the live config or the container env names, each with the mount covering it. */
  get userconfigRefs(): UserconfigRef[] {
    return this.memo('userconfigRefs', () => collectUserconfigRefs(this));
  }

  /** `server.resources` requests and limits of the Vault container, with Kubernetes quantities read as amounts. */
  get serverResources(): ResourcesFact {
    return this.memo('serverResources', () => collectServerResources(this));
  }

  /** The readiness and liveness probes of the Vault container: on or off, exec or httpGet, and whether standbys pass. */
  get serverProbes(): ProbesFact {
    return this.memo('serverProbes', () => collectProbes(this));
  }

  /** `server.affinity` read in either form (a `tpl` string with Helm actions masked, or a map), with its pod anti-affinity terms. */
  get serverAffinity(): ServerAffinity {
    return this.memo('serverAffinity', () => collectServerAffinity(this));
  }

  /** Kubernetes Secrets mounted into the Vault container as directories (extraVolumes, volumes + volumeMounts, the license secret). */
  get secretMounts(): SecretMount[] {
    return this.memo('secretMounts', () => collectSecretMounts(this));
  }

  /** Where the release gives Vault Enterprise its license (chart secret, VAULT_LICENSE/VAULT_LICENSE_PATH, license_path). */
  get licenseSources(): LicenseSource[] {
    return this.memo('licenseSources', () => collectLicenseSources(this));
  }

  /** The Ingress, OpenShift Route and HTTPRoute rendered in front of Vault, and whether each passes TLS through. */
  get l7Exposures(): L7Exposure[] {
    return this.memo('l7Exposures', () => collectL7Exposures(this));
  }

  /** The server PodDisruptionBudget: rendered or not, and how many pods it lets an eviction take down. */
  get disruptionBudget(): DisruptionBudgetFact {
    return this.memo('disruptionBudget', () => collectDisruptionBudget(this));
  }

  /** The `retry_join` stanzas of the live raft storage, each address read as a URL against this release's pod names. */
  get raftJoins(): RaftJoin[] {
    return this.memo('raftJoins', () => collectRaftJoins(this));
  }

  // Further derived facts: one memoized getter per fact, computed in its own module under src/model/.
}

function notAMap(layer: Layer, node: YNode): SyntaxProblem {
  return {
    ruleId: 'yaml-syntax',
    messageId: 'notAMap',
    message: 'Expected the values file to be a YAML mapping at the top level',
    place: { layer, start: node.start, end: node.start === node.end ? node.end : Math.min(node.end, node.start + 1), yamlPath: [] },
  };
}

/** A YAML-map config (chart 0.28) seen through the HCL tree, positioned in the values file. */
function yamlToHcl(map: YNode & { kind: 'map' }): HclObject {
  return { type: 'object', start: map.start, end: map.end, items: map.pairs.map((pair) => yamlItem(pair.key, pair.value)) };
}

function yamlItem(key: YScalar, value: YNode): HclItem {
  const hclKey: HclKey = { name: key.text, quoted: key.style !== 'plain', start: key.start, end: key.end };
  return { keys: [hclKey], assign: true, value: yamlValue(value), start: key.start, end: Math.max(key.end, value.end) };
}

function yamlValue(node: YNode): HclNode {
  if (node.kind === 'map') return yamlToHcl(node);
  if (node.kind === 'seq') return { type: 'list', items: node.items.map(yamlValue), start: node.start, end: node.end };
  const value = node.value;
  if (typeof value === 'boolean') return { type: 'bool', value, start: node.start, end: node.end };
  if (typeof value === 'number') return { type: 'number', value, raw: node.text, start: node.start, end: node.end };
  return { type: 'string', value: value === null ? '' : String(value), heredoc: false, start: node.start, end: node.end };
}
