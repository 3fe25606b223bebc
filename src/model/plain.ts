/** A plain YAML/JSON value as Helm holds it after parsing. */
export type Plain = null | boolean | number | string | Plain[] | PlainMap;

/** A plain mapping. */
export interface PlainMap {
  [key: string]: Plain;
}

/** Whether a plain value is a mapping (not a list, not null). */
export function isPlainMap(value: unknown): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
