import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { rulesTable } from './helpers/readme.js';

const RULES_DIR = new URL('../rules/', import.meta.url);
const README = new URL('../README.md', import.meta.url);
const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts');

/** Parse a rule module's source into an ESTree AST (typescript-estree), to check how it is built. */
function ast(file: string): TSESTree.Program {
  return parse(readFileSync(new URL(file, RULES_DIR), 'utf8'), { loc: true, range: true });
}

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
        expect(rule.docsUrl.endsWith(`/${rule.id}.md`)).toBe(true);
        for (const option of Object.keys(rule.meta.options ?? {})) expect(doc).toContain(`\`${option}\``);
      });

      it('has camelCase messageIds, one-sentence messages without a trailing period, and hints only for its messages', () => {
        for (const [id, message] of Object.entries(rule.meta.messages)) {
          expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(message.trim()).not.toMatch(/\.$/);
        }
        for (const id of Object.keys(rule.meta.hints ?? {})) expect(Object.keys(rule.meta.messages)).toContain(id);
        expect(rule.meta.guide.length).toBeGreaterThan(0);
      });

      it('declares options with defaults that match its default options', () => {
        const declared = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([name, option]) => [name, option.default]));
        expect(rule.defaultOptions ?? {}).toEqual(declared);
      });

      it('imports only from src/engine and default-exports defineRule with an id equal to its file name', () => {
        const program = ast(`${rule.id}.ts`);
        const imports = program.body.filter((node): node is TSESTree.ImportDeclaration => node.type === AST_NODE_TYPES.ImportDeclaration);
        for (const declaration of imports) expect(declaration.source.value).toBe('../src/engine/index.js');
        const exported = program.body.find((node): node is TSESTree.ExportDefaultDeclaration => node.type === AST_NODE_TYPES.ExportDefaultDeclaration);
        expect(exported?.declaration.type).toBe(AST_NODE_TYPES.CallExpression);
        const call = exported!.declaration as TSESTree.CallExpression;
        expect(call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name).toBe('defineRule');
        const definition = call.arguments[0] as TSESTree.ObjectExpression;
        const idProperty = definition.properties.find((property) => property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'id');
        const idValue = idProperty?.type === AST_NODE_TYPES.Property ? idProperty.value : undefined;
        expect(idValue?.type === AST_NODE_TYPES.Literal && idValue.value).toBe(rule.id);
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

  it('keeps the README rules table in step with the rule metadata (UPDATE_README=1 rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('<!-- rules:start -->');
    const end = readme.indexOf('<!-- rules:end -->');
    expect(start).toBeGreaterThan(0);
    const expected = `<!-- rules:start -->\n${rulesTable(rules)}\n`;
    const current = readme.slice(start, end);
    if (process.env.UPDATE_README === '1' && current !== expected) writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end));
    expect(current).toBe(expected);
  });
});
