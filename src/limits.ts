/**
 * The stated limits that bound the work of one run on any input. Each limit, when hit, becomes a
 * positioned finding (`yaml-syntax/fileTooLarge`, `yaml-syntax/aliasBudget`, `yaml-syntax/depthLimit`,
 * `hcl-syntax/configTooLarge`); nothing past a limit is parsed or expanded, so no input can make a
 * stage super-linear or exhaust memory. A leaf module: the parsers, the model and the engine read it.
 */
export interface Limits {
  /**
   * Largest values file, in bytes (UTF-8), that is parsed at all. Larger files get one finding at
   * their first line and no other check. Lint option `maxFileSize`.
   */
  maxFileSize: number;
  /**
   * Nodes that aliases (`*name`) and merge keys (`<<`) may add to a values file beyond what is
   * written in it: the size of the tree Helm would build minus the size of the text's own tree.
   * An alias bomb of any shape reaches it after a few thousand nodes of work.
   */
  maxAliasExpansion: number;
  /** Deepest nesting of maps and lists, aliases expanded; Helm values rarely pass 15. */
  maxDepth: number;
  /** Longest embedded Vault config (characters) that is parsed; longer ones get one finding. */
  maxConfigSize: number;
  /** Deepest nesting of blocks, objects and lists in an embedded config; deeper is an `hcl-syntax` finding. */
  maxConfigDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileSize: 5 * 1024 * 1024,
  maxAliasExpansion: 100_000,
  maxDepth: 200,
  maxConfigSize: 1024 * 1024,
  maxConfigDepth: 400,
});

/** The limits in force: the defaults with any given override. */
export function resolveLimits(overrides: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** A byte count for messages: `5 MiB`, `640 KiB`, `900 bytes`. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/**
 * The message of the finding on a file larger than the size limit, shared by every place that
 * enforces it (the CLI's bounded read and the model's check of text given through the API).
 */
export function fileTooLargeMessage(limit: number): string {
  return `File is larger than the ${formatBytes(limit)} limit and was not checked`;
}
