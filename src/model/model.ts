import { keyName, parseYaml, type YamlDocument, type YMap, type YNode, type YScalar } from '../parse/yaml.js';
import { fileTooLargeMessage, resolveLimits, type Limits } from '../limits.js';
import { parseDirective, type Directive } from '../parse/directives.js';
import { parseHcl } from '../parse/hcl.js';
import type { HclFile, HclItem, HclKey, HclNode, HclObject } from '../parse/hcl-types.js';
import { embedMap, identityMap } from '../parse/embed.js';
import type { Plain, PlainMap } from './plain.js';
import { chartDefaultTree, overlay, type ValueNode, type Layer, type PathSegment, type Place } from './values.js';
import { helmEqualsTrue, helmToString, helmTruthy, componentEnabled } from './truth.js';
import { chartFullname, chartLabelName } from './naming.js';
import type { TemplateContext } from './template.js';
import { identityRendering, renderTemplate, secondPassProblems } from './tpl.js';
import { VaultConfig, type ConfigFormat } from './vault-config.js';
import { collectServices, type ServiceFact } from './services.js';
import { collectImages, type ImageFact } from './images.js';
import { collectSecrets, guessSecrets, guessSetSecrets, type GuessedSecret, type SecretFact } from './secrets.js';
import { Redactor } from './redact.js';
import { collectEnv, type EnvVar } from './env.js';
import { collectYaml11Booleans } from './yaml-booleans.js';
import { redactSetLayers, setConflicts } from './set-args.js';
import {
  collectConfigRenderProblem,
  collectConfigSchemaProblems,
  collectValuesSchemaProblems,
  loadResources,
  type ConfigRenderProblem,
  type ConfigSchemaProblem,
  type ModelResource,
  type SchemaProblem,
} from './schema-check.js';
import { collectDuplicateConfigKeys, type DuplicateConfigKey } from './duplicate-keys.js';
import { collectMounts, collectUserconfigRefs, type MountFact, type UserconfigRef } from './mounts.js';
import { collectServerResources, type ResourcesFact } from './resources.js';
import { collectProbes, type ProbesFact } from './probes.js';
import { collectServerAffinity, type ServerAffinity } from './affinity.js';
import { collectSecretMounts, type SecretMount } from './volumes.js';
import { collectLicenseSources, type LicenseSource } from './license.js';
import { collectL7Exposures, type L7Exposure } from './ingress.js';
import { collectDisruptionBudget, type DisruptionBudgetFact } from './disruption-budget.js';
import { collectRaftJoins, raftJoinsUnknown, type RaftJoin } from './raft-joins.js';
import { chartProfile, releaseIntroducing, type ChartProfile } from './chart/profile.js';
import { collectServerAbsence, type ServerAbsence } from './server-presence.js';
import { collectSeal, type SealFact } from './seals.js';
import { collectExtraConfigFiles, type ExtraConfigFile } from './extra-config.js';
import { collectClusterListeners, type ClusterListener } from './cluster-listeners.js';

import type { ChartVersion } from './chart/versions.js';
export { CHART_VERSIONS, DEFAULT_CHART_VERSION, type ChartVersion } from './chart/versions.js';

/** What the chart deploys: the `vault.mode` helper's answer, with HA split by storage. */
export type Mode = 'dev' | 'standalone' | 'ha-raft' | 'ha-other' | 'external' | 'none';

/** The three places a Vault config can be written. */
export const CONFIG_PATHS: readonly (readonly string[])[] = [
  ['server', 'standalone', 'config'],
  ['server', 'ha', 'config'],
  ['server', 'ha', 'raft', 'config'],
];

/**
 * Keys the chart never reads in which people write a Vault config; a config written there is
 * ignored like one in a config key the chart does not select in this mode.
 */
export const IGNORED_CONFIG_KEYS: readonly (readonly string[])[] = [
  ['server', 'config'],
  ['server', 'extraConfig'],
  ['server', 'standalone', 'extraConfig'],
  ['server', 'ha', 'extraConfig'],
  ['server', 'ha', 'raftConfig'],
  ['server', 'ha', 'raft', 'extraConfig'],
  ['server', 'raft', 'config'],
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
  /** Overrides of the limits in `src/limits.ts`. */
  limits?: Partial<Limits>;
}

/** A comment the parsers found in a user layer: a YAML comment, or a comment of an embedded config. */
export interface CommentFact {
  /** The comment's text after its marker (`#`, `//`, `/*`). */
  text: string;
  place: Place;
}

/** An inline directive (`# vault-lint-disable …`) read from a comment, with the comment's place. */
export interface DirectiveFact extends Directive {
  place: Place;
}

/** Rules whose findings no directive can switch off: until the input parses, nothing else is checked. */
export const UNSUPPRESSIBLE_RULES: ReadonlySet<string> = new Set(['yaml-syntax', 'hcl-syntax']);

/** A syntax problem found while building the model, reported by the `yaml-syntax` and `hcl-syntax` rules. */
export interface SyntaxProblem {
  ruleId: 'yaml-syntax' | 'hcl-syntax';
  messageId: string;
  message: string;
  place: Place;
  /** Other places of the same problem. */
  related?: { place: Place; message: string }[];
}

/**
 * Why the chart would not deliver the selected config: it refuses to render it (a YAML map on chart
 * 0.29+), or (`noConfigMap`) it renders no ConfigMap at all because `server.standalone.config` and
 * `server.ha.config` are both empty (server-config-configmap.yaml), so the container's copy of its
 * config file fails and the pods never start.
 */
export interface ConfigRenderError {
  messageId: 'structuredConfig' | 'mixedConfigTypes' | 'jsonNeedsNewerChart' | 'noConfigMap';
  message: string;
  node: ValueNode;
  /** The first release whose behaviour avoids the failure: string-only configs (`structuredConfig`), JSON strings (`jsonNeedsNewerChart`). */
  since?: string;
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
  /** The limits in force for this run. */
  readonly limits: Limits;
  private readonly yamlComments: CommentFact[] = [];
  private readonly configs = new Map<string, VaultConfig | null>();
  private cache = new Map<string, unknown>();
  /** Each user layer's input and its own parse, for secrets the effective values no longer show. */
  private readonly inputs: { input: InputLayer; document: YamlDocument; layer: Layer }[] = [];

  constructor(
    inputs: InputLayer[],
    readonly options: ModelOptions,
  ) {
    this.chartVersion = options.chartVersion;
    this.releaseName = options.releaseName;
    this.limits = resolveLimits(options.limits);
    const { layer: defaults, tree } = chartDefaultTree(options.chartDefaults, `chart defaults ${options.chartVersion}`);
    this.layers = [defaults];
    let values = tree;
    let readable = true;
    inputs.forEach((input, i) => {
      // A byte order mark is not content: Helm's YAML reader drops it, and columns start after it.
      const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
      const layer: Layer = { kind: input.kind, label: input.label, source: text, index: i + 1 };
      this.layers.push(layer);
      const document = input.yaml ?? this.parseFile(text);
      this.inputs.push({ input, document, layer });
      for (const problem of document.problems) {
        this.syntaxProblems.push({
          ruleId: 'yaml-syntax',
          messageId: problem.messageId,
          message: problem.message,
          place: { layer, start: problem.start, end: problem.end, yamlPath: [] },
          ...(problem.related
            ? { related: problem.related.map(({ start, end, message }) => ({ place: { layer, start, end, yamlPath: [] }, message })) }
            : {}),
        });
      }
      for (const comment of document.comments ?? [])
        this.yamlComments.push({ text: comment.text, place: { layer, start: comment.start, end: comment.end, yamlPath: [] } });
      if (document.root === null && document.problems.some((problem) => problem.fatal || (problem.messageId === 'syntax' && input.yaml)))
        readable = false;
      if (input.kind === 'set' && document.root?.kind === 'map')
        for (const conflict of setConflicts(values, document.root, layer)) this.syntaxProblems.push(conflict);
      if (document.root?.kind === 'map') values = overlay(values, document.root, layer, [], undefined);
      // An empty or comments-only file is a null scalar: nothing to layer, nothing wrong.
      else if (document.root && !(document.root.kind === 'scalar' && document.root.value === null))
        this.syntaxProblems.push(notAMap(layer, document.root));
    });
    this.values = values;
    this.valuesReadable = readable;
    if (readable) this.collectConfigSyntax();
    if (readable) this.collectDirectiveProblems();
    // A `--set` label is the argument itself: mask its secrets before anything can print it.
    if (inputs.some((input) => input.kind === 'set')) redactSetLayers(this);
  }

  /** Parse a values file, unless it is over the size limit (then one finding and nothing read). */
  private parseFile(text: string): YamlDocument {
    const max = this.limits.maxFileSize;
    // UTF-8 never takes fewer bytes than UTF-16 code units, so only texts near the limit are measured.
    if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max)) {
      const end = text.length > 0 && text[0] !== '\n' && text[0] !== '\r' ? 1 : 0;
      return { root: null, problems: [{ messageId: 'fileTooLarge', message: fileTooLargeMessage(max), start: 0, end, fatal: true }] };
    }
    return parseYaml(text, this.limits);
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
      if (this.externalVaultAddr) return 'external';
      if (!this.serverEnabled) return 'external';
      if (helmEqualsTrue(this.valueOf('server.dev.enabled'))) return 'dev';
      if (helmEqualsTrue(this.valueOf('server.ha.enabled'))) return 'ha';
      const standalone = helmToString(this.valueOf('server.standalone.enabled'));
      return standalone === 'true' || standalone === '-' ? 'standalone' : 'none';
    });
  }

  /**
   * The external Vault address the chart reads, when one is set: `global.externalVaultAddr` (on
   * releases that read it) or `injector.externalVaultAddr`. Either makes the release external.
   */
  get externalVaultAddr(): ValueNode | undefined {
    const global = this.profile.globalExternalVaultAddr ? this.get('global.externalVaultAddr') : undefined;
    if (global && helmTruthy(global.value)) return global;
    const injector = this.get('injector.externalVaultAddr');
    return injector && helmTruthy(injector.value) ? injector : undefined;
  }

  /** The values key that names an external Vault on this release: `global.externalVaultAddr`, or on older releases `injector.externalVaultAddr`. */
  get externalVaultAddrKey(): string {
    return this.profile.globalExternalVaultAddr ? 'global.externalVaultAddr' : 'injector.externalVaultAddr';
  }

  /** True in either HA mode. */
  get isHa(): boolean {
    return this.mode === 'ha-raft' || this.mode === 'ha-other';
  }

  /** Whether the release runs standby pods: HA with two or more replicas (a single pod is always the active one). */
  get runsStandbys(): boolean {
    return this.isHa && this.replicas >= 2;
  }

  /** What this chart version's templates do differently from the others. */
  get profile(): ChartProfile {
    return chartProfile(this.chartVersion);
  }

  /**
   * Whether the chart renders `server.ha.raft.config` in this release: on chart 0.28.0 only in HA mode
   * (standalone reads standalone.config whatever `server.ha.raft.enabled` says).
   */
  get raftSelected(): boolean {
    return this.configPath === CONFIG_PATHS[2];
  }

  /**
   * Server pods the StatefulSet runs: in HA `server.ha.replicas` as this release's `vault.replicas`
   * reads it (3 when it does not take the value), else 1; 0 without a server.
   */
  get replicas(): number {
    if (this.isHa) {
      const node = this.get('server.ha.replicas');
      const replicas = node?.value;
      if (typeof replicas !== 'number') return 3;
      switch (this.profile.haReplicas) {
        case 'defaultThree':
          return replicas === 0 ? 3 : replicas;
        case 'int64Only':
          // Helm holds values-file numbers as float64; only a `--set` integer is an int64.
          return node?.layer.kind === 'set' && Number.isInteger(replicas) ? replicas : 3;
        case 'number':
          return replicas;
      }
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

  /** `.Release.Namespace`: the namespace given on the command line, else Helm's `default`. */
  get releaseNamespace(): string {
    return this.options.namespace ?? 'default';
  }

  /** Whether the release namespace was given (`--namespace`), not assumed. */
  get releaseNamespaceKnown(): boolean {
    return this.options.namespace !== undefined;
  }

  /** `vault.namespace`, where the chart's objects and pods land: `global.namespace`, else the release namespace. */
  get namespace(): string {
    return this.globalNamespace ?? this.releaseNamespace;
  }

  /** `global.namespace` when set and this release reads it (`vault.namespace`); older releases ignore it. */
  private get globalNamespace(): string | undefined {
    const global = this.profile.globalNamespace ? this.valueOf('global.namespace') : undefined;
    return typeof global === 'string' && global !== '' ? global : undefined;
  }

  /** Whether the namespace is known (given on the command line or by `global.namespace`), not assumed. */
  get namespaceKnown(): boolean {
    return this.options.namespace !== undefined || this.globalNamespace !== undefined;
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
      if (this.profile.configSelection === 'byMode') {
        if (mode === 'standalone') return CONFIG_PATHS[0];
        const raft = helmToString(this.valueOf('server.ha.raft.enabled'));
        if (raft === 'true') return CONFIG_PATHS[2];
        return raft === 'false' ? CONFIG_PATHS[1] : undefined;
      }
      if (helmTruthy(this.valueOf('server.ha.raft.enabled'))) return CONFIG_PATHS[2];
      return mode === 'standalone' ? CONFIG_PATHS[0] : CONFIG_PATHS[1];
    });
  }

  /** Why the chart would fail to render or deliver the selected config, if it would; no config is live then. */
  get configRenderError(): ConfigRenderError | undefined {
    return this.memo('configRenderError', () => {
      const mode = this.chartMode;
      if ((mode === 'standalone' || mode === 'ha') && !this.configMapRendered) {
        const own = this.values.get(mode === 'standalone' ? 'server.standalone.config' : 'server.ha.config');
        const other = this.values.get(mode === 'standalone' ? 'server.ha.config' : 'server.standalone.config');
        const node = own?.isUserSet ? own : other?.isUserSet ? other : own;
        if (node)
          return {
            messageId: 'noConfigMap',
            message: 'The chart renders no ConfigMap: server.standalone.config and server.ha.config are both empty',
            node,
          } as const;
      }
      const path = this.configPath;
      const node = path && this.values.get([...path]);
      if (!path || !node) return undefined;
      if (!this.profile.mapConfigRenders) {
        // Anything but a string fails the chart's typeOf test: a map, a list, a number, or null (a user `null` deletes the key).
        if (node.kind !== 'scalar' || typeof node.value !== 'string') {
          const what =
            node.kind === 'map'
              ? 'a YAML map'
              : node.kind === 'seq'
                ? 'a YAML list'
                : node.value === null
                  ? 'null'
                  : `a ${typeof node.value}`;
          return {
            messageId: 'structuredConfig',
            message: `Chart ${this.chartVersion} refuses ${what} at "${path.join('.')}": structured server config is not supported, value must be a string`,
            node,
            since: releaseIntroducing('mapConfigRenders', false),
          } as const;
        }
        return undefined;
      }
      // Where maps render, the chart picks string or map handling by the type of standalone.config or ha.config, whichever the mode reads.
      const decider = this.values.get(path[1] === 'standalone' ? 'server.standalone.config' : 'server.ha.config');
      const deciderIsMap = decider?.kind === 'map';
      if (deciderIsMap !== (node.kind === 'map')) {
        return {
          messageId: 'mixedConfigTypes',
          message: `Chart ${this.chartVersion} renders "${path.join('.')}" as ${deciderIsMap ? 'a map' : 'a string'} because "${decider?.path.join('.')}" is one, and fails on this config`,
          node,
        } as const;
      }
      if (!this.profile.jsonConfig && node.kind === 'scalar' && typeof node.value === 'string' && node.value.trimStart().startsWith('{')) {
        return {
          messageId: 'jsonNeedsNewerChart',
          message: `Chart ${this.chartVersion} prepends an HCL line to a JSON config string, which Vault then cannot parse; JSON strings need chart ${releaseIntroducing('jsonConfig', true)} or later`,
          node,
          since: releaseIntroducing('jsonConfig', true),
        } as const;
      }
      return undefined;
    });
  }

  /**
   * Whether server-config-configmap.yaml renders the config ConfigMap: outside dev and external mode,
   * only when `server.standalone.config` or `server.ha.config` is non-empty (whichever config it carries).
   */
  get configMapRendered(): boolean {
    const mode = this.chartMode;
    if (mode === 'external' || mode === 'dev') return false;
    return helmTruthy(this.valueOf('server.standalone.config')) || helmTruthy(this.valueOf('server.ha.config'));
  }

  /** The Vault config the chart renders (user's or the chart default), parsed; undefined when none is rendered. */
  get config(): VaultConfig | undefined {
    const path = this.configPath;
    return path ? this.configAt(path) : undefined;
  }

  /**
   * The config rules lint, parsed cleanly. Normally the config the chart renders (`config`), when it
   * renders. When the chart renders its own default only because the user wrote their config in a key
   * it ignores (`misplacedConfig`), it is that user config instead: its own problems are reported where
   * they are written, before the user moves it, and `raft-config-location` says the chart ignores it.
   * What really runs is `config`.
   */
  get parsedConfig(): VaultConfig | undefined {
    const misplaced = this.misplacedConfig;
    if (misplaced) return misplaced.ok ? misplaced : undefined;
    const config = this.config;
    return config && config.ok && !this.configRenderError ? config : undefined;
  }

  /**
   * The user's config that the chart ignores while it renders its own default config in its place:
   * the first of `ignoredConfigs` when the rendered config is the chart default. Undefined when the
   * user's own config is live, or no config renders at all.
   */
  /**
   * Where the config rules lint belongs, as a dotted values path for messages and hints: the live
   * config's key, or for a config written in a key the chart ignores (`misplacedConfig`), the key it
   * must move to, so that a hint never names a key the chart does not read.
   */
  get parsedConfigPath(): string | undefined {
    const config = this.parsedConfig;
    if (!config) return undefined;
    return config === this.misplacedConfig && this.configPath ? this.configPath.join('.') : config.source.path.join('.');
  }

  get misplacedConfig(): VaultConfig | undefined {
    const live = this.config;
    if (!live || live.isUserSet || this.configRenderError) return undefined;
    return this.ignoredConfigs[0];
  }

  /**
   * Configs the user wrote in keys the chart does not read in this mode: the config keys it does not
   * select, then strings in keys it never reads (`IGNORED_CONFIG_KEYS`).
   */
  get ignoredConfigs(): VaultConfig[] {
    return this.memo('ignoredConfigs', () => {
      const live = this.configPath?.join('.');
      const out: VaultConfig[] = [];
      for (const path of [...CONFIG_PATHS, ...IGNORED_CONFIG_KEYS]) {
        if (path.join('.') === live) continue;
        const node = this.values.get([...path]);
        if (!node?.isUserSet || !helmTruthy(node.value)) continue;
        if (!CONFIG_PATHS.includes(path) && typeof node.value !== 'string') continue;
        const config = this.configAt(path);
        if (config) out.push(config);
      }
      return out;
    });
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
    if (node.kind === 'map' && node.yaml?.kind === 'map') {
      // Chart 0.28 renders a YAML-map config with toPrettyJson: no tpl, so braces stay text.
      const body = yamlToHcl(node.yaml);
      const file: HclFile = { body, errors: [], comments: [], json: true };
      return new VaultConfig(node, 'yaml-map', file, '', identityMap, identityRendering(''));
    }
    if (typeof node.value !== 'string') return undefined;
    if (node.value.length > this.limits.maxConfigSize) {
      // Over the limit nothing is parsed: an empty config whose one error the syntax check reports.
      const file: HclFile = {
        body: { type: 'object', items: [], start: 0, end: 0 },
        errors: [{ message: 'too large', start: 0, end: 0 }],
        comments: [],
        json: false,
      };
      return new VaultConfig(node, 'hcl', file, '', identityMap, identityRendering(''));
    }
    const rendering = this.profile.configTpl === 'none' ? identityRendering(node.value) : renderTemplate(node.value, this.templateContext);
    const file = parseHcl(rendering.text);
    const format: ConfigFormat = file.json ? 'json' : 'hcl';
    // The chart re-encodes a JSON config and runs tpl over it a second time: what the first pass
    // printed as `{{ … }}` is a template again.
    if (this.configTemplatePasses(format) === 2) for (const problem of secondPassProblems(rendering)) rendering.problems.push(problem);
    const scalar = node.isUserSet && node.yaml?.kind === 'scalar' ? node.yaml : undefined;
    const map = scalar && node.layer.source !== undefined ? embedMap(scalar, node.layer.source) : identityMap;
    return new VaultConfig(node, format, file, node.value, map, rendering);
  }

  /**
   * How many times Helm's `tpl` runs over a config string of this format on this release: 0 (Helm
   * actions reach Vault as written), 1, or 2 (a JSON config is rendered, re-encoded and rendered
   * again, so an escape must survive two passes). A YAML-map config is never templated.
   */
  configTemplatePasses(format: ConfigFormat): 0 | 1 | 2 {
    if (format === 'yaml-map') return 0;
    const tpl = this.profile.configTpl;
    return tpl === 'none' ? 0 : tpl === 'jsonTwice' && format === 'json' ? 2 : 1;
  }

  /** Release facts for the few Helm actions the linter evaluates inside configs. */
  get templateContext(): TemplateContext {
    return {
      releaseName: this.releaseName,
      releaseNamespace: this.releaseNamespace,
      namespace: this.profile.globalNamespace ? this.namespace : undefined,
      fullname: this.fullname,
      // Helm reads numbers in values files as float64 and `--set` numbers as int64.
      value: (path) => {
        const node = this.values.get([...path]);
        return node && { value: node.value, integer: node.layer.kind === 'set' };
      },
    };
  }

  /** The configs the user wrote: the live one and those in keys the chart ignores, each parsed once. */
  get userConfigs(): VaultConfig[] {
    return this.memo('userConfigs', () =>
      [this.config, ...this.ignoredConfigs].filter((config): config is VaultConfig => config?.isUserSet === true),
    );
  }

  private collectConfigSyntax(): void {
    for (const config of this.userConfigs) {
      const where = config.source.path.join('.');
      const format = config.format === 'json' ? 'JSON' : 'HCL';
      if (typeof config.source.value === 'string' && config.source.value.length > this.limits.maxConfigSize) {
        this.syntaxProblems.push({
          ruleId: 'hcl-syntax',
          messageId: 'configTooLarge',
          message: `Vault config in "${where}" is longer than the limit of ${this.limits.maxConfigSize} characters; it is not read`,
          place: config.source.keyPlace(),
        });
        continue;
      }
      // The first error only: Vault's parser stops there, and whatever a recovering parser finds
      // after it (a stray "}" once a "{" is missing) is a guess, not a second mistake. What HCL v1
      // silently drops is reported only before that point, for the same reason.
      const first = config.file.errors.reduce<(typeof config.file.errors)[number] | undefined>(
        (best, error) => (best === undefined || error.start < best.start ? error : best),
        undefined,
      );
      if (first) {
        this.syntaxProblems.push({
          ruleId: 'hcl-syntax',
          messageId: config.format === 'json' ? 'invalidJson' : 'invalidHcl',
          message: `Invalid Vault config ${format} in "${where}": ${first.message}`,
          place: config.placeOf(first, []),
        });
      }
      // Text HCL v1 accepts but drops: Vault starts, just not with what was written.
      for (const warning of config.file.warnings ?? []) {
        if (first && warning.start >= first.start) continue;
        this.syntaxProblems.push({
          ruleId: 'hcl-syntax',
          messageId: 'ignoredByVault',
          message: `Ignored Vault config ${format} in "${where}": ${warning.message}`,
          place: config.placeOf(warning, []),
        });
      }
    }
  }

  /**
   * The comments of the user's files as the parsers found them: YAML comments, and the comments of
   * the user's embedded configs placed in the values file. A `#` inside a value is not a comment.
   */
  get comments(): CommentFact[] {
    return this.memo('comments', () => {
      const out = [...this.yamlComments];
      if (!this.valuesReadable) return out;
      for (const config of this.userConfigs) {
        if (config.format === 'yaml-map') continue;
        for (const comment of config.file.comments) {
          const place = config.placeOf(comment, []);
          // A comment inside an escaped or folded scalar has no exact line: it cannot aim a directive.
          if (!place.approximate) out.push({ text: comment.text, place });
        }
      }
      return out;
    });
  }

  /** The inline directives (`vault-lint-disable…`) written in the user's comments. */
  get directives(): DirectiveFact[] {
    return this.memo('directives', () => {
      const out: DirectiveFact[] = [];
      for (const comment of this.comments) {
        const directive = parseDirective(comment.text);
        if (directive) out.push({ ...directive, place: comment.place });
      }
      return out;
    });
  }

  /** A directive naming a syntax rule is itself a finding of that rule: syntax findings stay on. */
  private collectDirectiveProblems(): void {
    for (const directive of this.directives) {
      for (const ruleId of directive.rules) {
        if (ruleId !== 'yaml-syntax' && ruleId !== 'hcl-syntax') continue;
        this.syntaxProblems.push({
          ruleId,
          messageId: 'notDisableable',
          message: `Ignored "vault-lint-${directive.kind} ${ruleId}": syntax findings cannot be switched off`,
          place: directive.place,
        });
      }
    }
  }

  /**
   * Whether the data PVC (`server.dataStorage`) is rendered in this mode. `vault.volumeclaims` and
   * `vault.mounts` compare the switch with "true" (`eq (toString …) "true"`): `"True"` or `yes` renders none.
   */
  get dataStorageRendered(): boolean {
    if (!helmEqualsTrue(this.valueOf('server.dataStorage.enabled'))) return false;
    if (this.mode === 'standalone') return true;
    return this.isHa && helmEqualsTrue(this.valueOf('server.ha.raft.enabled'));
  }

  /** Whether the audit PVC (`server.auditStorage`) is rendered (any non-dev server mode; the switch compared with "true"). */
  get auditStorageRendered(): boolean {
    return helmEqualsTrue(this.valueOf('server.auditStorage.enabled')) && (this.mode === 'standalone' || this.isHa);
  }

  /** The storage type of the live config (`raft`, `file`, `consul`…), if it names one. */
  get storageType(): string | undefined {
    return this.parsedConfig?.root.blocks('storage')[0]?.label ?? this.parsedConfig?.root.blocks('backend')[0]?.label;
  }

  /**
   * Whether the server pods are raft voters: the live config's storage is Integrated Storage, or,
   * when the config names no storage, the chart selected its raft config.
   */
  get usesRaft(): boolean {
    const type = this.storageType;
    return type !== undefined ? type === 'raft' : this.mode === 'ha-raft';
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

  /**
   * Every secret text this release's input holds, for the redactor: the secrets of the effective
   * values; those of values a later layer overrode (found in that layer alone); credentials guessed
   * from text that does not parse (a broken file, a `--set` Helm refuses, a broken embedded config);
   * and each secret as written in the source when that differs (YAML or HCL escapes).
   */
  get knownSecrets(): string[] {
    return this.memo('knownSecrets', () => {
      const out = new Set<string>();
      if (this.valuesReadable) {
        for (const fact of this.secrets) {
          out.add(fact.value);
          const place = fact.place();
          if (!place.approximate && place.layer.source !== undefined) out.add(unquote(place.layer.source.slice(place.start, place.end)));
        }
        for (const config of this.userConfigs) {
          if (config.file.errors.length > 0) for (const guess of guessSecrets(config.text)) out.add(guess.value);
        }
      }
      for (const { input, document, layer } of this.inputs) {
        if (document.root === null) {
          for (const guess of this.guessedSpans(layer)) out.add(guess.value);
        } else if (
          document.root.kind === 'map' &&
          this.inputs.length > 1 &&
          (!this.valuesReadable || overridden(document.root, this.values, layer))
        ) {
          for (const secret of layerSecrets(input, this.options)) out.add(secret);
        }
      }
      return [...out];
    });
  }

  /** Credentials guessed in a layer that did not parse. */
  guessedSpans(layer: Layer): GuessedSecret[] {
    const entry = this.inputs.find((candidate) => candidate.layer === layer);
    if (!entry || entry.document.root !== null) return [];
    return entry.input.kind === 'set' ? guessSetSecrets(entry.input.text) : guessSecrets(entry.input.text);
  }

  /** Scrubs and masks every secret this release's input holds, in every form it could be printed in. */
  get redactor(): Redactor {
    return this.memo('redactor', () => Redactor.of(this.knownSecrets));
  }

  /** Env vars the values add to the Vault container, by name. */
  get env(): Map<string, EnvVar> {
    return this.memo('env', () => collectEnv(this));
  }

  /** Whether the server image is Vault Enterprise (an `-enterprise` repository or an `-ent` tag). */
  get isEnterprise(): boolean {
    const repository = this.valueOf('server.image.repository');
    const tag = this.valueOf('server.image.tag');
    return (
      (typeof repository === 'string' && /vault-enterprise/.test(repository)) || (typeof tag === 'string' && /-ent(\b|[.-])/.test(tag))
    );
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

  /** Why the release runs no Vault server although its Services or its injector need one; undefined otherwise. */
  get serverAbsence(): ServerAbsence | undefined {
    return this.memo('serverAbsence', () => collectServerAbsence(this));
  }

  /** True when Helm template logic the linter did not evaluate decides which `retry_join` stanzas Vault gets: count-based checks cannot tell then. */
  get raftJoinsUnknown(): boolean {
    return this.memo('raftJoinsUnknown', () => raftJoinsUnknown(this, this.raftJoins));
  }

  /** Config files `server.extraArgs` adds with `-config`, each with the mount it is read from. */
  get extraConfigFiles(): ExtraConfigFile[] {
    return this.memo('extraConfigFiles', () => collectExtraConfigFiles(this));
  }

  /**
   * Whether the live config is all Vault reads: false when `server.extraArgs` adds a `-config` file
   * whose content the values do not hold. Rules that report a missing stanza stay quiet then: the
   * stanza may be in that file.
   */
  get configFullyVisible(): boolean {
    return this.extraConfigFiles.every((file) => file.source === 'chart');
  }

  /** The seal Vault unseals with: the live config's seal stanzas and `VAULT_SEAL_TYPE`; undefined without a live config. */
  get seal(): SealFact | undefined {
    return this.memo('seal', () => collectSeal(this));
  }

  /** The cluster port each tcp listener of the live config opens: written or derived, and whether other pods can reach it. */
  get clusterListeners(): ClusterListener[] {
    return this.memo('clusterListeners', () => collectClusterListeners(this));
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

/** A secret as written, without the quotes around it (which stay visible in a masked line). */
function unquote(raw: string): string {
  return /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

/** The secrets of one layer read alone, once per input and chart version. */
const layerSecretCache = new WeakMap<InputLayer, Map<string, string[]>>();

function layerSecrets(input: InputLayer, options: ModelOptions): string[] {
  let byVersion = layerSecretCache.get(input);
  if (!byVersion) layerSecretCache.set(input, (byVersion = new Map()));
  let secrets = byVersion.get(options.chartVersion);
  if (!secrets) byVersion.set(options.chartVersion, (secrets = new Model([input], options).knownSecrets));
  return secrets;
}

/**
 * Whether a later layer replaced any value this layer wrote (so that its secrets may be missing
 * from the effective values). Each YAML node is visited once; a node met twice (an alias) or a
 * merge key answers yes, which only costs a second reading of the layer.
 */
function overridden(root: YMap, values: ValueNode, layer: Layer): boolean {
  const seen = new Set<YNode>();
  const stack: [YNode, ValueNode | undefined][] = [[root, values]];
  while (stack.length > 0) {
    const [yaml, node] = stack.pop()!;
    if (seen.has(yaml)) return true;
    seen.add(yaml);
    if (yaml.kind === 'scalar') {
      if (yaml.value !== null && node?.layer !== layer) return true;
    } else if (yaml.kind === 'map') {
      if (node?.kind !== 'map') return yaml.pairs.length > 0;
      for (const pair of yaml.pairs) {
        stack.push([pair.value, node.children.get(keyName(pair.key))]);
      }
    } else {
      if (node?.kind !== 'seq' || node.layer !== layer) return yaml.items.length > 0;
      yaml.items.forEach((item, i) => stack.push([item, node.items[i]]));
    }
  }
  return false;
}
