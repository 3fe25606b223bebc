// Only type imports here: this module is loaded on every run, and a formatter (chalk, node:crypto)
// should be loaded only when it is the one asked for.
import type { Formatter, StreamingFormatter } from './types.js';

export type { Formatter, ReportOptions, ReportStream, StreamingFormatter } from './types.js';

/** The names accepted by `--format`, the default first. */
export const formatterNames = ['stylish', 'json', 'sarif', 'github', 'junit', 'codequality'] as const;

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
  return (await loadReporter(name)).format;
}

/**
 * Load the streaming form of the formatter called `name`: it prints each file's part as results
 * come (see ReportStream), which the CLI uses so that many-file runs keep memory flat.
 */
export async function loadReportStream(name: FormatterName): Promise<StreamingFormatter> {
  return (await loadReporter(name)).stream;
}

async function loadReporter(name: FormatterName): Promise<{ format: Formatter; stream: StreamingFormatter }> {
  switch (name) {
    case 'stylish': {
      const module = await import('./stylish.js');
      return { format: module.formatStylish, stream: module.streamStylish };
    }
    case 'json': {
      const module = await import('./json.js');
      return { format: module.formatJson, stream: module.streamJson };
    }
    case 'sarif': {
      const module = await import('./sarif.js');
      return { format: module.formatSarif, stream: module.streamSarif };
    }
    case 'github': {
      const module = await import('./github.js');
      return { format: module.formatGithub, stream: module.streamGithub };
    }
    case 'junit': {
      const module = await import('./junit.js');
      return { format: module.formatJunit, stream: module.streamJunit };
    }
    case 'codequality': {
      const module = await import('./codequality.js');
      return { format: module.formatCodequality, stream: module.streamCodequality };
    }
    default:
      throw new Error(`Unknown formatter "${String(name satisfies never)}"`);
  }
}
