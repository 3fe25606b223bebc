import { chartProfile, releaseIntroducing, type ChartProfile } from './profile.js';
import type { ChartVersion } from './versions.js';
import type { Plain, PlainMap } from '../plain.js';
import { walkStrings, type PathSegment, type ValueNode } from '../values/tree.js';
import { componentEnabled, helmEqualsTrue, helmToString, helmTruthy } from './truth.js';
import { chartFullname, chartLabelName } from './naming.js';
import type { TemplateContext } from './template.js';

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

/**
 * Why the chart would not deliver the selected config: it refuses to render it (a YAML map from chart
 * 0.29.0), or (`noConfigMap`) it renders no ConfigMap at all because `server.standalone.config` and
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

/** What the chart needs besides the values: the version whose templates apply and the release's names. */
export interface ChartOptions {
  chartVersion: ChartVersion;
  releaseName: string;
  /** The release namespace (`helm -n`), when known; `global.namespace` overrides it. */
  namespace?: string;
  chartDefaults: PlainMap;
  /**
   * `.Chart.Name`: `vault`, or the alias an umbrella chart gives its vault dependency (Helm renames
   * an aliased subchart, so its names derive from the alias).
   */
  chartName?: string;
}

/**
 * What the chart renders from the effective values, decided as its templates decide it: the mode,
 * names and namespace, which config it selects, the Services, Ingress and disruption budget.
 * Reads values only; the Vault config itself is the config room's.
 */
export class ChartRelease {
  readonly chartVersion: ChartOptions['chartVersion'];
  readonly releaseName: string;
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly values: ValueNode,
    readonly options: ChartOptions,
  ) {
    this.chartVersion = options.chartVersion;
    this.releaseName = options.releaseName;
  }

  /** The value of a memoised fact, computed on first use. */
  protected memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * Every string scalar the user wrote, in the order of a depth-first walk (a map's children, then a
   * list's items): one walk of the values, shared by the scans that read every string (credentials,
   * their shapes, unseal-key scripts).
   */
  get userStrings(): readonly ValueNode[] {
    return this.memo('userStrings', () => {
      const out: ValueNode[] = [];
      walkStrings(this.values, (node) => out.push(node));
      return out;
    });
  }

  /** The effective value at a dotted path or path array. */
  get(path: string | PathSegment[]): ValueNode | undefined {
    return this.values.get(path);
  }

  /** The effective plain value at a path. */
  valueOf(path: string | PathSegment[]): Plain | undefined {
    return this.values.get(path)?.value;
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
   * Whether the chart renders `server.ha.raft.config` in this release: before 0.29.0 (profile `configSelection: 'byMode'`) only in HA mode
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
    return chartLabelName(this.valueOf('nameOverride'), this.options.chartName);
  }

  /** `vault.fullname`: the StatefulSet, Services and pod name prefix. */
  get fullname(): string {
    return chartFullname(this.releaseName, this.valueOf('nameOverride'), this.valueOf('fullnameOverride'), this.options.chartName);
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

  /**
   * How many times Helm's `tpl` runs over a config of this format on this release: 0 (Helm actions
   * reach Vault as written), 1, or 2 (a JSON config is rendered, re-encoded and rendered again, so an
   * escape must survive two passes). A YAML-map config is never templated.
   */
  configTemplatePasses(format: 'hcl' | 'json' | 'yaml-map'): 0 | 1 | 2 {
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
      ...(this.options.chartName !== undefined ? { chartName: this.options.chartName } : {}),
      // Helm reads numbers in values files as float64 and `--set` numbers as int64.
      value: (path) => {
        const node = this.values.get([...path]);
        return node && { value: node.value, integer: node.layer.kind === 'set' };
      },
    };
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

  /** Whether the server image is Vault Enterprise (an `-enterprise` repository or an `-ent` tag). */
  get isEnterprise(): boolean {
    const repository = this.valueOf('server.image.repository');
    const tag = this.valueOf('server.image.tag');
    return (
      (typeof repository === 'string' && /vault-enterprise/.test(repository)) || (typeof tag === 'string' && /-ent(\b|[.-])/.test(tag))
    );
  }
}
