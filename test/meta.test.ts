import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { Ajv } from 'ajv';
import { OPTIONS_END, OPTIONS_START, optionsTable, rulesTable, strictOptionsList } from './helpers/readme.js';
import { optionSchema } from '../src/engine/options.js';
import { describeScope } from '../src/engine/scope.js';

const RULES_DIR = new URL('../rules/', import.meta.url);
const README = new URL('../README.md', import.meta.url);
const ajv = new Ajv({ strict: true });
const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts');

/** Parse a rule module's source into an ESTree AST (typescript-estree), to check how it is built. */
function ast(file: string): TSESTree.Program {
  return parse(readFileSync(new URL(file, RULES_DIR), 'utf8'), { loc: true, range: true });
}

/** Model facts that decide a rule's scope; an early return on them belongs in `meta.appliesTo`. */
const SCOPE_FACTS = new Set(['mode', 'isHa', 'replicas']);

function isModelFact(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return isModelFact(node.argument);
  if (
    node.type !== AST_NODE_TYPES.MemberExpression ||
    node.property.type !== AST_NODE_TYPES.Identifier ||
    !SCOPE_FACTS.has(node.property.name)
  )
    return false;
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'model';
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    object.property.type === AST_NODE_TYPES.Identifier &&
    object.property.name === 'model'
  );
}

/** A condition on the mode, HA or the replica count alone: `model.mode === 'dev'`, `!model.isHa`, `model.replicas < 2`. */
function isScopeCondition(node: TSESTree.Node): boolean {
  if (isModelFact(node)) return true;
  return node.type === AST_NODE_TYPES.BinaryExpression && (isModelFact(node.left) || isModelFact(node.right));
}

function disjuncts(node: TSESTree.Expression): TSESTree.Expression[] {
  return node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '||'
    ? [...disjuncts(node.left), ...disjuncts(node.right as TSESTree.Expression)]
    : [node];
}

function returnsOnly(node: TSESTree.Statement): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement) return true;
  return node.type === AST_NODE_TYPES.BlockStatement && node.body.length === 1 && node.body[0]!.type === AST_NODE_TYPES.ReturnStatement;
}

/** Early returns of a module guarded (in part) by the mode, HA or replica count: `if (… || model.mode === 'dev') return;`. Returns their lines. */
function scopeGuards(program: TSESTree.Node): number[] {
  const lines: number[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const typed = node as TSESTree.Node;
    if (
      typed.type === AST_NODE_TYPES.IfStatement &&
      !typed.alternate &&
      returnsOnly(typed.consequent) &&
      disjuncts(typed.test).some(isScopeCondition)
    )
      lines.push(typed.loc.start.line);
    for (const [key, value] of Object.entries(typed)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(value);
  };
  visit(program);
  return lines;
}

/**
 * A generated part of a document, between two markers, equals what the metadata gives;
 * UPDATE_README=1 rewrites it (and the run still fails, so an update is never silent).
 */
function expectGenerated(file: URL, startMarker: string, endMarker: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  expect(start, `${file.pathname} needs ${startMarker} … ${endMarker}`).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const current = text.slice(start + startMarker.length, end);
  if (process.env.UPDATE_README === '1' && current !== body)
    writeFileSync(file, text.slice(0, start + startMarker.length) + body + text.slice(end));
  expect(current).toBe(body);
}

describe('scope guard detection', () => {
  const guards = (code: string): number[] => scopeGuards(parse(code, { loc: true }));
  it('finds early returns on the mode, HA or the replica count', () => {
    expect(guards("if (model.mode === 'dev') return;")).toEqual([1]);
    expect(guards("if (!config || context.model.mode !== 'standalone') { return; }")).toEqual([1]);
    expect(guards('if (!model.isHa || model.replicas < 2) return;')).toEqual([1]);
    expect(guards('const a = 1;\nif (2 > model.replicas) return;')).toEqual([2]);
  });
  it('leaves conditions that choose a message, and guards on other facts, alone', () => {
    expect(guards("if (model.mode === 'dev') { report(); return; }")).toEqual([]);
    expect(guards("if (model.mode === 'ha-raft' && budget.override) report();")).toEqual([]);
    expect(guards('if (!config || !model.isEnterprise) return;')).toEqual([]);
  });
});

describe('rule registry and metadata', () => {
  it('registers every rule module exactly once', () => {
    expect(rules.map((rule) => `${rule.id}.ts`).sort()).toEqual([...ruleFiles].sort());
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has a kebab-case id, documentation and a docs URL derived from the id', () => {
        expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const doc = readFileSync(new URL(`${rule.id}.md`, RULES_DIR), 'utf8');
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        expect(doc).toContain(`**Default severity:** ${rule.meta.severity}`);
        expect(doc).toContain(`**Applies to:** ${describeScope(rule.meta.appliesTo)}`);
        expect(doc).toContain(`**Guide:** ${rule.meta.guide} ·`);
      });

      it('has camelCase messageIds, one-sentence messages without a trailing period, and hints only for its messages', () => {
        for (const [id, message] of Object.entries(rule.meta.messages)) {
          expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(message.trim()).not.toMatch(/\.$/);
        }
        for (const id of Object.keys(rule.meta.hints ?? {})) expect(Object.keys(rule.meta.messages)).toContain(id);
        expect(rule.meta.guide.length).toBeGreaterThan(0);
      });

      it('declares each option once, with a valid schema its default and strict value satisfy', () => {
        for (const [name, option] of Object.entries(rule.meta.options ?? {})) {
          expect(name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(option.description.trim()).not.toMatch(/\.$/);
          const validate = ajv.compile(optionSchema(option));
          expect(validate(option.default), `${rule.id}.${name} default`).toBe(true);
          if (option.strict !== undefined) expect(validate(option.strict), `${rule.id}.${name} strict`).toBe(true);
        }
      });

      it('cites guide sections only for its own messages, and no message repeats a citation', () => {
        for (const id of Object.keys(rule.meta.messageGuides ?? {})) expect(Object.keys(rule.meta.messages)).toContain(id);
        for (const [id, message] of Object.entries(rule.meta.messages)) {
          expect(message, `${rule.id}/${id}`).not.toMatch(/\((guide|hardening):|\{\{\s*guide\s*\}\}/);
        }
      });

      it('has the options table of its page generated from its metadata (UPDATE_README=1 rewrites it)', () => {
        const file = new URL(`${rule.id}.md`, RULES_DIR);
        const table = optionsTable(rule);
        if (table === undefined) {
          const doc = readFileSync(file, 'utf8');
          expect(doc).not.toContain(OPTIONS_START);
          expect(doc).not.toContain('## Options');
        } else expectGenerated(file, OPTIONS_START, OPTIONS_END, `\n\n${table}\n\n`);
      });

      it('imports only from src/engine and default-exports defineRule with an id equal to its file name', () => {
        const program = ast(`${rule.id}.ts`);
        const imports = program.body.filter((node): node is TSESTree.ImportDeclaration => node.type === AST_NODE_TYPES.ImportDeclaration);
        for (const declaration of imports) expect(declaration.source.value).toBe('../src/engine/index.js');
        const exported = program.body.find(
          (node): node is TSESTree.ExportDefaultDeclaration => node.type === AST_NODE_TYPES.ExportDefaultDeclaration,
        );
        expect(exported?.declaration.type).toBe(AST_NODE_TYPES.CallExpression);
        const call = exported!.declaration as TSESTree.CallExpression;
        expect(call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name).toBe('defineRule');
        const definition = call.arguments[0] as TSESTree.ObjectExpression;
        const idProperty = definition.properties.find(
          (property) =>
            property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'id',
        );
        const idValue = idProperty?.type === AST_NODE_TYPES.Property ? idProperty.value : undefined;
        expect(idValue?.type === AST_NODE_TYPES.Literal && idValue.value).toBe(rule.id);
      });

      it('declares its scope in meta.appliesTo instead of returning early on the mode, HA or the replica count', () => {
        expect(scopeGuards(ast(`${rule.id}.ts`))).toEqual([]);
      });

      it('uses every messageId it declares somewhere in its source', () => {
        const source = readFileSync(new URL(`${rule.id}.ts`, RULES_DIR), 'utf8');
        const body = source.slice(source.indexOf('check('));
        for (const id of Object.keys(rule.meta.messages)) {
          const dynamic = /messageId: problem\.messageId/.test(body);
          expect(dynamic || body.includes(`'${id}'`)).toBe(true);
        }
      });
    });
  }

  it("keeps the README's list of strict options in step with the option declarations (UPDATE_README=1 rewrites it)", () => {
    expectGenerated(README, '<!-- strict:start -->', '<!-- strict:end -->', `\n${strictOptionsList(rules)}\n`);
  });

  it('keeps the README rules table in step with the rule metadata (UPDATE_README=1 rewrites it)', () => {
    expectGenerated(README, '<!-- rules:start -->', '<!-- rules:end -->', `\n${rulesTable(rules)}\n`);
  });
});
