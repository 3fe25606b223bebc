import { isYaml11OnlyBoolean } from '../../parse/yaml.js';
import type { ValueNode } from './tree.js';

/**
 * The scalars the user wrote as a YAML 1.1 boolean word (`yes`, `No`, `ON`, `off`, `y`, `n`):
 * Helm reads a boolean there, while YAML 1.2 tools (yq, editors, schema validators, kubectl
 * plugins) read a string. Only effective values count: a scalar a later layer overrides has no effect.
 */
export function collectYaml11Booleans(model: { readonly values: ValueNode }): ValueNode[] {
  const out: ValueNode[] = [];
  const visit = (node: ValueNode): void => {
    if (!node.isUserSet) return;
    if (node.kind === 'scalar') {
      if (node.yaml?.kind === 'scalar' && isYaml11OnlyBoolean(node.yaml)) out.push(node);
      return;
    }
    for (const child of node.children.values()) visit(child);
    for (const item of node.items) visit(item);
  };
  visit(model.values);
  return out;
}
