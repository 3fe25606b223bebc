import { resolve } from 'node:path';
import parse from 'yargs-parser';
import { ConfigError, PRESETS } from '../engine/config.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS_PER_FILE, formatBytes } from '../engine/limits.js';
import { formatterNames } from '../report/index.js';
import { CHART_VERSIONS, DEFAULT_CHART_VERSION } from '../model/chart/versions.js';
import { boundText, readFileBounded, type BoundedText } from './input.js';
import { decodeValues } from '../parse/decode.js';

// The command line's vocabulary, shared by `vault-lint` (main.ts) and `vault-lint render` (render.ts).

/** The process surroundings the CLI uses, injectable for tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Standard input, at most `limit + 1` bytes of it (one past the limit tells it is too large). */
  readStdin(limit: number): Promise<string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean' | 'number' | 'array';
  alias?: string;
  describe: string;
  choices?: readonly string[];
  default?: string | number;
  /** A string option that `--no-<name>` turns off (the value is then `false`). */
  negatable?: boolean;
}

/** Every flag, declared once: the fast parser and the help text both read this table. */
export const OPTIONS: Record<string, OptionSpec> = {
  output: { type: 'string', alias: 'o', describe: 'Output format', choices: formatterNames, default: 'stylish' },
  'output-file': { type: 'string', describe: 'Write the report to this file instead of standard output' },
  values: { type: 'array', alias: 'f', describe: 'Values file layered into one release, in order, as helm -f does (repeatable)' },
  set: {
    type: 'array',
    describe: 'Set values as helm --set does: a.b=c,d[0]=e, typed (true/false/null/integers); applied after all -f files (repeatable)',
  },
  'set-string': { type: 'array', describe: 'Set string values as helm --set-string does; applied after every --set (repeatable)' },
  'set-file': {
    type: 'array',
    describe: 'Set values to the contents of files as helm --set-file does (key=path); applied last (repeatable)',
  },
  'max-file-size': {
    type: 'string',
    describe:
      'Largest input read, in bytes or with a KiB, MiB or GiB suffix; a larger file (or --set-file, or standard input) is not read past it and becomes a yaml-syntax error',
    default: formatBytes(DEFAULT_MAX_FILE_SIZE).replace(' ', ''),
  },
  'max-findings-per-file': {
    type: 'number',
    describe: 'Report at most this many findings per file; one more finding says how many were left out (-1: no limit)',
    default: DEFAULT_MAX_FINDINGS_PER_FILE,
  },
  'release-name': { type: 'string', describe: 'Helm release name, which decides pod and Service names (default: vault)' },
  namespace: { type: 'string', alias: 'n', describe: 'Namespace the release is installed in' },
  'chart-version': {
    type: 'string',
    describe: `hashicorp/vault chart version, ${CHART_VERSIONS[0]} to ${CHART_VERSIONS[CHART_VERSIONS.length - 1]} (default: the version a Chart.lock or Chart.yaml beside the values file pins for its vault dependency, else ${DEFAULT_CHART_VERSION})`,
  },
  'values-path': {
    type: 'string',
    describe:
      "Lint the section under this key of an umbrella chart's values (the vault dependency's alias or name; dotted for nested subcharts), with the top-level global merged in as Helm does (default: the vault dependency of a Chart.yaml beside the file, when the file writes that key)",
  },
  preset: { type: 'string', describe: 'Rule preset (default: recommended)', choices: PRESETS },
  config: {
    type: 'string',
    negatable: true,
    describe: 'Use this config file instead of the .vault-lint.yaml found above each file (--no-config: none)',
  },
  rule: { type: 'array', describe: "Set a rule's severity: <rule-id>=<error|warning|info|off> (repeatable)" },
  'max-warnings': { type: 'number', describe: 'Fail when there are more warnings than this (-1: no limit)', default: -1 },
  quiet: { type: 'boolean', describe: 'Report errors only' },
  verbose: { type: 'boolean', describe: 'Say on standard error which files a directory or glob search skipped, and why' },
  'stdin-filename': { type: 'string', describe: 'The name standard input (-) has in every output, e.g. its path in the repository' },
  'report-unused-disable-directives': {
    type: 'boolean',
    describe: 'Report inline vault-lint-disable directives (and rule ids in them) that suppressed no finding',
  },
  'require-disable-reason': { type: 'boolean', describe: 'Report inline vault-lint-disable directives that give no reason after " -- "' },
  'sarif-category': {
    type: 'string',
    describe: 'SARIF automationDetails.id: the code scanning category, to upload several runs for one commit (e.g. one per environment)',
  },
  baseline: { type: 'string', describe: 'Report only findings this baseline file (from --write-baseline) does not accept' },
  'baseline-prune': { type: 'boolean', describe: 'With --baseline: remove the entries no finding matches any more (fixed) from the file' },
  'write-baseline': { type: 'string', describe: 'Write every finding of this run to a baseline file and pass' },
  'include-suppressed': {
    type: 'boolean',
    describe:
      'Keep findings that inline directives or the baseline suppress in SARIF output, marked with suppressions (kind inSource or external)',
  },
  color: {
    type: 'boolean',
    describe: 'Force colours on (--no-color: off); default: on for a terminal, honouring NO_COLOR and FORCE_COLOR',
  },
  tag: { type: 'array', describe: 'With --list-rules: only rules with this tag, e.g. tls or security (repeatable: any of them)' },
  'list-rules': { type: 'boolean', describe: 'List the rules, sorted by id, with their default severity and exit (-o json: as JSON)' },
  debug: { type: 'boolean', describe: 'On an internal or environment error, print the stack trace too' },
  version: { type: 'boolean', describe: 'Print the version and exit' },
  help: { type: 'boolean', alias: 'h', describe: 'Show help and exit' },
};

/** The lint command's usage line. */
export const USAGE = 'vault-lint [options] [files|dirs|globs|-]...';

/** Parse argv into options, or throw a ConfigError with one clear line. */
export function parseArgs(
  argv: readonly string[],
  table: Record<string, OptionSpec> = OPTIONS,
  command = 'vault-lint',
): Record<string, unknown> & { _: string[] } {
  const byType = (type: OptionSpec['type']) => Object.keys(table).filter((name) => table[name]!.type === type);
  const alias: Record<string, string> = {};
  for (const [name, spec] of Object.entries(table)) if (spec.alias) alias[name] = spec.alias;
  const parsed = parse([...argv], {
    string: [...byType('string'), ...byType('array')],
    boolean: byType('boolean'),
    number: byType('number'),
    array: byType('array'),
    alias,
    configuration: {
      'camel-case-expansion': false,
      'dot-notation': false,
      'parse-numbers': false,
      'parse-positional-numbers': false,
      'strip-aliased': true,
      'duplicate-arguments-array': true,
      'greedy-arrays': false,
      'halt-at-non-option': false,
    },
  }) as Record<string, unknown> & { _: (string | number)[] };
  const known = new Set(['_', '--', ...Object.keys(table)]);
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new ConfigError(`Unknown option "${key.length === 1 ? '-' : '--'}${key}"; see ${command} --help`);
  }
  for (const [name, spec] of Object.entries(table)) {
    const value = parsed[name];
    if (value === undefined) continue;
    if (spec.type !== 'array' && spec.type !== 'boolean' && Array.isArray(value)) {
      throw new ConfigError(`Option --${name} was given more than once`);
    }
    if (spec.type === 'number' && (typeof value !== 'number' || !Number.isInteger(value))) {
      throw new ConfigError(`Option --${name} expects a whole number`);
    }
    // `--no-<name>` switches an option that allows it off (`--no-config`).
    if (spec.negatable && value === false) continue;
    if (spec.type === 'string' && (typeof value !== 'string' || value === '')) {
      throw new ConfigError(`Option --${name} expects a value`);
    }
    if (spec.choices && !spec.choices.includes(String(value))) {
      throw new ConfigError(`Invalid value "${String(value)}" for --${name}; choose one of: ${spec.choices.join(', ')}`);
    }
  }
  return { ...parsed, _: parsed._.map(String) };
}

export async function helpText(
  table: Record<string, OptionSpec> = OPTIONS,
  usage = USAGE,
  epilog = 'Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error. "vault-lint render [options] [files...]" prints the effective values and the Vault config the chart renders (see vault-lint render --help); "vault-lint explain <rule>" prints a rule\'s documentation; "vault-lint check-rules <files>" checks rule modules for rule authors (see vault-lint check-rules --help).',
): Promise<string> {
  // Full yargs is loaded only to print help: its start-up cost would double every lint run.
  const { default: yargs } = await import('yargs');
  const builder = yargs([]).scriptName('vault-lint').usage(`Usage: ${usage}`).version(false).help(false).wrap(100);
  for (const [name, spec] of Object.entries(table)) {
    const option: Record<string, unknown> = { describe: spec.describe, type: spec.type === 'array' ? 'string' : spec.type };
    if (spec.alias) option.alias = spec.alias;
    if (spec.choices) option.choices = spec.choices;
    if (spec.default !== undefined) option.default = spec.default;
    builder.option(name, option);
  }
  builder.epilog(epilog);
  return `${await builder.getHelp()}\n`;
}

/** Parse a `--max-file-size` value: bytes, or a number with a KiB, MiB or GiB suffix (`k`, `m`, `g` too). */
export function parseSize(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_FILE_SIZE;
  const match = /^(\d{1,15})\s?([kmg]i?b?|b)?$/i.exec(String(value));
  if (!match) throw new ConfigError(`Invalid --max-file-size "${String(value)}"; expected bytes or a size such as 512KiB or 5MiB`);
  const unit = (match[2] ?? 'b')[0]!.toLowerCase();
  return Number(match[1]) * ({ b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 } as Record<string, number>)[unit]!;
}

/** Read one target (`-` is standard input) up to `limit` bytes; its label is what findings name. */
export async function readTarget(file: string, io: CliIo, limit: number, stdinName = '<stdin>'): Promise<{ label: string } & BoundedText> {
  if (file === '-') return { label: stdinName, ...boundText(await io.readStdin(limit), limit) };
  return { label: file, ...readFileBounded(resolve(io.cwd, file), file, limit, '', decodeValues) };
}
