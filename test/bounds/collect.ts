import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, simpleTraverse, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';

/** One regular expression written in the sources. */
export interface FoundRegex {
  /** `path:line`, relative to the repository. */
  where: string;
  /** The pattern, or undefined when it is built at run time (a `new RegExp` of a non-literal). */
  source: string | undefined;
  flags: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function tsFiles(directory: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(directory)) {
    const full = join(directory, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The text of a string literal or an expression-free template literal, else undefined. */
function literalText(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

/** Parse every TypeScript file under the folders (typescript-estree) and visit each AST node with its `path:line`. */
function visitSources(folders: readonly string[], visit: (node: TSESTree.Node, where: string) => void): void {
  for (const folder of folders) {
    for (const file of tsFiles(join(ROOT, folder))) {
      const program = parse(readFileSync(file, 'utf8'), { loc: true, range: true });
      simpleTraverse(program, { enter: (node) => visit(node, `${relative(ROOT, file)}:${node.loc.start.line}`) });
    }
  }
}

/**
 * Every regex literal and every `RegExp(...)`/`new RegExp(...)` in the TypeScript files under the
 * given folders, found by parsing each file, never by searching text.
 */
export function collectRegexes(folders: readonly string[]): FoundRegex[] {
  const out: FoundRegex[] = [];
  visitSources(folders, (node, where) => {
    if (node.type === AST_NODE_TYPES.Literal && 'regex' in node && node.regex) {
      out.push({ where, source: node.regex.pattern, flags: node.regex.flags });
    } else if (
      (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments;
      out.push({ where, source: literalText(pattern), flags: literalText(flags) ?? '' });
    }
  });
  return out;
}

/** Calls (`f(...xs)`, `new F(...xs)`) that spread an array into their arguments, under the given folders. */
export function collectSpreadArguments(folders: readonly string[]): string[] {
  const out: string[] = [];
  visitSources(folders, (node, where) => {
    if (
      (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) &&
      node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)
    )
      out.push(where);
  });
  return out;
}
