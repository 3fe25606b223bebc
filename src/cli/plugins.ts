import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { moduleResolve } from 'import-meta-resolve';
import type { Rule, RuleContext } from '../engine/rule.js';
import { RuleCrashError } from '../engine/run.js';
import { SEVERITIES } from '../engine/types.js';
import type { ModelResource } from '../model/facts/schema-check.js';
import type { ConfigError } from '../engine/config.js';
import type { YNode } from '../parse/yaml.js';

// `plugins:` in a config file: modules that export rules made with the public `defineRule`.
// Loaded only when a config has the key (rule-sources.ts imports this module on demand).

/**
 * What the loader reads of a config's `plugins:` (rule-sources.ts's RuleSourceContext, which imports
 * this module on demand and so cannot be imported back).
 */
interface PluginSource {
  node: YNode;
  problem(node: YNode, path: readonly (string | number)[], expected: string): ConfigError;
  folder: string;
  file: string;
}

/** A plugin rule's id: `<namespace>/<rule>`, both kebab-case, so it can never take a built-in rule's id. */
export const PLUGIN_RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What a rule may ask the engine to load before it runs (`requires`). */
const RESOURCES: readonly string[] = ['valuesSchema', 'vaultConfigSchema'] satisfies readonly ModelResource[];

/** The keys of meta that name messages. */
const MESSAGE_KEYED = ['hints', 'messageGuides', 'messageSeverities'] as const;

/**
 * Load the plugins a config lists: each entry a module path relative to the config file (`./x.js`,
 * `../x`, a folder with a package.json) or a package name resolved from the config's folder. A
 * plugin's default export is an array of rules, or `{ rules: [...] }`. Anything that keeps a plugin
 * from giving valid rules is a config problem at its entry (exit 2).
 */
export async function loadPlugins(source: PluginSource): Promise<Rule[]> {
  const { node } = source;
  if (node.kind !== 'seq') throw source.problem(node, ['plugins'], 'expected a list of module paths (./rules.js) or package names');
  const rules: Rule[] = [];
  const owners = new Map<string, string>();
  for (const [index, item] of node.items.entries()) {
    const at = ['plugins', index];
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '')
      throw source.problem(item, at, 'expected a module path (./rules.js) or a package name');
    const name = item.value;
    const fail = (why: string) => source.problem(item, at, `plugin "${name}" ${why}`);
    let url: URL;
    try {
      url = locate(name, source.folder);
    } catch (error) {
      throw fail(notFound(name, source.file, error));
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(url.href)) as Record<string, unknown>;
    } catch (error) {
      throw fail(`failed to load: ${firstLine(error)}`);
    }
    for (const [position, candidate] of exportedRules(module, fail).entries()) {
      const problem = invalidRule(candidate);
      if (problem !== undefined) throw fail(`exports an invalid rule (#${position + 1}${idOf(candidate)}): ${problem}`);
      const rule = candidate as Rule;
      const other = owners.get(rule.id);
      if (other !== undefined)
        throw fail(`exports the rule "${rule.id}", which ${other === name ? 'it exports twice' : `plugin "${other}" already exports`}`);
      owners.set(rule.id, name);
      rules.push(pluginRule(rule, name));
    }
  }
  return rules;
}

/** The module a plugin entry names: a path (relative to the config's folder) or a package, by Node's ESM resolution. */
function locate(name: string, folder: string): URL {
  const base = pathToFileURL(`${folder}/`);
  if (isPackageName(name)) return moduleResolve(name, base);
  const path = resolve(folder, name);
  if (!isFolder(path)) return moduleResolve(pathToFileURL(path).href, base);
  // A folder is a package of its own, entered as its users would: through its exports (a
  // self-reference from inside it), else its main, else index.js.
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name?: unknown; exports?: unknown; main?: unknown };
  const inside = pathToFileURL(join(path, 'package.json'));
  if (manifest.exports !== undefined && typeof manifest.name === 'string') return moduleResolve(manifest.name, inside);
  return moduleResolve(pathToFileURL(resolve(path, typeof manifest.main === 'string' ? manifest.main : 'index.js')).href, inside);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The rules a plugin module exports: `export default [rule, …]` or `export default { rules: [rule, …] }`. */
function exportedRules(module: Record<string, unknown>, fail: (why: string) => Error): unknown[] {
  const exported = module.default;
  const list = Array.isArray(exported)
    ? exported
    : typeof exported === 'object' && exported !== null && Array.isArray((exported as { rules?: unknown }).rules)
      ? (exported as { rules: unknown[] }).rules
      : undefined;
  if (!list) throw fail('exports no rules; expected export default [rule, …] or export default { rules: [rule, …] }');
  if (list.length === 0) throw fail('exports an empty list of rules');
  return list;
}

function idOf(candidate: unknown): string {
  const id = (candidate as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` "${id}"` : '';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** What is wrong with a value a plugin gives as a rule, or undefined when it is a rule the engine can run. */
export function invalidRule(candidate: unknown): string | undefined {
  if (!isObject(candidate)) return 'expected a rule made with defineRule from "vault-lint"';
  const { id, meta, check } = candidate;
  if (typeof id !== 'string') return 'missing id';
  if (!PLUGIN_RULE_ID.test(id)) return `expected the id "${id}" to be namespaced and kebab-case, e.g. "acme/registry-allowed"`;
  if (typeof check !== 'function') return 'missing check(context)';
  if (!isObject(meta)) return 'missing meta';
  if (!isText(meta.description)) return 'missing meta.description';
  if (!(SEVERITIES as readonly unknown[]).includes(meta.severity)) return 'expected meta.severity to be "error", "warning" or "info"';
  if (!Array.isArray(meta.tags) || !meta.tags.every(isText)) return 'expected meta.tags to be a list of strings';
  if (!isText(meta.guide)) return 'missing meta.guide';
  if (!isObject(meta.messages) || Object.keys(meta.messages).length === 0 || !Object.values(meta.messages).every(isText))
    return 'expected meta.messages to map each messageId to its message';
  for (const key of MESSAGE_KEYED) {
    const keyed = meta[key];
    if (keyed === undefined) continue;
    if (!isObject(keyed)) return `expected meta.${key} to be an object`;
    const stray = Object.keys(keyed).find((messageId) => !Object.hasOwn(meta.messages as object, messageId));
    if (stray !== undefined) return `meta.${key} names "${stray}", which is no message of the rule`;
  }
  if (Object.values((meta.messageSeverities as object | undefined) ?? {}).some((severity) => !SEVERITIES.includes(severity as never)))
    return 'expected meta.messageSeverities to give "error", "warning" or "info"';
  const requires = candidate.requires;
  if (requires !== undefined && !(Array.isArray(requires) && requires.every((resource) => RESOURCES.includes(resource as string))))
    return `expected requires to list resources of ${RESOURCES.map((resource) => `"${resource}"`).join(', ')}`;
  if (meta.appliesTo !== undefined && !isObject(meta.appliesTo)) return 'expected meta.appliesTo to be an object ({ modes, minReplicas })';
  if (meta.docs !== undefined && !(typeof meta.docs === 'string' && /^https?:\/\/\S+$/.test(meta.docs)))
    return 'expected meta.docs to be the URL of the rule page';
  if (meta.options !== undefined && !(isObject(meta.options) && Object.values(meta.options).every(isOption)))
    return 'expected meta.options to declare each option with type, default and description';
  return undefined;
}

function isOption(option: unknown): boolean {
  return (
    isObject(option) &&
    ['boolean', 'integer', 'string', 'string[]'].includes(option.type as string) &&
    'default' in option &&
    isText(option.description)
  );
}

/**
 * The rule as the registry holds it: its page is its own `meta.docs` (never one derived for
 * vault-lint), and whatever its check throws names the rule and the plugin (exit 2).
 */
function pluginRule(rule: Rule, plugin: string): Rule {
  const crash = (error: unknown) => new RuleCrashError(rule.id, error instanceof RuleCrashError ? error.original : error, plugin);
  const check = (context: RuleContext) => {
    let returned: unknown;
    try {
      returned = rule.check.call(rule, context) as unknown;
    } catch (error) {
      throw crash(error);
    }
    // The engine runs checks synchronously: findings reported after a promise settles would be lost.
    if (typeof (returned as { then?: unknown } | undefined)?.then === 'function') {
      (returned as Promise<unknown>).catch(() => {});
      throw crash(new Error('check returned a promise; a check reports synchronously'));
    }
  };
  const out: Rule = { id: rule.id, meta: rule.meta, check, docsUrl: rule.meta.docs, plugin };
  return rule.requires ? { ...out, requires: rule.requires } : out;
}

/** Why a plugin entry names no module, without the machine's paths Node's message carries. */
function notFound(name: string, file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ERR_MODULE_NOT_FOUND') return `cannot be resolved: ${firstLine(error)}`;
  return isPackageName(name)
    ? `is not installed where ${file} is (npm install --save-dev ${name})`
    : `names no file (paths are relative to ${file})`;
}

function isPackageName(name: string): boolean {
  return !(name.startsWith('./') || name.startsWith('../') || isAbsolute(name));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split(/\r?\n/, 1)[0]!;
}
