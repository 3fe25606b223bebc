// Only type imports here: this module is loaded on every run, and a formatter (chalk, node:crypto)
// should be loaded only when it is the one asked for.
import type { Formatter } from './types.js';

export type { Formatter, ReportOptions } from './types.js';

/** The names accepted by `--format`, the default first. */
export const formatterNames = ['stylish', 'json', 'sarif', 'github'] as const;

/** One of `formatterNames`. */
export type FormatterName = (typeof formatterNames)[number];

/** Narrow a user-supplied string (a `--format` value, a config entry) to a formatter name. */
export function isFormatterName(name: string): name is FormatterName {
  return (formatterNames as readonly string[]).includes(name);
}

/**
 * Load the formatter called `name`, importing its module and nothing else, and return its
 * function. Rejects for a name that is not one of `formatterNames` (a caller that skipped
 * `isFormatterName`).
 */
export async function loadFormatter(name: FormatterName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    default:
      throw new Error(`Unknown formatter "${String(name satisfies never)}"`);
  }
}
