import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import parse from 'yargs-parser';
import { ConfigError, PRESETS, type PresetName, type RuleSetting } from '../engine/config.js';
import { checkChartVersion, lintRun, loadRules, type LintOptions, type LintTarget } from '../engine/lint.js';
import { RuleCrashError } from '../engine/run.js';
import type { FileResult, RuleInfo, Severity } from '../engine/types.js';
import { formatterNames, isFormatterName, loadFormatter } from '../report/index.js';
import { CHART_VERSIONS, DEFAULT_CHART_VERSION } from '../model/model.js';
import { Redactor } from '../model/redact.js';
import { expandTargets } from './files.js';
import { readSetLayers } from './layers.js';

/** The process surroundings the CLI uses, injectable for tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean' | 'number' | 'array';
  alias?: string;
  describe: string;
  choices?: readonly string[];
  default?: string | number;
}

/** Every flag, declared once: the fast parser and the help text both read this table. */
export const OPTIONS: Record<string, OptionSpec> = {
  output: { type: 'string', alias: 'o', describe: 'Output format', choices: formatterNames, default: 'stylish' },
  'output-file': { type: 'string', describe: 'Write the report to this file instead of standard output' },
  values: { type: 'array', alias: 'f', describe: 'Values file layered into one release, in order, as helm -f does (repeatable)' },
  set: { type: 'array', describe: 'Set values as helm --set does: a.b=c,d[0]=e, typed (true/false/null/integers); applied after all -f files (repeatable)' },
  'set-string': { type: 'array', describe: 'Set string values as helm --set-string does; applied after every --set (repeatable)' },
  'set-file': { type: 'array', describe: 'Set values to the contents of files as helm --set-file does (key=path); applied last (repeatable)' },
  'release-name': { type: 'string', describe: 'Helm release name, which decides pod and Service names', default: 'vault' },
  namespace: { type: 'string', alias: 'n', describe: 'Namespace the release is installed in' },
  'chart-version': { type: 'string', describe: `Vault chart version (${CHART_VERSIONS.join(', ')})`, default: DEFAULT_CHART_VERSION },
  preset: { type: 'string', describe: 'Rule preset', choices: PRESETS, default: 'recommended' },
  rule: { type: 'array', describe: 'Set a rule\'s severity: <rule-id>=<error|warning|info|off> (repeatable)' },
  'max-warnings': { type: 'number', describe: 'Fail when there are more warnings than this (-1: no limit)', default: -1 },
  quiet: { type: 'boolean', describe: 'Report errors only' },
  color: { type: 'boolean', describe: 'Force colours on (--no-color: off); default: on for a terminal, honouring NO_COLOR and FORCE_COLOR' },
  'list-rules': { type: 'boolean', describe: 'List the rules with their default severity and exit' },
  version: { type: 'boolean', describe: 'Print the version and exit' },
  help: { type: 'boolean', alias: 'h', describe: 'Show help and exit' },
};

const USAGE = 'vault-lint [options] [files|dirs|globs|-]...';

/** Parse argv into options, or throw a ConfigError with one clear line. */
export function parseArgs(argv: readonly string[], table: Record<string, OptionSpec> = OPTIONS, command = 'vault-lint'): Record<string, unknown> & { _: string[] } {
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
    if (spec.type === 'string' && (typeof value !== 'string' || value === '')) {
      throw new ConfigError(`Option --${name} expects a value`);
    }
    if (spec.choices && !spec.choices.includes(String(value))) {
      throw new ConfigError(`Invalid value "${String(value)}" for --${name}; choose one of: ${spec.choices.join(', ')}`);
    }
  }
  return { ...parsed, _: parsed._.map(String) };
}

function parseRuleFlags(values: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const entry of (values as string[] | undefined) ?? []) {
    const match = /^([a-z0-9-]+)=(error|warning|info|off)$/.exec(entry);
    if (!match) throw new ConfigError(`Invalid --rule "${entry}"; expected <rule-id>=<error|warning|info|off>`);
    out[match[1]!] = match[2] as Severity | 'off';
  }
  return out;
}

/** Whether to colour: explicit flag, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
export function decideColor(flag: unknown, env: CliIo['env'], toFile: boolean, isTTY: boolean | undefined): boolean {
  if (typeof flag === 'boolean') return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return !toFile && isTTY === true;
}

/** The package version, read from package.json above this module (source, dist/src or the bundle). */
function packageVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const data = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (data.name === 'vault-lint' && data.version) return data.version;
    } catch {
      // not at this level; try the next
    }
  }
  return '0.0.0';
}

export async function helpText(table: Record<string, OptionSpec> = OPTIONS, usage = USAGE, epilog = 'Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error. "vault-lint render [options] [files...]" prints the effective values and the Vault config the chart renders (see vault-lint render --help).'): Promise<string> {
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

export async function readTarget(file: string, io: CliIo): Promise<{ label: string; text: string }> {
  if (file === '-') return { label: '<stdin>', text: await io.readStdin() };
  try {
    return { label: file, text: readFileSync(resolve(io.cwd, file), 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read "${file}"${code ? ` (${code})` : ''}`);
  }
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'render') {
    // The subcommand's code is loaded only when it runs.
    const { runRender } = await import('./render.js');
    return runRender(argv.slice(1), io);
  }
  let redactor = Redactor.of([]);
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout.write(await helpText());
      return 0;
    }
    if (args.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const rules = await loadRules();
    if (args['list-rules']) {
      for (const rule of rules) io.stdout.write(`${rule.id.padEnd(32)} ${rule.meta.severity.padEnd(8)} ${rule.meta.description}\n`);
      return 0;
    }
    const options: LintOptions = {
      chartVersion: checkChartVersion(args['chart-version'] as string | undefined),
      releaseName: (args['release-name'] as string | undefined) ?? 'vault',
      preset: ((args.preset as string | undefined) ?? 'recommended') as PresetName,
      rules: parseRuleFlags(args.rule),
    };
    if (typeof args.namespace === 'string') options.namespace = args.namespace;
    const layered = (args.values as string[] | undefined) ?? [];
    const sets = await readSetLayers(args, io);
    if (args._.length === 0 && layered.length === 0 && sets.layers.length === 0) throw new ConfigError(`No input; usage: ${USAGE}`);
    const outputFile = args['output-file'] as string | undefined;
    const positional = expandTargets(args._, io.cwd);
    const inputs = new Set([...positional, ...layered, ...sets.files].map((file) => resolve(io.cwd, file)));
    if (outputFile && inputs.has(resolve(io.cwd, outputFile))) throw new ConfigError(`Refusing to write the report over the input file "${outputFile}"`);
    // --set applies to every release: the -f release, each positional file, or (alone) the chart defaults.
    const targets: LintTarget[] = [];
    if (layered.length > 0 || (positional.length === 0 && sets.layers.length > 0)) {
      const layers = [];
      for (const file of layered) layers.push({ kind: 'file' as const, ...(await readTarget(file, io)) });
      targets.push({ layers: [...layers, ...sets.layers] });
    }
    for (const file of positional) targets.push({ layers: [{ kind: 'file', ...(await readTarget(file, io)) }, ...sets.layers] });
    const run = await lintRun(targets, options);
    // Whatever is printed from here on passes the same redaction as the findings; numbers (a PIN)
    // are left to the findings' own scrubbing, since line numbers and counts must survive.
    redactor = Redactor.of(run.secrets, { numeric: false });
    let results = run.results;
    const warnings = results.reduce((count, result) => count + result.findings.filter((finding) => finding.severity === 'warning').length, 0);
    const errors = results.reduce((count, result) => count + result.findings.filter((finding) => finding.severity === 'error').length, 0);
    if (args.quiet) results = results.map((result): FileResult => ({ ...result, findings: result.findings.filter((finding) => finding.severity === 'error') }));
    const format = (args.output as string | undefined) ?? 'stylish';
    if (!isFormatterName(format)) throw new ConfigError(`Unknown output format "${format}"`);
    const formatter = await loadFormatter(format);
    const infos = new Map<string, RuleInfo>(rules.map((rule) => [rule.id, { id: rule.id, meta: rule.meta, docsUrl: rule.docsUrl }]));
    const color = decideColor(args.color, io.env, outputFile !== undefined, io.stdout.isTTY);
    const text = redactor.scrub(formatter(results, infos, { color, toolVersion: packageVersion(), cwd: io.cwd }));
    if (outputFile) {
      const path = resolve(io.cwd, outputFile);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } else {
      io.stdout.write(text);
    }
    const maxWarnings = (args['max-warnings'] as number | undefined) ?? -1;
    return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(redactor.scrub(`vault-lint: ${error.message}\n`));
    } else if (error instanceof RuleCrashError) {
      io.stderr.write(redactor.scrub(`vault-lint: internal error in rule "${error.ruleId}": ${error.original instanceof Error ? error.original.message : String(error.original)}\n`));
    } else {
      io.stderr.write(redactor.scrub(`vault-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`));
    }
    return 2;
  }
}

/** Entry point for the `vault-lint` binary. */
export async function run(): Promise<void> {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = await main(process.argv.slice(2), io);
}
