import { parseHcl } from '../../parse/hcl/index.js';
import type { HclFile, HclItem, HclKey, HclNode, HclObject } from '../../parse/hcl-types.js';
import { embedMap, identityMap } from '../../parse/embed.js';
import type { YNode, YScalar } from '../../parse/yaml.js';
import type { Limits } from '../../limits.js';
import type { SyntaxProblem } from '../values/layers.js';
import type { ValueNode } from '../values/tree.js';
import { ChartRelease, CONFIG_PATHS, IGNORED_CONFIG_KEYS, type ChartOptions } from '../chart/release.js';
import { helmTruthy } from '../chart/truth.js';
import { identityRendering, renderTemplate, secondPassProblems } from '../chart/tpl.js';
import { readHelmfileConfig, readTerraformConfig } from '../../parse/template-input.js';
import { VaultConfig, type ConfigFormat } from './vault-config.js';

/**
 * The release with its Vault configs read: the one the chart renders, those the user wrote in keys
 * the chart ignores, each parsed once and positioned in the values file.
 */
export class ConfiguredRelease extends ChartRelease {
  private readonly configs = new Map<string, VaultConfig | null>();

  constructor(
    values: ValueNode,
    options: ChartOptions,
    /** The limits in force for this run. */
    readonly limits: Limits,
  ) {
    super(values, options);
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
   * Where the config rules lint belongs, as a dotted values path for messages and hints: the live
   * config's key, or for a config written in a key the chart ignores (`misplacedConfig`), the key it
   * must move to, so that a hint never names a key the chart does not read.
   */
  get parsedConfigPath(): string | undefined {
    const config = this.parsedConfig;
    if (!config) return undefined;
    return config === this.misplacedConfig && this.configPath ? this.configPath.join('.') : config.source.path.join('.');
  }

  /**
   * The user's config that the chart ignores while it renders its own default config in its place:
   * the first of `ignoredConfigs` when the rendered config is the chart default. Undefined when the
   * user's own config is live, or no config renders at all.
   */
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
      // A chart that renders YAML-map configs does so with toPrettyJson: no tpl, so braces stay text.
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
    // A config inside a Terraform template: directives are comments already; `${…}` becomes text HCL reads, marked unknown.
    const terraform = node.isUserSet && node.layer.template?.kinds.includes('terraform') ? readTerraformConfig(node.value) : undefined;
    // A config inside a helmfile template: helmfile prints its value actions before the chart's tpl sees the file.
    const helmfile =
      node.isUserSet && node.layer.template?.kinds.includes('helm') ? readHelmfileConfig(terraform?.text ?? node.value) : undefined;
    const written = helmfile?.text ?? terraform?.text ?? node.value;
    const rendering = this.profile.configTpl === 'none' ? identityRendering(written) : renderTemplate(written, this.templateContext);
    // Rendered offsets equal written ones unless Helm actions print something: then the spans are close, not exact.
    for (const span of [...(terraform?.opaque ?? []), ...(helmfile?.opaque ?? [])]) rendering.templated.push(span);
    for (const span of terraform?.unevaluated ?? []) rendering.unevaluated.push(span);
    const file = parseHcl(rendering.text);
    const format: ConfigFormat = file.json ? 'json' : 'hcl';
    // The chart re-encodes a JSON config and runs tpl over it a second time: what the first pass
    // printed as `{{ … }}` is a template again.
    if (this.configTemplatePasses(format) === 2) for (const problem of secondPassProblems(rendering)) rendering.problems.push(problem);
    const scalar = node.isUserSet && node.yaml?.kind === 'scalar' ? node.yaml : undefined;
    const map = scalar && node.layer.source !== undefined ? embedMap(scalar, node.layer.source) : identityMap;
    return new VaultConfig(node, format, file, node.value, map, rendering);
  }

  /** The configs the user wrote: the live one and those in keys the chart ignores, each parsed once. */
  get userConfigs(): VaultConfig[] {
    return this.memo('userConfigs', () =>
      [this.config, ...this.ignoredConfigs].filter((config): config is VaultConfig => config?.isUserSet === true),
    );
  }

  /** Syntax problems of the user's configs, for the `hcl-syntax` rule: the first error of each, and what HCL v1 drops before it. */
  configSyntaxProblems(): SyntaxProblem[] {
    const out: SyntaxProblem[] = [];
    for (const config of this.userConfigs) {
      const where = config.source.path.join('.');
      const format = config.format === 'json' ? 'JSON' : 'HCL';
      if (typeof config.source.value === 'string' && config.source.value.length > this.limits.maxConfigSize) {
        out.push({
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
        out.push({
          ruleId: 'hcl-syntax',
          messageId: config.format === 'json' ? 'invalidJson' : 'invalidHcl',
          message: `Invalid Vault config ${format} in "${where}": ${first.message}`,
          place: config.placeOf(first, []),
        });
      }
      // Text HCL v1 accepts but drops: Vault starts, just not with what was written.
      for (const warning of config.file.warnings ?? []) {
        if (first && warning.start >= first.start) continue;
        out.push({
          ruleId: 'hcl-syntax',
          messageId: 'ignoredByVault',
          message: `Ignored Vault config ${format} in "${where}": ${warning.message}`,
          place: config.placeOf(warning, []),
        });
      }
    }
    return out;
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
}

/** A YAML-map config (charts before 0.29.0) seen through the HCL tree, positioned in the values file. */
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
