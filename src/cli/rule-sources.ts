import type { ConfigError } from '../engine/config.js';
import type { Rule } from '../engine/rule.js';
import type { YNode } from '../parse/yaml.js';

/** What a config key that adds rules is given: its value, positioned, and where the config is. */
export interface RuleSourceContext {
  /** The key's value in the config file, with positions. */
  node: YNode;
  /** A problem at a node of the config: `file:line:col: key.path: expected…`, exit 2. */
  problem(node: YNode, path: readonly (string | number)[], expected: string): ConfigError;
  /** The config file's folder, absolute: relative paths in the value are relative to it. */
  folder: string;
  /** The config file as the user sees it (relative to the working folder). */
  file: string;
  /** The config's `chartVersion`, when it sets one. */
  chartVersion?: string;
}

/** Reads a config key's value into rules that join the registry for the files that config governs. */
export type RuleSource = (source: RuleSourceContext) => Promise<Rule[]>;

/**
 * The config keys that add rules, read before `rules:` and `overrides:` (which may set the added
 * rules' severities and options). Each loader imports its code only when a config has the key, so
 * a run without them starts without it.
 */
export const RULE_SOURCES: Readonly<Record<string, RuleSource>> = {
  // The policy machinery (CEL, Ajv, the path checks) loads only for a config that declares policies.
  policies: async (source) => (await import('../policy/index.js')).loadPolicies(source),
  plugins: async (source) => (await import('./plugins.js')).loadPlugins(source),
};
