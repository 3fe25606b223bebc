import { dirname, resolve } from 'node:path';
import { checkChartVersion, type LintOptions } from '../engine/lint.js';
import type { Rule } from '../engine/rule.js';
import { configForFile, findConfig, loadConfig, type LintConfig } from './config-file.js';

/** A release named under `releases:` in a config file. */
export interface NamedRelease {
  config: LintConfig;
  name: string;
}

/** The lint options of one release, and whether the config ignores it. */
export interface ReleaseSettings {
  options: LintOptions;
  ignored: boolean;
  /** Tells releases with the same options apart from others, so that one linter serves them all. */
  key: string;
  /** The rules the governing config adds to the registry (`policies:`, `plugins:`); reporters must know them. */
  addedRules: readonly Rule[];
}

/**
 * Decides the options of each release: the command line's flags over the config file that governs
 * the release's first values file (found above it, or named by `--config`; none with `--no-config`),
 * over the defaults. Config files are read once each.
 */
export class Settings {
  private readonly configs = new Map<string, Promise<LintConfig>>();
  private readonly explicit: string | false | undefined;

  constructor(
    private readonly flags: LintOptions,
    config: string | boolean | undefined,
    private readonly cwd: string,
    private readonly rules: readonly Rule[],
  ) {
    this.explicit = config === false ? false : typeof config === 'string' ? resolve(cwd, config) : undefined;
  }

  /** The settings of the release whose first values file is `file` (undefined: standard input or `--set` alone). */
  async forRelease(file: string | undefined): Promise<ReleaseSettings> {
    const config = await this.configFor(file);
    if (!config) return { options: this.flags, ignored: false, key: '', addedRules: [] };
    const decided = await configForFile(config, resolve(this.cwd, file ?? '.'));
    const options: LintOptions = { ...this.flags, rules: { ...decided.rules, ...this.flags.rules } };
    if (config.addedRules.length > 0) options.registry = [...this.rules, ...config.addedRules];
    if (options.preset === undefined && decided.preset !== undefined) options.preset = decided.preset;
    if (options.chartVersion === undefined && decided.chartVersion !== undefined)
      options.chartVersion = checkChartVersion(decided.chartVersion);
    if (options.releaseName === undefined && decided.releaseName !== undefined) options.releaseName = decided.releaseName;
    if (options.namespace === undefined && decided.namespace !== undefined) options.namespace = decided.namespace;
    return { options, ignored: file !== undefined && decided.ignored, key: linterKey(config, options), addedRules: config.addedRules };
  }

  /** The named releases of the config that governs the current folder: what `vault-lint` alone lints. */
  async allReleases(): Promise<NamedRelease[]> {
    const config = await this.configFor(undefined);
    return config ? Object.keys(config.releases).map((name) => ({ config, name })) : [];
  }

  /** The named releases whose values include `file`: a file of a release is linted within it. */
  async releasesOf(file: string): Promise<NamedRelease[]> {
    const config = await this.configFor(file);
    if (!config) return [];
    const path = resolve(this.cwd, file);
    return Object.entries(config.releases)
      .filter(([, release]) => release.values.includes(path))
      .map(([name]) => ({ config, name }));
  }

  /** The settings of a named release: flags over the release's own fields over the config's. */
  async forNamed({ config, name }: NamedRelease): Promise<ReleaseSettings> {
    const release = config.releases[name]!;
    const settings = await this.forRelease(release.values[0]);
    const options: LintOptions = { ...settings.options };
    if (this.flags.chartVersion === undefined && release.chartVersion !== undefined)
      options.chartVersion = checkChartVersion(release.chartVersion);
    if (this.flags.releaseName === undefined && release.releaseName !== undefined) options.releaseName = release.releaseName;
    if (this.flags.namespace === undefined && release.namespace !== undefined) options.namespace = release.namespace;
    return { ...settings, options, ignored: false, key: linterKey(config, options) };
  }

  /** The rules a config adds, for `--list-rules` and `explain`: those of the config governing the current folder. */
  async addedRules(): Promise<readonly Rule[]> {
    return (await this.configFor(undefined))?.addedRules ?? [];
  }

  private async configFor(file: string | undefined): Promise<LintConfig | undefined> {
    if (this.explicit === false) return undefined;
    const path = this.explicit ?? findConfig(file === undefined ? this.cwd : dirname(resolve(this.cwd, file)));
    if (path === undefined) return undefined;
    let config = this.configs.get(path);
    if (!config) this.configs.set(path, (config = loadConfig(path, this.rules, { cwd: this.cwd })));
    return config;
  }
}

/**
 * Which linter serves a release: its config and the options that differ between releases. The
 * registry is left out, or every release would serialise it: it is the built-in rules plus those
 * the config adds, so the config's path decides it.
 */
function linterKey(config: LintConfig, { registry: _registry, ...options }: LintOptions): string {
  return JSON.stringify([config.path, options]);
}
