import {
  celEnv,
  celFunc,
  CelScalar,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan,
  type CelEnv,
  type CelInput,
  type CelResult,
  type CelValue,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { create } from '@bufbuild/protobuf';
import { ExprSchema, type Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import type { CostBudget } from './budget.js';

/** The variables a policy expression may read. */
export const CEL_VARIABLES = ['values', 'config', 'release', 'value', 'path'] as const;

/**
 * Longest expression accepted, in characters: a policy is a condition, not a program, and the
 * parser's work and the plan's size stay small.
 */
export const MAX_EXPRESSION_LENGTH = 4096;

/** Type names a CEL expression may use as identifiers (`type(x) == string`). */
const TYPE_IDENTS = new Set(['bool', 'int', 'uint', 'double', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/** Calls the planner evaluates itself rather than through a function overload. */
const SPECIAL_CALLS = new Set(['_[_]', '_[?_]', '_?._', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__']);

/** The function wrapped around every comprehension's range, charging its length before the loop copies it. */
const RANGE_FUNCTION = '@vault_lint_range';

/** A CEL expression that does not compile, or reads what it cannot. */
export class CelCompileError extends Error {
  override readonly name = 'CelCompileError';
}

/** The outcome of one evaluation. */
export type CelOutcome = { kind: 'value'; value: CelValue; text: string } | { kind: 'error'; message: string } | { kind: 'costLimit' };

/** A compiled expression: evaluated against bindings within a budget. */
export interface CompiledExpression {
  readonly source: string;
  /** The declared variables the expression reads: only those are bound (a large target is converted only when read). */
  readonly reads: ReadonlySet<string>;
  evaluate(bindings: Record<string, CelInput>, budget: CostBudget): CelOutcome;
}

let baseEnv: CelEnv | undefined;
let current: CostBudget | undefined;

/** The standard environment plus the range function, whose calls the budget of the running evaluation pays. */
function meteredEnv(): CelEnv {
  if (baseEnv) return baseEnv;
  const range = celFunc(RANGE_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (value) => {
    current?.charge(1 + shallowSize(value));
    return value as CelInput;
  });
  // The standard library and the strings extension (split, lowerAscii, replace…), as Kubernetes offers them.
  const env = celEnv({ funcs: [...strings, range] });
  const inner = env.funcs;
  const funcs = {
    [Symbol.iterator]: () => inner[Symbol.iterator](),
    find(name: string) {
      const group = inner.find(name);
      if (!group) return undefined;
      // Equality, `in` and format walk whole values; replace can multiply its input's length.
      const deep = name === '_==_' || name === '_!=_' || name === '@in' || name === 'format' || name === 'join';
      return {
        get name() {
          return group.name;
        },
        [Symbol.iterator]: () => group[Symbol.iterator](),
        call(id: number, target: CelValue | undefined, args: CelValue[]): CelResult | undefined {
          const budget = current;
          if (budget) {
            let units = 1;
            for (const arg of target === undefined ? args : [target, ...args])
              units += deep ? deepSize(arg, budget.remaining + 1) : shallowSize(arg);
            if (name === 'replace' && target !== undefined) units += (shallowSize(target) + 1) * shallowSize(args[1]);
            budget.charge(units);
          }
          const result = group.call(id, target, args);
          if (budget && result !== undefined && !isCelError(result)) budget.charge(shallowSize(result));
          return result;
        },
      };
    },
  };
  // The planner reads only `funcs`, `registry` and `namespace` of an environment.
  baseEnv = Object.assign(Object.create(Object.getPrototypeOf(env) as object) as object, env, {}) as CelEnv;
  Object.defineProperty(baseEnv, 'funcs', { value: funcs });
  Object.defineProperty(baseEnv, 'registry', { value: env.registry });
  Object.defineProperty(baseEnv, 'namespace', { value: env.namespace });
  Object.defineProperty(baseEnv, 'variables', { value: env.variables });
  return baseEnv;
}

function shallowSize(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (isCelList(value)) return value.size;
  if (isCelMap(value)) return value.size;
  return 0;
}

/** The number of elements and characters in a value, counted up to `cap`. */
function deepSize(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const item = stack.pop();
    total += 1 + shallowSize(item);
    if (isCelList(item)) for (const child of item) stack.push(child);
    else if (isCelMap(item)) for (const [, child] of item.entries()) stack.push(child);
  }
  return total;
}

/**
 * Parse and check an expression: it must parse, read only the declared variables (and the names
 * its comprehensions bind), and call only functions the environment defines. Throws
 * CelCompileError saying what is wrong.
 */
export function compileExpression(source: string, variables: readonly string[] = CEL_VARIABLES): CompiledExpression {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new CelCompileError(`the expression is longer than the limit of ${MAX_EXPRESSION_LENGTH} characters`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    // The parser throws a RangeError on absurd nesting, and a syntax error with its position otherwise.
    const message = error instanceof Error ? error.message.replace(/^<input>:/, '') : String(error);
    throw new CelCompileError(error instanceof RangeError ? 'the expression is nested too deeply' : `syntax error at ${message}`);
  }
  const env = meteredEnv();
  const reads = checkNames(parsed.expr, new Set(variables), env);
  meterRanges(parsed.expr);
  const run = plan(env, parsed);
  return {
    source,
    reads,
    evaluate(bindings, budget) {
      if (budget.exceeded) return { kind: 'costLimit' };
      const previous = current;
      current = budget;
      try {
        const result = run(bindings);
        if (budget.exceeded) return { kind: 'costLimit' };
        if (isCelError(result)) return { kind: 'error', message: result.message };
        return { kind: 'value', value: result, text: celText(result) };
      } catch (error) {
        if (budget.exceeded) return { kind: 'costLimit' };
        return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      } finally {
        current = previous;
      }
    },
  };
}

/**
 * Walk the syntax tree: every identifier must be declared or bound by a comprehension, every call
 * defined. Returns the declared variables the expression reads.
 */
function checkNames(root: Expr, declared: ReadonlySet<string>, env: CelEnv): Set<string> {
  const reads = new Set<string>();
  const stack: [Expr, ReadonlySet<string>][] = [[root, declared]];
  while (stack.length > 0) {
    const [expr, scope] = stack.pop()!;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (!scope.has(kind.value.name) && !TYPE_IDENTS.has(kind.value.name))
          throw new CelCompileError(`undeclared reference to "${kind.value.name}" (expected ${[...declared].join(', ')})`);
        if (declared.has(kind.value.name)) reads.add(kind.value.name);
        break;
      case 'selectExpr':
        if (kind.value.operand) stack.push([kind.value.operand, scope]);
        break;
      case 'callExpr': {
        const call = kind.value;
        // `strings.quote(x)`: a namespaced function, not a method of a variable named `strings`.
        const qualified = call.target && qualifiedName(call.target);
        if (qualified !== undefined && !scope.has(qualified.split('.')[0]!) && env.funcs.find(`${qualified}.${call.function}`)) {
          for (const arg of call.args) stack.push([arg, scope]);
          break;
        }
        if (!SPECIAL_CALLS.has(call.function) && !env.funcs.find(call.function))
          throw new CelCompileError(`undeclared function "${call.function}"`);
        if (call.target) stack.push([call.target, scope]);
        for (const arg of call.args) stack.push([arg, scope]);
        break;
      }
      case 'listExpr':
        for (const element of kind.value.elements) stack.push([element, scope]);
        break;
      case 'structExpr':
        if (kind.value.messageName !== '') throw new CelCompileError(`message types are not available ("${kind.value.messageName}")`);
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') stack.push([entry.keyKind.value, scope]);
          if (entry.value) stack.push([entry.value, scope]);
        }
        break;
      case 'comprehensionExpr': {
        const loop = kind.value;
        const inner = new Set(scope);
        for (const name of [loop.iterVar, loop.iterVar2, loop.accuVar]) if (name !== '') inner.add(name);
        const withAccumulator = new Set(scope).add(loop.accuVar);
        if (loop.iterRange) stack.push([loop.iterRange, scope]);
        if (loop.accuInit) stack.push([loop.accuInit, scope]);
        if (loop.loopCondition) stack.push([loop.loopCondition, inner]);
        if (loop.loopStep) stack.push([loop.loopStep, inner]);
        if (loop.result) stack.push([loop.result, withAccumulator]);
        break;
      }
      case 'constExpr':
      case undefined:
        break;
    }
  }
  return reads;
}

/** `a.b.c` when an expression is a chain of field selections on an identifier. */
function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case === 'selectExpr' && !kind.value.testOnly && kind.value.operand) {
    const operand = qualifiedName(kind.value.operand);
    return operand === undefined ? undefined : `${operand}.${kind.value.field}`;
  }
  return undefined;
}

/** Wrap every comprehension's range in the range function, so that each loop pays for what it walks. */
function meterRanges(root: Expr): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack.pop()!;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'selectExpr':
        if (kind.value.operand) stack.push(kind.value.operand);
        break;
      case 'callExpr':
        if (kind.value.target) stack.push(kind.value.target);
        stack.push(...kind.value.args);
        break;
      case 'listExpr':
        stack.push(...kind.value.elements);
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') stack.push(entry.keyKind.value);
          if (entry.value) stack.push(entry.value);
        }
        break;
      case 'comprehensionExpr': {
        const loop = kind.value;
        if (loop.iterRange) {
          const range = loop.iterRange;
          loop.iterRange = create(ExprSchema, {
            id: range.id,
            exprKind: { case: 'callExpr', value: { function: RANGE_FUNCTION, args: [range] } },
          });
          stack.push(range);
        }
        for (const part of [loop.accuInit, loop.loopCondition, loop.loopStep, loop.result]) if (part) stack.push(part);
        break;
      }
      case 'identExpr':
      case 'constExpr':
      case undefined:
        break;
    }
  }
}

/** A CEL value as message text: strings as written, anything else as CEL would print it. */
function celText(value: CelValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return JSON.stringify(fromCel(value), (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item));
}

function fromCel(value: unknown): unknown {
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value)) return Object.fromEntries([...value.entries()].map(([key, child]) => [String(key), fromCel(child)]));
  return value;
}
