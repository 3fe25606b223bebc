import { isPlainMap } from '../plain.js';

/**
 * Truth as a Go template `if` tests it: false, 0, nil, "" and empty collections are false;
 * everything else is true, including the string "false".
 */
export function helmTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainMap(value)) return Object.keys(value).length > 0;
  return true;
}

/** The chart's `eq (x | toString) "true"` test: only `true` and the string "true" pass. */
export function helmEqualsTrue(value: unknown): boolean {
  return helmToString(value) === 'true';
}

/** Go template `toString` of a Helm value (numbers arrive as float64). */
export function helmToString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/**
 * A component switch the chart tests as `"true"`, or `"-"` meaning "follow global.enabled".
 */
export function componentEnabled(value: unknown, globalEnabled: unknown): boolean {
  const text = helmToString(value);
  return text === 'true' || (text === '-' && helmTruthy(globalEnabled));
}

/** How Vault reads a boolean setting (go-secure-stdlib ParseBool): true, false, or not a boolean at all. */
export type VaultBool = true | false | 'invalid';

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Vault's ParseBool: booleans as they are, numbers true when non-zero, strings by Go's
 * `strconv.ParseBool` (`"1"`, `"t"`, `"true"`…), the empty string false; `"yes"` is an error.
 */
export function vaultBool(value: unknown): VaultBool {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    if (value === '') return false;
    if (GO_TRUE.has(value)) return true;
    if (GO_FALSE.has(value)) return false;
  }
  return 'invalid';
}
