import type { Rule } from './engine/rule.js';

/**
 * The explicit rule registry (rules/index.ts), imported on first use. The engine never imports
 * rules: the public entry and the CLI hand this registry to it.
 */
export async function loadRules(): Promise<readonly Rule[]> {
  const registry = await import('../rules/index.js');
  return registry.rules;
}
