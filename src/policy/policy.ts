import type { CelInput } from '@bufbuild/cel';
import type { Locatable, Model, Rule, RuleContext, Severity } from '../engine/index.js';
import { CostBudget } from './budget.js';
import type { CompiledExpression } from './cel.js';
import { toCelInput } from './cel-input.js';
import { formatPath, resolvePath, type PathSegment } from './path.js';
import type { CompiledSchema } from './schema.js';
import { configTarget, releaseTarget, valuesTarget, type PolicyTarget, type TargetNode } from './targets.js';

/**
 * Values one path may match in one release; past it the first ones are checked and the policy
 * reports `tooManyMatches` once. A wildcard walk visits each node once, so the work stays linear.
 */
export const MAX_PATH_MATCHES = 1000;

/** Longest rendering of an offending value in a message; longer ones are cut with `…`. */
const MAX_VALUE_TEXT = 200;

/** Where a policy looks and what the value there must satisfy; `when` has the same shape. */
export interface Condition {
  target: PolicyTarget;
  path: PathSegment[];
  /** The path as written, for messages. */
  pathText: string;
  schema?: CompiledSchema;
  expression?: CompiledExpression;
}

/** A declarative policy of the config file, checked and compiled. */
export interface Policy extends Condition {
  id: string;
  severity: Severity;
  message: string;
  /** How to fix a violation or a missing key; the same placeholders as `message`. */
  hint?: string;
  description?: string;
  docs?: string;
  /** Report each absent key of the path at its closest written ancestor. */
  required: boolean;
  /** The config file that declares the policy, as the user sees it. */
  source: string;
  when?: Condition;
}

/** The targets of one release as policies see them, each built once per release and shared by every policy. */
interface Targets {
  nodes: Map<PolicyTarget, TargetNode | undefined>;
  cel: Map<PolicyTarget, CelInput>;
}

const targetsByModel = new WeakMap<Model, Targets>();

function targets(model: Model): Targets {
  let found = targetsByModel.get(model);
  if (!found) targetsByModel.set(model, (found = { nodes: new Map(), cel: new Map() }));
  return found;
}

function targetNode(model: Model, target: PolicyTarget): TargetNode | undefined {
  const cache = targets(model).nodes;
  if (!cache.has(target))
    cache.set(target, target === 'values' ? valuesTarget(model) : target === 'config' ? configTarget(model) : releaseTarget(model));
  return cache.get(target);
}

function celTarget(model: Model, target: PolicyTarget): CelInput {
  const cache = targets(model).cel;
  if (!cache.has(target)) cache.set(target, toCelInput(targetNode(model, target)?.value ?? null));
  return cache.get(target)!;
}

type PolicyMessage = 'violation' | 'missing' | 'evaluationError' | 'costLimit' | 'tooManyMatches';

/** The rule a policy runs as: the same engine, scope, suppressions, baseline and outputs as a built-in rule. */
export function policyRule(policy: Policy): Rule {
  const messages: Record<PolicyMessage, string> = {
    violation: policy.message,
    missing: `Missing "{{path}}": ${policy.message}`,
    evaluationError: `Policy expression failed on "{{path}}": {{error}}`,
    costLimit: `Policy evaluation stopped at "{{path}}": it passed the cost limit of {{limit}}`,
    tooManyMatches: `Policy path "{{path}}" matches more than {{limit}} values; only the first {{limit}} were checked`,
  };
  const rule: Rule = {
    id: policy.id,
    meta: {
      description: policy.description ?? policy.message.replace(/\{\{\s*\w+\s*\}\}/g, '…'),
      severity: policy.severity,
      tags: ['policy'],
      // What findings cite as their reason: the policy's description, else where it is declared.
      guide: policy.description ?? `Policy ${policy.id} of ${policy.source}`,
      messages,
      // The policy's fix goes with what it finds, not with its own failures (cost, evaluation errors).
      ...(policy.hint === undefined ? {} : { hints: { violation: policy.hint, missing: policy.hint } }),
    },
    docsUrl: policy.docs,
    check: (context) => checkPolicy(policy, context),
  };
  return rule;
}

function checkPolicy(policy: Policy, context: RuleContext): void {
  const { model } = context;
  const budget = new CostBudget();
  const report = (node: Locatable, messageId: PolicyMessage, data: Record<string, string>): void =>
    context.report({ node, messageId, data: { value: '', ...data } });
  if (policy.when && !holds(model, policy.when, budget)) return;
  const root = targetNode(model, policy.target);
  if (!root) return;
  const resolution = resolvePath(root, policy.path, MAX_PATH_MATCHES);
  if (resolution.truncated) report(root.at, 'tooManyMatches', { path: policy.pathText, limit: String(MAX_PATH_MATCHES) });
  if (policy.required)
    for (const { parent, path } of resolution.missing) {
      const where = formatPath(path);
      report(missingAt(parent, path), 'missing', { path: where });
    }
  for (const match of resolution.matches) {
    // The target itself when the policy names no path.
    const path = formatPath(match.path) || policy.target;
    const failure = policy.schema?.(match.value);
    if (failure) {
      const inner = failure.path.length > 0 ? descend(match, failure.path) : match;
      report(inner.at, 'violation', { path: formatPath(inner.path), value: valueText(inner.value), error: failure.message });
      continue;
    }
    if (!policy.expression) continue;
    const outcome = policy.expression.evaluate(bindings(model, policy.expression, match, path), budget);
    if (outcome.kind === 'costLimit') {
      report(match.at, 'costLimit', { path, limit: String(budget.limit) });
      return;
    }
    if (outcome.kind === 'error') report(match.at, 'evaluationError', { path, error: outcome.message });
    else if (outcome.value !== true)
      report(match.at, 'violation', { path, value: valueText(match.value), error: `the expression is ${outcome.text}` });
  }
}

/** Whether a `when` condition holds: its path matches, and every value there satisfies its schema and expression. */
function holds(model: Model, condition: Condition, budget: CostBudget): boolean {
  const root = targetNode(model, condition.target);
  if (!root) return false;
  const { matches } = resolvePath(root, condition.path, MAX_PATH_MATCHES);
  if (matches.length === 0) return false;
  return matches.every((match) => {
    if (condition.schema?.(match.value)) return false;
    if (!condition.expression) return true;
    const outcome = condition.expression.evaluate(
      bindings(model, condition.expression, match, formatPath(match.path) || condition.target),
      budget,
    );
    return outcome.kind === 'value' && outcome.value === true;
  });
}

/** What an expression reads, converted for CEL; a whole target only when the expression names it. */
function bindings(model: Model, expression: CompiledExpression, match: TargetNode, path: string): Record<string, CelInput> {
  const out: Record<string, CelInput> = {};
  for (const name of expression.reads) {
    if (name === 'value') out.value = toCelInput(match.value);
    else if (name === 'path') out.path = path;
    else out[name] = celTarget(model, name as PolicyTarget);
  }
  return out;
}

/** The node below `node` at a relative path, as far as it exists. */
function descend(node: TargetNode, path: readonly (string | number)[]): TargetNode {
  let current = node;
  for (const segment of path) {
    const next = typeof segment === 'number' ? current.items()[segment] : current.child(segment);
    if (!next) break;
    current = next;
  }
  return current;
}

/** An absent key is reported at its closest existing ancestor, with the full path it misses. */
function missingAt(parent: TargetNode, path: (string | number)[]): Locatable {
  return {
    place: () => {
      const place = parent.at.place();
      return place.hclPath === undefined ? { ...place, yamlPath: path } : { ...place, hclPath: path };
    },
  };
}

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}…` : text;
}
