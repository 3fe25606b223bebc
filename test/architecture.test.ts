import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// ESLint (import-x/no-cycle, eslint.config.js) finds circles of runtime imports; this test also
// counts `import type`, because a circle of types is still a circle a reader has to hold in their head.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function tsFiles(directory: string, out: string[] = []): string[] {
  for (const name of readdirSync(directory)) {
    const full = join(directory, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'generated') tsFiles(full, out);
    } else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Each source file's relative imports (static, type-only and dynamic), as repository paths. */
function importGraph(folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => tsFiles(join(ROOT, folder)))) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      targets.push(relative(ROOT, resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), each sorted. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return out;
}

describe('the import graph', () => {
  const graph = importGraph(['src', 'rules']);

  it('has no circle in src/ and rules/, type-only imports included', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const sample = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(sample)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has no arrow from the engine to the rules', () => {
    const upward = [...graph].filter(
      ([file, targets]) => file.startsWith('src/engine/') && targets.some((target) => target.startsWith('rules/')),
    );
    expect(upward).toEqual([]);
  });
});
