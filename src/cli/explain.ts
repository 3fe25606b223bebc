import { readFileSync } from 'node:fs';
import { ConfigError } from '../engine/config.js';
import type { Rule } from '../engine/rule.js';
import { describeScope } from '../engine/scope.js';
import { loadRules } from '../registry.js';
import { suggestKey } from '../schemas/suggest.js';
import { helpText, OPTIONS, parseArgs, type CliIo, type OptionSpec } from './options.js';
import { Settings } from './settings.js';

/** The flags of `vault-lint explain`: which config's added rules (plugins) it knows besides the built-in ones. */
const EXPLAIN_OPTIONS: Record<string, OptionSpec> = { config: OPTIONS.config!, debug: OPTIONS.debug!, help: OPTIONS.help! };

const USAGE = 'vault-lint explain [options] <rule-id>';

/**
 * `vault-lint explain <rule>`: print the rule's documentation page (rules/<id>.md, shipped in the
 * package): what it checks and why, examples that fire and stay quiet, its options. A rule that the
 * config of the current folder adds (a plugin's) gets a page made from its metadata. An unknown id
 * is a usage error with the nearest id.
 */
export async function runExplain(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, EXPLAIN_OPTIONS, 'vault-lint explain');
  if (args.help) {
    io.stdout.write(
      await helpText(
        EXPLAIN_OPTIONS,
        USAGE,
        "Prints the rule's page; a rule a plugin adds (plugins: in the config file) gets one made from its metadata.",
      ),
    );
    return 0;
  }
  const [id, ...rest] = args._;
  if (id === undefined || rest.length > 0) throw new ConfigError('Usage: vault-lint explain <rule-id>');
  const builtIn = await loadRules();
  if (builtIn.some((rule) => rule.id === id)) {
    io.stdout.write(readFileSync(new URL(`${RULES_FOLDER}${id}.md`, import.meta.url), 'utf8'));
    return 0;
  }
  const added = await new Settings({}, args.config as string | boolean | undefined, io.cwd, builtIn).addedRules();
  const rule = added.find((candidate) => candidate.id === id);
  if (!rule) {
    const near = suggestKey(
      id,
      [...builtIn, ...added].map((candidate) => candidate.id),
    );
    throw new ConfigError(`Unknown rule "${id}"${near ? `; did you mean "${near}"?` : ''} (vault-lint --list-rules lists them)`);
  }
  io.stdout.write(metadataPage(rule));
  return 0;
}

/** The page of a rule from outside the package: what its metadata says, and where its own documentation is. */
function metadataPage(rule: Rule): string {
  const { meta } = rule;
  const lines = [`# ${rule.id}`, '', meta.description, ''];
  lines.push(
    `**Default severity:** ${meta.severity} · **Applies to:** ${describeScope(meta.appliesTo)} · **Guide:** ${meta.guide} · **Tags:** ${meta.tags.join(', ')}`,
  );
  if (rule.plugin !== undefined) lines.push('', `**Plugin:** ${rule.plugin}`);
  if (rule.docsUrl !== undefined) lines.push('', `**Documentation:** ${rule.docsUrl}`);
  lines.push('', '## Messages', '');
  for (const [messageId, message] of Object.entries(meta.messages)) {
    lines.push(`- \`${messageId}\`: ${message}`);
    const hint = meta.hints?.[messageId];
    if (hint !== undefined) lines.push(`  Fix: ${hint}`);
  }
  const options = Object.entries(meta.options ?? {});
  if (options.length > 0) {
    lines.push('', '## Options', '');
    for (const [name, option] of options)
      lines.push(`- \`${name}\` (${option.type}, default ${JSON.stringify(option.default)}): ${option.description}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The rule pages relative to this module: the bundle (dist/bundle/) and the compiled sources
 * (dist/src/cli/, src/cli/ under vitest) sit at different depths below the package root.
 */
const RULES_FOLDER = import.meta.url.includes('/dist/src/') ? '../../../rules/' : '../../rules/';
