import type { CelInput } from '@bufbuild/cel';

/**
 * Plain data (as YAML or HCL decode it) as CEL input: maps as maps, whole numbers as `int`, other
 * numbers as `double`. Converted once per target and release, so that reading a field costs nothing.
 * Plain JavaScript: the evaluator itself is loaded only for policies with an expression.
 */
export function toCelInput(value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (typeof value === 'object') {
    const map = new Map<string, CelInput>();
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) map.set(key, toCelInput(child));
    return map;
  }
  return String(value);
}
