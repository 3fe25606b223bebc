import type { SchemaError, SchemaModule } from '../../schemas/validator.js';
import { declaredAt, knownKeysAt, schemaNodesAt, suggestKey } from '../../schemas/suggest.js';
import { fromPointer, shapeConfig, toPointer, type ShapeTarget } from '../config/shape.js';
import { caseInsensitiveAt, LABELLED_STANZAS } from '../config/vocabulary.js';
import type { ConfiguredRelease } from '../config/release.js';
import type { Locatable, ValueNode } from '../values/tree.js';
import type { VaultConfig } from '../config/vault-config.js';
import { importValuesValidator } from '../chart-defaults/loaders.js';

/**
 * Facts a rule can declare in `requires`, loaded before rules run because they import code on
 * demand: the validator of the values schema (of the chart version in use only), and that of the
 * Vault config schema (only when the values hold a config of the user's).
 */
export type ModelResource = 'valuesSchema' | 'vaultConfigSchema';

type SchemaName = `values-${ConfiguredRelease['chartVersion']}` | 'vault-config';

const loaded = new Map<SchemaName, SchemaModule>();

// The loaders use literal specifiers, so that the bundler splits each validator into a chunk of its own.
function importSchema(name: SchemaName): Promise<SchemaModule> {
  if (name === 'vault-config') return import('../../schemas/generated/vault-config.js');
  const version = name.slice('values-'.length);
  const loading = importValuesValidator(version);
  if (!loading) throw new Error(`No generated values validator for chart ${version}: run node scripts/gen-chart.mjs`);
  return loading;
}

/** Load what the resources need for this model; modules stay loaded for the rest of the process. */
export async function loadResources(model: ConfiguredRelease, resources: readonly ModelResource[]): Promise<void> {
  const names = new Set<SchemaName>();
  if (resources.includes('valuesSchema')) names.add(`values-${model.chartVersion}`);
  if (resources.includes('vaultConfigSchema') && configsToCheck(model).length > 0) names.add('vault-config');
  await Promise.all([...names].filter((name) => !loaded.has(name)).map(async (name) => loaded.set(name, await importSchema(name))));
}

/** The validators loaded so far in this process (for tests of what gets loaded). */
export function loadedSchemas(): string[] {
  return [...loaded.keys()].sort();
}

function schemaModule(name: SchemaName): SchemaModule {
  const module = loaded.get(name);
  if (!module)
    throw new Error(`The ${name} schema validator was read before it was loaded: declare its resource in the rule's \`requires\``);
  return module;
}

/** One place where the values or a Vault config do not match their schema. */
export interface SchemaProblem {
  /**
   * `unknownKey`: a key the schema does not know (Helm or Vault ignores it); `unknownType`: an
   * unknown stanza type (`storage "raf"`); `wrongType`: a value of the wrong type, form or range;
   * `missingKey`: a required key is absent; `conflict`: keys that exclude each other; `extraBlock`:
   * a second block of a stanza Vault allows once.
   */
  kind: 'unknownKey' | 'unknownType' | 'wrongType' | 'missingKey' | 'conflict' | 'extraBlock';
  /** Where to report: the key for unknown keys and types, the value otherwise. */
  node: Locatable;
  /** The offending (or missing) key, or the last key of the offending value. */
  key: string;
  /** The object holding it: a dotted values path (`server.ha`, empty at the top level), or a config stanza with its preposition (`in listener "tcp"`, `at the top level`). */
  where: string;
  /** The full dotted values path of the value; in a config, the parameter name, or for `unknownType` and `extraBlock` the stanza (`storage`). */
  path: string;
  /** The known key (or type) the user most likely meant. */
  suggestion?: string;
  /**
   * For an unknown values key without a suggestion: the nearest enclosing object (dotted path, `''`
   * for the top level) where the chart does read this key, e.g. `ui` written under `server`.
   */
  elsewhere?: string;
  /** What the schema wants, in words: `an integer`, `one of "tls10", "tls11", "tls12" or "tls13"`. */
  expected?: string;
  /** What was written, in words; strings that are secrets or long are not quoted. */
  found?: string;
  /** The other key, for a conflict. */
  other?: string;
}

/** A problem in an embedded Vault config. */
export interface ConfigSchemaProblem extends SchemaProblem {
  config: VaultConfig;
  /** For unknown keys: Vault logs a warning (top level, listener, telemetry) instead of ignoring it silently. */
  vaultWarns: boolean;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * The values the user wrote, checked against the chart version's values schema. Only user-set
 * nodes are validated (chart defaults never produce a problem); a later layer that overrides a
 * value hides the earlier one, as in Helm. A `null` the user wrote deletes a key and is not a type
 * problem; neither is the type of a config key (see `collectConfigRenderProblem`).
 */
/** `secrets`: the values never echoed in a message. */
export function collectValuesSchemaProblems(model: ConfiguredRelease, secrets: readonly { value: string }[]): SchemaProblem[] {
  const { validate, schema } = schemaModule(`values-${model.chartVersion}`);
  if (!model.values.isUserSet) return [];
  if (validate(userValues(model.values))) return [];
  const secretValues = new Set(secrets.map((secret) => secret.value));
  const out: SchemaProblem[] = [];
  const typed = new Set<string>();
  const misplaced = model.misplacedConfig?.source;
  const writtenKeys = new Map<ValueNode, ReadonlySet<string>>();
  for (const error of withoutBranchErrors(validate.errors ?? [])) {
    const segments = fromPointer(error.instancePath);
    const node = valueAt(model.values, segments);
    if (!node) continue;
    const where = segments.join('.');
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const child = node.get([key]);
      // A config written in a key the chart never reads gets one finding, from raft-config-location.
      if (child && child === misplaced) continue;
      const problem: SchemaProblem = {
        kind: 'unknownKey',
        node: child ? { place: () => child.keyPlace() } : node,
        key,
        where,
        path: [...segments, key].join('.'),
      };
      // Computed once per map: a map with thousands of unknown keys must not be rescanned for each.
      let siblings = writtenKeys.get(node);
      if (!siblings) {
        siblings = new Set([...node.children].filter(([, sibling]) => sibling.isUserSet).map(([name]) => name));
        writtenKeys.set(node, siblings);
      }
      const suggestion = suggestKey(key, knownKeysAt(schema, segments), siblings);
      if (suggestion !== undefined) problem.suggestion = suggestion;
      else {
        const home = enclosingDeclaration(schema, key, segments);
        if (home !== undefined) problem.elsewhere = home;
      }
      out.push(problem);
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      out.push({ kind: 'missingKey', node, key, where, path: where });
    } else if (node.value !== null && !typed.has(error.instancePath) && !CONFIG_POINTERS.has(error.instancePath)) {
      typed.add(error.instancePath);
      out.push({
        kind: 'wrongType',
        node,
        key: String(segments.at(-1) ?? ''),
        where: segments.slice(0, -1).join('.'),
        path: where,
        expected: expectedOf(schema, error),
        found: describeValue(node.value, secretValues),
      });
    }
  }
  return out;
}

/** The nearest ancestor of `segments` (an object the user's key sits inside) whose schema declares `key`. */
function enclosingDeclaration(schema: object, key: string, segments: readonly (string | number)[]): string | undefined {
  const path = segments.map(String);
  const ancestors = declaredAt(schema, key, path.length).filter(
    (found) => found.length < path.length && found.every((segment, index) => segment === path[index]),
  );
  return ancestors.sort((a, b) => b.length - a.length)[0]?.join('.');
}

/** The three config keys: whether the chart can render what they hold is `configRenderProblem`'s call, not the schema's. */
const CONFIG_POINTERS = new Set(['/server/standalone/config', '/server/ha/config', '/server/ha/raft/config']);

/** The effective values restricted to what user layers wrote. */
function userValues(node: ValueNode): unknown {
  if (node.kind === 'map') {
    const out: Record<string, unknown> = {};
    // What a template expression prints is unknown: it is left out, as if not written.
    for (const [key, child] of node.children) if (child.isUserSet && !child.templated) out[key] = userValues(child);
    return out;
  }
  if (node.kind === 'seq') return node.items.map(userValues);
  return node.value;
}

function valueAt(root: ValueNode, segments: readonly string[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (const segment of segments) node = node?.kind === 'seq' ? node.items[Number(segment)] : node?.children.get(segment);
  return node;
}

/** Why the chart fails to render the config, with the words a message needs. */
export interface ConfigRenderProblem {
  messageId: 'structuredConfig' | 'mixedConfigTypes' | 'jsonNeedsNewerChart' | 'noConfigMap';
  node: ValueNode;
  /**
   * `path` of the config (for `noConfigMap`, the empty key to fix); `found` and `expected` kinds (a map,
   * a string, null); `decider`, the key whose type a chart that renders maps follows; `live`, the key whose config
   * the ConfigMap would carry; `fix`, for `noConfigMap`, what to change; `since`, the first release
   * with the behaviour that avoids the failure (string-only configs, JSON strings).
   */
  data: { path: string; found: string; expected: string; decider: string; live: string; fix: string; since: string };
}

/** `model.configRenderError` with message data: what was written, and what the chart wanted. */
export function collectConfigRenderProblem(model: ConfiguredRelease): ConfigRenderProblem | undefined {
  const error = model.configRenderError;
  if (!error) return undefined;
  const path = error.node.path.join('.');
  const kind = (node: ValueNode | undefined): string =>
    node?.kind === 'map' ? 'a map' : node?.value === null ? 'null' : node?.kind === 'seq' ? 'a list' : 'a string';
  const decider = error.node.path[1] === 'standalone' ? 'server.standalone.config' : 'server.ha.config';
  const live = model.configPath?.join('.') ?? path;
  // When another key carries the config, the empty key only has to stop being empty; its chart default is never rendered.
  const fix =
    live === path
      ? `Write the server config (HCL with a TLS listener) in "${path}"`
      : `Remove the empty "${path}" so its chart default applies; the ConfigMap then carries "${live}"`;
  return {
    messageId: error.messageId,
    node: error.node,
    data: { path, found: kind(error.node), expected: kind(model.get(decider)), decider, live, fix, since: error.since ?? '' },
  };
}

// ---------------------------------------------------------------------------------------------
// Vault configs

/** The user's configs worth checking: the live one and those the chart ignores, parsed cleanly; none in dev or external mode. */
export function configsToCheck(model: ConfiguredRelease): VaultConfig[] {
  if (model.mode === 'dev' || model.mode === 'external') return [];
  const live = model.parsedConfig;
  return [...(live?.isUserSet ? [live] : []), ...model.ignoredConfigs.filter((config) => config.ok && config !== live)];
}

/**
 * The user's Vault configs checked against the Vault config schema, in its normalised shape built
 * from the positioned tree. Keys that differ from a known one only by case are accepted where Vault
 * matches them case-insensitively; values that depend on Helm actions the linter cannot evaluate
 * are not judged.
 */
/** `secrets`: the values never echoed in a message. */
export function collectConfigSchemaProblems(model: ConfiguredRelease, secrets: readonly { value: string }[]): ConfigSchemaProblem[] {
  const configs = configsToCheck(model);
  if (configs.length === 0) return [];
  const { validate, schema } = schemaModule('vault-config');
  const secretValues = new Set(secrets.map((secret) => secret.value));
  const knownKeys = memoKnownKeys(schema);
  const out: ConfigSchemaProblem[] = [];
  for (const config of configs) {
    const shape = shapeConfig(config, knownKeys);
    for (const extra of shape.extraBlocks) {
      out.push({
        kind: 'extraBlock',
        node: extra.target.key,
        key: extra.label,
        where: 'at the top level',
        path: extra.name,
        config,
        vaultWarns: false,
      });
    }
    if (validate(shape.data)) continue;
    const typed = new Set<string>();
    const presentKeys = new Map<string, ReadonlySet<string>>();
    for (const error of withoutBranchErrors(validate.errors ?? [])) {
      const segments = fromPointer(error.instancePath);
      const where = stanzaOf(segments);
      const base = { config, vaultWarns: false };
      if (error.keyword === 'maxProperties') continue; // reported as extraBlock, at the block itself
      if (error.keyword === 'additionalProperties') {
        const key = String(error.params.additionalProperty);
        const target = shape.targets.get(toPointer([...segments, key]));
        if (!target) continue;
        const isType = segments.length === 1 && LABELLED_STANZAS.has(segments[0]!);
        const problem: ConfigSchemaProblem = {
          ...base,
          kind: isType ? 'unknownType' : 'unknownKey',
          node: target.key,
          key,
          where,
          path: isType ? segments[0]! : key,
          vaultWarns: vaultWarnsAt(segments),
        };
        const pointer = toPointer(segments);
        let present = presentKeys.get(pointer);
        if (!present) {
          const block = valueAtPath(shape.data, segments);
          present = new Set(block !== null && typeof block === 'object' && !Array.isArray(block) ? Object.keys(block) : []);
          presentKeys.set(pointer, present);
        }
        const suggestion = suggestKey(key, knownKeys(segments), present);
        if (suggestion !== undefined) problem.suggestion = suggestion;
        out.push(problem);
        continue;
      }
      const target = targetAt(shape.targets, segments);
      if (!target || target.templated || typed.has(error.instancePath)) continue;
      typed.add(error.instancePath);
      const key = String(segments.filter((segment) => !/^\d+$/.test(segment)).at(-1) ?? '');
      const conflict = error.keyword === 'not' ? requiredTogether(schema, error) : undefined;
      if (conflict) {
        out.push({ ...base, kind: 'conflict', node: target.value, key: conflict[0]!, other: conflict[1]!, where, path: key });
        continue;
      }
      const value = valueAtPath(shape.data, segments);
      out.push({
        ...base,
        kind: 'wrongType',
        node: target.value,
        key,
        where: stanzaOf(segments.slice(0, -1)),
        path: key,
        expected: expectedOf(schema, error, CONFIG_DEFINITIONS),
        found: describeValue(value, secretValues),
      });
    }
  }
  return out;
}

/** The target of a pointer, or of its closest written ancestor (a templated one hides its subtree). */
function targetAt(targets: Map<string, ShapeTarget>, segments: readonly string[]): ShapeTarget | undefined {
  for (let length = segments.length; length >= 0; length--) {
    const target = targets.get(toPointer(segments.slice(0, length)));
    if (target) return target;
  }
  return undefined;
}

function memoKnownKeys(schema: object): (path: readonly string[]) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (path) => {
    const pointer = toPointer(path);
    let keys = cache.get(pointer);
    if (!keys) cache.set(pointer, (keys = knownKeysAt(schema, path)));
    return keys;
  };
}

/** Vault warns about unknown keys of the structs it decodes (top level, listener, telemetry); elsewhere it ignores them silently. */
function vaultWarnsAt(segments: readonly string[]): boolean {
  return caseInsensitiveAt(segments);
}

/** `in listener "tcp" telemetry` for `/listener/tcp/0/telemetry`; `at the top level` for the root. */
export function stanzaOf(segments: readonly string[]): string {
  const parts: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (/^\d+$/.test(segment)) continue;
    const label = segments[index + 1];
    if (index === 0 && label !== undefined && LABELLED_STANZAS.has(segment)) {
      parts.push(`${segment} "${label}"`);
      index++;
    } else parts.push(segment);
  }
  return parts.length === 0 ? 'at the top level' : `in ${parts.join(' ')}`;
}

function valueAtPath(data: unknown, segments: readonly string[]): unknown {
  let cursor = data;
  for (const segment of segments)
    cursor = Array.isArray(cursor) ? cursor[Number(segment)] : (cursor as Record<string, unknown> | undefined)?.[segment];
  return cursor;
}

// ---------------------------------------------------------------------------------------------
// Error wording, shared

/** Drop the errors of each branch of a failed `anyOf`/`oneOf`: the combinator's own error says it. */
function withoutBranchErrors(errors: readonly SchemaError[]): SchemaError[] {
  const combinators = errors
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/`);
  return errors.filter((error) => !combinators.some((prefix) => error.schemaPath.startsWith(prefix)));
}

/** How the config schema's value grammars read in a message. */
const CONFIG_DEFINITIONS: Record<string, string> = {
  bool: 'a boolean (true, false, 1, 0, "true" or "false")',
  hclBool: 'a boolean (true, false, 1, 0, "true" or "false")',
  strconvBool: 'a boolean (true, false, 1, 0, "true" or "false")',
  duration: 'a duration such as "90s", "768h", "7d" or a number of seconds',
  durationOrNone: 'a duration such as "90s", "768h", "7d", a number of seconds, or "none"',
  int: 'an integer',
  storageInt: 'a whole number without units',
  stringList: 'a string or a list of strings',
  logLevel: 'one of "trace", "debug", "info", "warn" or "error"',
  logFormat: '"standard" or "json"',
};

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  string: 'a string',
  object: 'a map',
  array: 'a list',
  null: 'null',
};

function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function typesOf(node: unknown): string {
  const type = (node as { type?: unknown } | undefined)?.type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return orList(types.map((name) => TYPE_WORDS[String(name)] ?? String(name)));
}

/**
 * The schema node at the error's value that holds the failed keyword. (Ajv's `schemaPath` starts
 * afresh inside each referenced definition, so the value's path is the reliable way there.)
 */
function keywordNode(schema: object, error: SchemaError): Record<string, unknown> | undefined {
  return schemaNodesAt(schema, fromPointer(error.instancePath)).find((node) => error.keyword in node);
}

/** What the failed keyword wants, in words. */
function expectedOf(schema: object, error: SchemaError, definitions: Record<string, string> = {}): string {
  // Small definitions are inlined with their own path: `#/definitions/bool/pattern`.
  const definition = /^#\/definitions\/([^/]+)\/[^/]+$/.exec(error.schemaPath)?.[1];
  if (definition !== undefined && definitions[definition] !== undefined) return definitions[definition];
  const params = error.params;
  switch (error.keyword) {
    case 'type':
      return typesOf({ type: params.type });
    case 'enum':
      return `one of ${orList((params.allowedValues as unknown[]).map((value) => JSON.stringify(value)))}`;
    case 'minimum':
      return `at least ${String(params.limit)}`;
    case 'maximum':
      return `at most ${String(params.limit)}`;
    case 'pattern':
      return `a string matching "${String(params.pattern)}"`;
    case 'anyOf':
    case 'oneOf': {
      const branches = keywordNode(schema, error)?.[error.keyword];
      return Array.isArray(branches) ? orList(branches.map(typesOf).filter((words) => words !== '')) : 'a valid value';
    }
    case 'not': {
      const minimum = keywordNode(schema, error)?.minimum;
      return typeof minimum === 'number' ? `at least ${minimum}` : 'a valid value';
    }
    default:
      return 'a valid value';
  }
}

/** The two keys a `not: {required: [a, b]}` forbids together. */
function requiredTogether(schema: object, error: SchemaError): string[] | undefined {
  const not = keywordNode(schema, error)?.not as { required?: unknown } | undefined;
  return Array.isArray(not?.required) && not.required.length === 2 ? not.required.map(String) : undefined;
}

/** A value in words for a message: short non-secret strings quoted, collections by kind. */
function describeValue(value: unknown, secrets: ReadonlySet<string>): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return secrets.has(value) || value.length > 40 || /[\r\n]/.test(value) ? 'a string' : JSON.stringify(value);
  return String(value);
}
