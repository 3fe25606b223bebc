import { keyName, type YMap, type YNode } from '../parse/yaml.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { parsePath, PathSyntaxError, type PathSegment } from './path.js';
import type { Condition, Policy } from './policy.js';
import { RELEASE_FACTS, TARGETS, type PolicyTarget } from './targets.js';
import { configPathProblem } from './config-paths.js';
import { versionAdmitting, versionsToCheck } from './values-paths.js';

/** What the config reader hands a source of rules: the positioned YAML of its key and the way to fail at a node. */
export interface PolicySource {
  node: YNode;
  problem(node: YNode, path: readonly (string | number)[], expected: string): Error;
  /** The config file as the user sees it, named by findings of policies that have no description. */
  file?: string;
  chartVersion?: string;
}

/** `org/name`, each part kebab-case: a policy id never collides with a built-in rule's. */
const POLICY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PLACEHOLDERS = new Set(['value', 'path', 'error']);
const POLICY_KEYS = [
  'id',
  'severity',
  'message',
  'hint',
  'description',
  'docs',
  'target',
  'path',
  'schema',
  'expression',
  'when',
  'required',
];
const CONDITION_KEYS = ['target', 'path', 'schema', 'expression'];

type At = readonly (string | number)[];

/** Read and check `policies:`; every problem throws the source's error naming the policy and its place. */
export async function readPolicies(source: PolicySource): Promise<Policy[]> {
  const { node } = source;
  if (node.kind !== 'seq') throw source.problem(node, ['policies'], 'expected a list of policies');
  const seen = new Map<string, number>();
  const out: Policy[] = [];
  for (const [index, item] of node.items.entries()) {
    const at = ['policies', index];
    if (item.kind !== 'map')
      throw source.problem(item, at, 'expected a policy: a mapping with id, message and a schema, expression or required');
    const policy = await readPolicy(source, item, at);
    const earlier = seen.get(policy.id);
    if (earlier !== undefined) throw source.problem(item, at, `policy "${policy.id}" is declared twice (also policies.${earlier})`);
    seen.set(policy.id, index);
    out.push(policy);
  }
  return out;
}

async function readPolicy(source: PolicySource, map: YMap, at: At): Promise<Policy> {
  const fields = fieldsOf(source, map, at, POLICY_KEYS);
  const idNode = fields.get('id');
  if (!idNode) throw source.problem(map, at, 'expected id: a namespaced policy id such as acme/registry');
  const id = text(source, idNode, [...at, 'id']);
  if (!POLICY_ID.test(id)) throw source.problem(idNode, [...at, 'id'], 'expected a namespaced id in kebab-case, such as acme/registry');
  // From here on every problem names the policy.
  const fail = (node: YNode, key: string | At, expected: string): Error =>
    source.problem(node, typeof key === 'string' ? [...at, key] : key, `policy "${id}": ${expected}`);
  const messageNode = fields.get('message');
  if (!messageNode) throw fail(map, at, 'expected message: what a finding says');
  // A message or hint: text whose placeholders the finding fills in.
  const template = (node: YNode, key: string): string => {
    const out = text(source, node, [...at, key]);
    for (const [, name] of out.matchAll(/\{\{\s*(\w+)\s*\}\}/g))
      if (!PLACEHOLDERS.has(name!)) throw fail(node, key, `unknown placeholder "{{${name}}}"; expected {{value}}, {{path}} or {{error}}`);
    return out;
  };
  const message = template(messageNode, 'message');
  const policy: Policy = {
    id,
    message,
    severity: severity(fields.get('severity'), (node) => fail(node, 'severity', 'expected error, warning or info')),
    required: false,
    source: source.file ?? '.vault-lint.yaml',
    ...(await readCondition(source, fields, at, fail)),
  };
  const hint = fields.get('hint');
  if (hint) policy.hint = template(hint, 'hint');
  const description = fields.get('description');
  if (description) policy.description = text(source, description, [...at, 'description']);
  const docs = fields.get('docs');
  if (docs) {
    policy.docs = text(source, docs, [...at, 'docs']);
    if (!/^https?:\/\/\S+$/.test(policy.docs))
      throw fail(docs, 'docs', "expected the address (http or https) of the policy's documentation");
  }
  const required = fields.get('required');
  if (required) {
    if (required.kind !== 'scalar' || typeof required.value !== 'boolean') throw fail(required, 'required', 'expected true or false');
    policy.required = required.value;
  }
  if (!policy.schema && !policy.expression && !policy.required) throw fail(map, at, 'expected schema, expression or required: true');
  if (policy.required && !policy.path.some((segment) => segment.kind === 'key' || segment.kind === 'index'))
    throw fail(fields.get('required')!, 'required', 'required needs a path naming the key that must be there');
  const when = fields.get('when');
  if (when) {
    const whenAt = [...at, 'when'];
    if (when.kind !== 'map') throw fail(when, whenAt, 'expected a mapping with target, path, schema or expression');
    const condition = await readCondition(source, fieldsOf(source, when, whenAt, CONDITION_KEYS), whenAt, fail);
    if (!condition.schema && !condition.expression && condition.path.length === 0)
      throw fail(when, whenAt, 'expected path, schema or expression');
    policy.when = condition;
  }
  return policy;
}

async function readCondition(
  source: PolicySource,
  fields: Map<string, YNode>,
  at: At,
  fail: (node: YNode, key: string | At, expected: string) => Error,
): Promise<Condition> {
  const targetNode = fields.get('target');
  const target = (targetNode ? text(source, targetNode, [...at, 'target']) : 'values') as PolicyTarget;
  if (targetNode && !TARGETS.includes(target))
    throw fail(targetNode, [...at, 'target'], `unknown target "${target}"; expected values, config or release`);
  const pathNode = fields.get('path');
  const pathText = pathNode ? text(source, pathNode, [...at, 'path']) : '';
  let path: PathSegment[];
  try {
    path = parsePath(pathText);
  } catch (error) {
    if (error instanceof PathSyntaxError)
      throw fail(pathNode!, [...at, 'path'], `expected a dotted path or JSON Pointer: ${error.message}`);
    throw error;
  }
  if (pathNode) await checkPath(source, target, path, pathText, (expected) => fail(pathNode, [...at, 'path'], expected));
  const condition: Condition = { target, path, pathText: pathText === '' ? target : pathText };
  const schemaNode = fields.get('schema');
  if (schemaNode) {
    // Ajv and the CEL evaluator load only for the policies that need them.
    const { compileSchema, SchemaCompileError } = await import('./schema.js');
    try {
      condition.schema = compileSchema(plain(schemaNode));
    } catch (error) {
      if (error instanceof SchemaCompileError) throw fail(schemaNode, [...at, 'schema'], `invalid JSON Schema: ${error.message}`);
      throw error;
    }
  }
  const expressionNode = fields.get('expression');
  if (expressionNode) {
    const { compileExpression, CelCompileError } = await import('./cel.js');
    try {
      condition.expression = compileExpression(text(source, expressionNode, [...at, 'expression']));
    } catch (error) {
      if (error instanceof CelCompileError)
        throw fail(expressionNode, [...at, 'expression'], `the CEL expression does not compile: ${error.message}`);
      throw error;
    }
  }
  return condition;
}

/** A path must be able to match: values against the chart's values schema, config against the Vault config schema, release against the facts it has. */
async function checkPath(
  source: PolicySource,
  target: PolicyTarget,
  path: PathSegment[],
  pathText: string,
  fail: (expected: string) => Error,
): Promise<void> {
  const first = path[0];
  if (target === 'release') {
    if (first && (first.kind !== 'key' || !(RELEASE_FACTS as readonly string[]).includes(first.key)))
      throw fail(`unknown release fact in "${pathText}"; expected one of ${RELEASE_FACTS.join(', ')}`);
    return;
  }
  if (target === 'config') {
    const problem = configPathProblem(path);
    if (problem !== undefined) throw fail(`path "${pathText}" can never match the Vault config: ${problem}`);
    return;
  }
  if (path.length === 0) return;
  const versions = versionsToCheck(source.chartVersion);
  if (versionAdmitting(path, versions) === undefined)
    throw fail(
      versions.length === 1
        ? `path "${pathText}" can never match the values of chart ${versions[0]} (its values schema has no such key)`
        : `path "${pathText}" can never match the values of any supported chart version`,
    );
}

function fieldsOf(source: PolicySource, map: YMap, at: At, allowed: readonly string[]): Map<string, YNode> {
  const out = new Map<string, YNode>();
  for (const { key, value } of map.pairs) {
    const name = keyName(key);
    if (!allowed.includes(name)) throw source.problem(key, [...at, name], `an unknown key; expected ${allowed.join(', ')}`);
    out.set(name, value);
  }
  return out;
}

function text(source: PolicySource, node: YNode, at: At): string {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '')
    throw source.problem(node, at, 'expected a non-empty string');
  return node.value;
}

function severity(node: YNode | undefined, fail: (node: YNode) => Error): Severity {
  if (!node) return 'error';
  if (node.kind === 'scalar' && typeof node.value === 'string' && (SEVERITIES as readonly string[]).includes(node.value))
    return node.value as Severity;
  throw fail(node);
}

/** A YAML node's plain value (a schema written in YAML). */
function plain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.pairs.map(({ key, value }) => [keyName(key), plain(value)]));
}
