import { dirname, resolve } from 'node:path';
import { checkChartVersion, type LintOptions } from '../engine/lint.js';
import type { Rule } from '../engine/rule.js';
import { configForFile, findConfig, loadConfig, type LintConfig } from './config-file.js';

/** The lint options of one release, and whether the config ignores it. */
export interface ReleaseSettings {
  options: LintOptions;
  ignored: boolean;
  /** Tells releases with the same options apart from others, so that one linter serves them all. */
  key: string;
}

/**
 * Decides the options of each release: the command line's flags over the config file that governs
 * the release's first values file (found above it, or named by `--config`; none with `--no-config`),
 * over the defaults. Config files are read once each.
 */
export class Settings {
  private readonly configs = new Map<string, LintConfig | undefined>();
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
  forRelease(file: string | undefined): ReleaseSettings {
    const config = this.configFor(file);
    if (!config) return { options: this.flags, ignored: false, key: '' };
    const decided = configForFile(config, resolve(this.cwd, file ?? '.'));
    const options: LintOptions = { ...this.flags, rules: { ...decided.rules, ...this.flags.rules } };
    if (options.preset === undefined && decided.preset !== undefined) options.preset = decided.preset;
    if (options.chartVersion === undefined && decided.chartVersion !== undefined)
      options.chartVersion = checkChartVersion(decided.chartVersion);
    if (options.releaseName === undefined && decided.releaseName !== undefined) options.releaseName = decided.releaseName;
    if (options.namespace === undefined && decided.namespace !== undefined) options.namespace = decided.namespace;
    return { options, ignored: file !== undefined && decided.ignored, key: JSON.stringify([config.path, options]) };
  }

  private configFor(file: string | undefined): LintConfig | undefined {
    if (this.explicit === false) return undefined;
    const path = this.explicit ?? findConfig(file === undefined ? this.cwd : dirname(resolve(this.cwd, file)));
    if (path === undefined) return undefined;
    if (!this.configs.has(path)) this.configs.set(path, loadConfig(path, this.rules, [], this.cwd));
    return this.configs.get(path);
  }
}
