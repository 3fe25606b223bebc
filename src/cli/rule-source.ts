import { basename } from 'node:path';
import { AST_NODE_TYPES as T, parse, type TSESTree } from '@typescript-eslint/typescript-estree';

// `vault-lint check-rules`: what a rule module declares and reports, read from its syntax tree
// without running it. The checks follow values the module spells out (literals, conditionals,
// module constants); a value computed at run time is not guessed at.

/** What a check-rules problem is about; `-o json` carries it as `check`. */
export type RuleSourceCheck =
  | 'syntax'
  | 'default-export'
  | 'rule-id'
  | 'missing-meta'
  | 'unknown-message'
  | 'missing-data'
  | 'unreported-message'
  | 'stray-message-key'
  | 'import';

/** One problem in a rule module: 1-based line and column, the end exclusive. */
export interface RuleSourceProblem {
  check: RuleSourceCheck;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The module a rule imports the rule API from: the package's public entry. */
export const PUBLIC_API = 'vault-lint';

/** A rule id: kebab-case, optionally after a kebab-case namespace (`acme/registry-allowed`). */
export const RULE_ID_PATTERN = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The metadata every rule declares (RuleMeta's required keys), each with what it is for. */
const REQUIRED_META: readonly [string, string][] = [
  ['description', 'one line saying what the rule checks'],
  ['severity', '"error", "warning" or "info"'],
  ['tags', 'a list of tags, e.g. ["tls"]'],
  ['guide', 'the guide section the rule enforces'],
  ['messages', 'the messages its findings use, by messageId'],
];

/** Keys of meta that name messages: each must be a key of meta.messages. */
const MESSAGE_KEYED = ['hints', 'messageGuides', 'messageSeverities'] as const;

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** How deep values and message texts are followed through conditions, `+` and constants: a bound, and a stop for constants that name each other. */
const MAX_DEPTH = 64;

/** The placeholders of a message template, as the engine fills them (`{{name}}`). */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

type Expression = TSESTree.Expression;

/** The statically known values of an expression: each with the node that spells it, or `undefined` when computed at run time. */
type Known = Map<string, TSESTree.Node> | undefined;

export interface RuleSourceOptions {
  /** Module specifiers accepted besides the public API (vault-lint's own rules: `../src/engine/index.js`). */
  allowImports?: readonly string[];
}

/** Check one rule module's source; `file` gives its name (the id must match it) and its language (.ts or .js). */
export function checkRuleSource(text: string, file: string, options: RuleSourceOptions = {}): RuleSourceProblem[] {
  let program: TSESTree.Program;
  try {
    program = parse(text, { loc: true, range: true, jsx: /\.[jt]sx$/.test(file) });
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message?: string };
    const line = lineNumber ?? 1;
    const col = (column ?? 0) + 1;
    return [
      { check: 'syntax', message: `Cannot parse: ${String(message).split('\n', 1)[0]}`, line, column: col, endLine: line, endColumn: col },
    ];
  }
  return new RuleModule(program, file, options).check();
}

class RuleModule {
  private readonly problems: RuleSourceProblem[] = [];
  /** Module-wide `const` bindings by name; a name bound twice maps to undefined (which one is meant is not known). */
  private readonly constants = new Map<string, Expression | undefined>();
  /** The local names `defineRule` is imported as. */
  private readonly defineRuleNames = new Set(['defineRule']);

  constructor(
    private readonly program: TSESTree.Program,
    private readonly file: string,
    private readonly options: RuleSourceOptions,
  ) {}

  check(): RuleSourceProblem[] {
    walk(this.program, (node) => {
      if (node.type !== T.VariableDeclaration) return;
      for (const declarator of node.declarations) {
        if (declarator.id.type !== T.Identifier) continue;
        const name = declarator.id.name;
        const constant = node.kind === 'const' && declarator.init ? declarator.init : undefined;
        this.constants.set(name, this.constants.has(name) ? undefined : constant);
      }
    });
    this.checkImports();
    const call = this.ruleCall();
    if (call) this.checkDefinition(call);
    return this.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private report(node: TSESTree.Node | TSESTree.SourceLocation, check: RuleSourceCheck, message: string): void {
    const loc = 'loc' in node ? node.loc : node;
    this.problems.push({
      check,
      message,
      line: loc.start.line,
      column: loc.start.column + 1,
      endLine: loc.end.line,
      endColumn: loc.end.column + 1,
    });
  }

  private checkImports(): void {
    const allowed = new Set([PUBLIC_API, ...(this.options.allowImports ?? [])]);
    const complain = (source: TSESTree.Node, name: string): void =>
      this.report(source, 'import', `Expected imports from "${PUBLIC_API}" only (the public rule API), found "${name}"`);
    walk(this.program, (node) => {
      if (
        node.type === T.ImportDeclaration ||
        node.type === T.ExportAllDeclaration ||
        (node.type === T.ExportNamedDeclaration && node.source !== null)
      ) {
        const source = node.source!;
        if (!allowed.has(source.value)) complain(source, source.value);
        if (node.type === T.ImportDeclaration)
          for (const specifier of node.specifiers)
            if (
              specifier.type === T.ImportSpecifier &&
              specifier.imported.type === T.Identifier &&
              specifier.imported.name === 'defineRule'
            )
              this.defineRuleNames.add(specifier.local.name);
      } else if (node.type === T.ImportExpression) {
        const source = node.source;
        complain(source, source.type === T.Literal ? String(source.value) : 'a module computed at run time');
      } else if (node.type === T.CallExpression && node.callee.type === T.Identifier && node.callee.name === 'require') {
        const [first] = node.arguments;
        complain(first ?? node, first?.type === T.Literal ? String(first.value) : 'a module computed at run time');
      }
    });
  }

  /** The `defineRule(...)` call the module exports as its default, reporting any other shape. */
  private ruleCall(): TSESTree.CallExpression | undefined {
    const exported = this.program.body.find((node) => node.type === T.ExportDefaultDeclaration);
    if (!exported) {
      for (const node of this.program.body) {
        if (node.type !== T.ExportNamedDeclaration || node.declaration?.type !== T.VariableDeclaration) continue;
        for (const declarator of node.declaration.declarations) {
          const call = declarator.init ? this.defineRuleCall(declarator.init) : undefined;
          if (call) {
            const name = declarator.id.type === T.Identifier ? declarator.id.name : 'a destructured name';
            this.report(
              declarator.id,
              'default-export',
              `Expected the rule as the module's default export (export default defineRule(...)), found it exported as "${name}"`,
            );
            return call;
          }
        }
      }
      this.report(
        { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
        'default-export',
        'Missing a default export; a rule module is export default defineRule({ id, meta, check })',
      );
      return undefined;
    }
    const declaration = exported.declaration as TSESTree.Node;
    const direct = isExpression(declaration) ? this.defineRuleCall(declaration, false) : undefined;
    if (direct) return direct;
    if (declaration.type === T.Identifier) {
      const bound = this.constants.get(declaration.name);
      const call = bound ? this.defineRuleCall(bound) : undefined;
      if (call) {
        this.report(
          declaration,
          'default-export',
          `Expected export default defineRule(...), found the constant "${declaration.name}"; export the call itself`,
        );
        return call;
      }
    }
    this.report(declaration, 'default-export', `Expected the default export to be defineRule(...), found ${describe(declaration)}`);
    return undefined;
  }

  /** The expression as a `defineRule(...)` call (through `as`/`satisfies`, and module constants when `follow`). */
  private defineRuleCall(expression: Expression, follow = true): TSESTree.CallExpression | undefined {
    const node = this.unwrap(expression, follow);
    return node?.type === T.CallExpression && node.callee.type === T.Identifier && this.defineRuleNames.has(node.callee.name)
      ? node
      : undefined;
  }

  /** Strip type assertions, and follow an identifier to the module constant it names. */
  private unwrap(expression: TSESTree.Node, follow = true): Expression | undefined {
    let node: Expression | undefined = isExpression(expression) ? expression : undefined;
    const seen = new Set<string>();
    while (node) {
      if (node.type === T.TSAsExpression || node.type === T.TSSatisfiesExpression || node.type === T.TSNonNullExpression)
        node = node.expression;
      else if (follow && node.type === T.Identifier && !seen.has(node.name)) {
        seen.add(node.name);
        node = this.constants.get(node.name);
      } else return node;
    }
    return undefined;
  }

  private object(expression: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
    const node = expression ? this.unwrap(expression) : undefined;
    return node?.type === T.ObjectExpression ? node : undefined;
  }

  private checkDefinition(call: TSESTree.CallExpression): void {
    const [argument] = call.arguments;
    const definition = argument && argument.type !== T.SpreadElement ? this.object(argument) : undefined;
    if (!definition) {
      this.report(argument ?? call, 'missing-meta', 'Expected defineRule to be given an object literal: { id, meta, check }');
      return;
    }
    const properties = propertiesOf(definition);
    this.checkId(definition, properties);
    if (properties.complete && !properties.map.has('check'))
      this.report(openingBrace(definition), 'missing-meta', 'Missing check(context): the function that reads the model and reports');
    const metaNode = properties.map.get('meta');
    const meta = metaNode ? this.object(metaNode.value) : undefined;
    if (!meta) {
      if (!metaNode && properties.complete) this.report(openingBrace(definition), 'missing-meta', "Missing meta: the rule's metadata");
      return;
    }
    const metaProperties = propertiesOf(meta);
    if (metaProperties.complete)
      for (const [key, what] of REQUIRED_META)
        if (!metaProperties.map.has(key)) this.report(openingBrace(meta), 'missing-meta', `Missing meta.${key}: ${what}`);
    this.checkMetaValues(metaProperties.map);
    const messagesNode = metaProperties.map.get('messages');
    const messages = messagesNode ? this.object(messagesNode.value) : undefined;
    if (!messages) return;
    const messageProperties = propertiesOf(messages);
    if (!messageProperties.complete) return;
    const hints = metaProperties.map.get('hints');
    const hintProperties = hints ? this.object(hints.value) : undefined;
    const rule: MessageTable = {
      messages: messageProperties.map,
      templates: new Map([...messageProperties.map].map(([id, property]) => [id, this.text(property.value)])),
      hints: new Map(
        hintProperties ? [...propertiesOf(hintProperties).map].map(([id, property]) => [id, this.text(property.value)] as const) : [],
      ),
    };
    for (const key of MESSAGE_KEYED) {
      const keyed = metaProperties.map.get(key);
      const object = keyed ? this.object(keyed.value) : undefined;
      if (!object) continue;
      for (const [id, property] of propertiesOf(object).map)
        if (!rule.messages.has(id))
          this.report(
            property.key,
            'stray-message-key',
            `meta.${key} names "${id}", which is no message of this rule (${listIds(rule.messages)})`,
          );
    }
    this.checkReports(rule);
  }

  private checkId(definition: TSESTree.ObjectExpression, properties: Properties): void {
    const idNode = properties.map.get('id');
    if (!idNode) {
      if (properties.complete) this.report(openingBrace(definition), 'rule-id', 'Missing id: the rule id, equal to the file name');
      return;
    }
    const known = this.values(idNode.value);
    if (!known || known.size !== 1) {
      this.report(idNode.value, 'rule-id', 'Expected id to be a string literal, so tools can read it without running the module');
      return;
    }
    const [id] = [...known.keys()] as [string];
    const name = basename(this.file).replace(/\.[cm]?[jt]sx?$/, '');
    if (!RULE_ID_PATTERN.test(id))
      this.report(
        idNode.value,
        'rule-id',
        `Expected id "${id}" to be kebab-case (lowercase words and digits joined by "-"), optionally after a namespace ("acme/${name}")`,
      );
    else if (id.slice(id.lastIndexOf('/') + 1) !== name)
      this.report(idNode.value, 'rule-id', `Expected id "${id}" to end with the file name "${name}"`);
  }

  private checkMetaValues(meta: Map<string, TSESTree.Property>): void {
    const severity = meta.get('severity');
    const known = severity ? this.values(severity.value) : undefined;
    for (const [value, node] of known ?? [])
      if (!SEVERITIES.has(value))
        this.report(node, 'missing-meta', `Expected meta.severity to be "error", "warning" or "info", found "${value}"`);
    for (const key of ['description', 'guide']) {
      const property = meta.get(key);
      const text = property ? this.text(property.value) : undefined;
      if (property && text !== undefined && text.trim() === '')
        this.report(property.value, 'missing-meta', `Missing meta.${key}: the value is empty`);
    }
  }

  /** Every report and reportMissing call of the module, checked against the message table. */
  private checkReports(rule: MessageTable): void {
    const reported = new Set<string>();
    let dynamic = false;
    walk(this.program, (node) => {
      if (
        node.type !== T.CallExpression ||
        node.callee.type !== T.MemberExpression ||
        node.callee.property.type !== T.Identifier ||
        (node.callee.property.name !== 'report' && node.callee.property.name !== 'reportMissing')
      )
        return;
      const [argument] = node.arguments;
      const descriptor = argument && argument.type !== T.SpreadElement ? this.object(argument) : undefined;
      const properties = descriptor ? propertiesOf(descriptor) : undefined;
      const messageId = properties?.map.get('messageId');
      if (!descriptor || !properties || !messageId) {
        // A descriptor built elsewhere, or one with a spread: which messages it reports is not known here.
        dynamic = true;
        return;
      }
      const known = this.values(messageId.value);
      if (!known) {
        dynamic = true;
        return;
      }
      const data = properties.map.get('data');
      const given = data ? this.keys(data.value) : new Set<string>();
      for (const [id, where] of known) {
        reported.add(id);
        if (!rule.messages.has(id)) {
          this.report(where, 'unknown-message', `Unknown messageId "${id}"; the rule's messages are ${listIds(rule.messages)}`);
          continue;
        }
        if (!given) continue;
        for (const [kind, template] of [
          ['message', rule.templates.get(id)],
          ['hint', rule.hints.get(id)],
        ] as const)
          for (const placeholder of placeholders(template))
            if (!given.has(placeholder))
              this.report(
                data?.value ?? descriptor,
                'missing-data',
                `The ${kind} of "${id}" uses {{${placeholder}}}, which this report's data does not give`,
              );
      }
    });
    // A messageId computed at run time (read from a fact, passed to a helper) may be any message: none is surely unreported.
    if (dynamic) return;
    for (const [id, property] of rule.messages)
      if (!reported.has(id)) this.report(property.key, 'unreported-message', `Message "${id}" is never reported`);
  }

  /** The string values an expression can take: literals, either branch of a condition, a module constant. */
  private values(expression: TSESTree.Node, depth = 0): Known {
    const node = depth > MAX_DEPTH ? undefined : this.unwrap(expression);
    if (!node) return undefined;
    if (node.type === T.Literal) return typeof node.value === 'string' ? new Map([[node.value, node]]) : undefined;
    if (node.type === T.TemplateLiteral && node.expressions.length === 0) return new Map([[node.quasis[0]!.value.cooked ?? '', node]]);
    const merge = (...branches: Expression[]): Known => {
      const out = new Map<string, TSESTree.Node>();
      for (const branch of branches) {
        const known = this.values(branch, depth + 1);
        if (!known) return undefined;
        for (const [value, where] of known) if (!out.has(value)) out.set(value, where);
      }
      return out;
    };
    if (node.type === T.ConditionalExpression) return merge(node.consequent, node.alternate);
    if (node.type === T.LogicalExpression && node.operator !== '&&') return merge(node.left, node.right);
    return undefined;
  }

  /** The keys an object expression surely has; undefined when it has a spread or is not an object literal. */
  private keys(expression: TSESTree.Node): Set<string> | undefined {
    const object = this.object(expression);
    if (!object) return undefined;
    const properties = propertiesOf(object);
    return properties.complete ? new Set(properties.map.keys()) : undefined;
  }

  /** The text of a message template: literals, template literals and `+` of them; parts computed at run time count as empty. */
  private text(value: TSESTree.Node, depth = 0): string | undefined {
    const node = depth > MAX_DEPTH ? undefined : this.unwrap(value);
    if (!node) return undefined;
    if (node.type === T.Literal) return typeof node.value === 'string' ? node.value : undefined;
    if (node.type === T.TemplateLiteral)
      return node.quasis
        .map((quasi, index) => {
          const expression = node.expressions[index];
          return (quasi.value.cooked ?? '') + (expression ? (this.text(expression, depth + 1) ?? '') : '');
        })
        .join('');
    if (node.type === T.BinaryExpression && node.operator === '+')
      return (this.text(node.left, depth + 1) ?? '') + (this.text(node.right, depth + 1) ?? '');
    return undefined;
  }
}

interface MessageTable {
  messages: Map<string, TSESTree.Property>;
  templates: Map<string, string | undefined>;
  hints: Map<string, string | undefined>;
}

interface Properties {
  map: Map<string, TSESTree.Property>;
  /** False when a spread or a computed key may add keys this map does not show. */
  complete: boolean;
}

function propertiesOf(object: TSESTree.ObjectExpression): Properties {
  const map = new Map<string, TSESTree.Property>();
  let complete = true;
  for (const property of object.properties) {
    if (property.type !== T.Property) complete = false;
    else if (!property.computed && property.key.type === T.Identifier) map.set(property.key.name, property);
    else if (property.key.type === T.Literal && typeof property.key.value === 'string') map.set(property.key.value, property);
    else complete = false;
  }
  return { map, complete };
}

function placeholders(template: string | undefined): string[] {
  return template === undefined ? [] : [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

function listIds(messages: Map<string, unknown>): string {
  return messages.size === 0 ? 'none' : [...messages.keys()].map((id) => `"${id}"`).join(', ');
}

function openingBrace(node: TSESTree.Node): TSESTree.SourceLocation {
  return { start: node.loc.start, end: { line: node.loc.start.line, column: node.loc.start.column + 1 } };
}

const NOT_EXPRESSIONS = new Set<string>([T.AssignmentPattern, T.ArrayPattern, T.ObjectPattern, T.RestElement, T.TemplateElement]);

function isExpression(node: TSESTree.Node): node is Expression {
  return !node.type.endsWith('Declaration') && !node.type.endsWith('Statement') && !NOT_EXPRESSIONS.has(node.type);
}

function describe(node: TSESTree.Node): string {
  if (node.type === T.CallExpression && node.callee.type === T.Identifier) return `a call of ${node.callee.name}(...)`;
  if (node.type === T.ObjectExpression) return 'an object literal';
  if (node.type === T.Identifier) return `"${node.name}"`;
  return `a ${node.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** Visit every node of a tree, parents before children; a loop, not recursion, so deep nesting cannot overflow the stack. */
function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) children.push(child);
      } else if (isNode(value)) children.push(value);
    }
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
