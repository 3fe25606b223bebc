import type { Rule } from '../engine/index.js';
import { policyRule } from './policy.js';
import { readPolicies, type PolicySource } from './read.js';

export type { PolicySource } from './read.js';

/**
 * The rules of a config file's `policies:`: each policy read, checked (schema compiled, CEL
 * parsed and checked, path matched against the chart's values schema) and turned into a rule.
 * Loaded with `import()` by the config reader only when a config declares policies.
 */
export async function loadPolicies(source: PolicySource): Promise<Rule[]> {
  return (await readPolicies(source)).map(policyRule);
}
