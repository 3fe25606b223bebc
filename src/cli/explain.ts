import { readFileSync } from 'node:fs';
import { ConfigError } from '../engine/config.js';
import { loadRules } from '../registry.js';
import { suggestKey } from '../schemas/suggest.js';
import type { CliIo } from './options.js';

/**
 * `vault-lint explain <rule>`: print the rule's documentation page (rules/<id>.md, shipped in the
 * package): what it checks and why, examples that fire and stay quiet, its options. An unknown id
 * is a usage error with the nearest id.
 */
export async function runExplain(argv: readonly string[], io: CliIo): Promise<number> {
  const ids = (await loadRules()).map((rule) => rule.id);
  const [id, ...rest] = argv.filter((arg) => arg !== '--');
  if (id === undefined || rest.length > 0 || id.startsWith('-')) throw new ConfigError('Usage: vault-lint explain <rule-id>');
  if (!ids.includes(id)) {
    const near = suggestKey(id, ids);
    throw new ConfigError(`Unknown rule "${id}"${near ? `; did you mean "${near}"?` : ''} (vault-lint --list-rules lists them)`);
  }
  io.stdout.write(readFileSync(new URL(`${RULES_FOLDER}${id}.md`, import.meta.url), 'utf8'));
  return 0;
}

/**
 * The rule pages relative to this module: the bundle (dist/bundle/) and the compiled sources
 * (dist/src/cli/, src/cli/ under vitest) sit at different depths below the package root.
 */
const RULES_FOLDER = import.meta.url.includes('/dist/src/') ? '../../../rules/' : '../../rules/';
