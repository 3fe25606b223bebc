import { resolve } from 'node:path';
import parse from 'yargs-parser';
import { ConfigError, PRESETS, type PresetName, type RuleSetting } from '../engine/config.js';
import { checkChartVersion, type LintOptions, type LintTarget } from '../engine/lint.js';
import { createLinter, loadRules } from '../lint.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS_PER_FILE, fileTooLargeResult, formatBytes, limitFindings } from '../engine/limits.js';
import type { FileResult, Severity } from '../engine/types.js';
import { formatterNames, isFormatterName, loadReportStream } from '../report/index.js';
import { projectHome, readPackageInfo, ruleInfos } from '../engine/docs.js';
import { CHART_VERSIONS, DEFAULT_CHART_VERSION, type InputLayer } from '../model/model.js';
import { describeErrno, describeFailure, EnvironmentError } from './errors.js';
import { Redactor } from '../model/redact.js';
import { expandTargets } from './files.js';
import { boundText, readFileBounded, readStreamBounded, type BoundedText } from './input.js';
import { readSetLayers } from './layers.js';
import { decodeValues } from '../parse/decode.js';
import { openOutputFile, type OutputSink } from './output.js';

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
  'release-name': { type: 'string', describe: 'Helm release name, which decides pod and Service names', default: 'vault' },
  namespace: { type: 'string', alias: 'n', describe: 'Namespace the release is installed in' },
  'chart-version': { type: 'string', describe: `Vault chart version (${CHART_VERSIONS.join(', ')})`, default: DEFAULT_CHART_VERSION },
  preset: { type: 'string', describe: 'Rule preset', choices: PRESETS, default: 'recommended' },
  rule: { type: 'array', describe: "Set a rule's severity: <rule-id>=<error|warning|info|off> (repeatable)" },
  'max-warnings': { type: 'number', describe: 'Fail when there are more warnings than this (-1: no limit)', default: -1 },
  quiet: { type: 'boolean', describe: 'Report errors only' },
  color: {
    type: 'boolean',
    describe: 'Force colours on (--no-color: off); default: on for a terminal, honouring NO_COLOR and FORCE_COLOR',
  },
  'list-rules': { type: 'boolean', describe: 'List the rules with their default severity and exit' },
  debug: { type: 'boolean', describe: 'On an internal or environment error, print the stack trace too' },
  version: { type: 'boolean', describe: 'Print the version and exit' },
  help: { type: 'boolean', alias: 'h', describe: 'Show help and exit' },
};

const USAGE = 'vault-lint [options] [files|dirs|globs|-]...';

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

export async function helpText(
  table: Record<string, OptionSpec> = OPTIONS,
  usage = USAGE,
  epilog = 'Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error. "vault-lint render [options] [files...]" prints the effective values and the Vault config the chart renders (see vault-lint render --help).',
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
export async function readTarget(file: string, io: CliIo, limit: number): Promise<{ label: string } & BoundedText> {
  if (file === '-') return { label: '<stdin>', ...boundText(await io.readStdin(limit), limit) };
  return { label: file, ...readFileBounded(resolve(io.cwd, file), file, limit, '', decodeValues) };
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'render') {
    // The subcommand's code is loaded only when it runs.
    const { runRender } = await import('./render.js');
    return runRender(argv.slice(1), io);
  }
  let debug = argv.includes('--debug');
  let sink: OutputSink | undefined;
  let redactor = Redactor.of([]);
  try {
    const args = parseArgs(argv);
    debug = args.debug === true;
    if (args.help) {
      io.stdout.write(await helpText());
      return 0;
    }
    if (args.version) {
      io.stdout.write(`${readPackageInfo().version}\n`);
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
    const maxFileSize = parseSize(args['max-file-size']);
    options.maxFileSize = maxFileSize;
    const maxFindings = (args['max-findings-per-file'] as number | undefined) ?? DEFAULT_MAX_FINDINGS_PER_FILE;
    const layered = (args.values as string[] | undefined) ?? [];
    const sets = await readSetLayers(args, io, maxFileSize);
    if (args._.length === 0 && layered.length === 0 && sets.layers.length === 0 && sets.tooLarge.length === 0)
      throw new ConfigError(`No input; usage: ${USAGE}`);
    const positional = await expandTargets(args._, io.cwd);
    const format = (args.output as string | undefined) ?? 'stylish';
    if (!isFormatterName(format)) throw new ConfigError(`Unknown output format "${format}"`);
    const pkg = readPackageInfo();
    const homepage = projectHome(pkg);
    // Only SARIF carries help text, and it needs the rule pages only when it has no link to give.
    const stream = (await loadReportStream(format))(ruleInfos(rules, { pkg, documentation: format === 'sarif' }), {
      color: decideColor(args.color, io.env, args['output-file'] !== undefined, io.stdout.isTTY),
      toolVersion: pkg.version,
      cwd: io.cwd,
      ...(homepage !== undefined ? { homepage } : {}),
    });
    const outputFile = args['output-file'] as string | undefined;
    const inputs = [...positional.filter((file) => file !== '-'), ...layered].map((file) => resolve(io.cwd, file)).concat(sets.files);
    sink = outputFile
      ? openOutputFile(resolve(io.cwd, outputFile), outputFile, 'report', inputs)
      : { write: (text) => io.stdout.write(text), commit() {}, abort() {} };
    const out = sink;

    // Results are printed file by file as they come, so a run over many files holds one at a time.
    let errors = 0;
    let warnings = 0;
    const emit = (result: FileResult): void => {
      for (const finding of result.findings) {
        if (finding.severity === 'error') errors += 1;
        else if (finding.severity === 'warning') warnings += 1;
      }
      let shown = limitFindings(result, maxFindings);
      if (args.quiet) shown = { ...shown, findings: shown.findings.filter((finding) => finding.severity === 'error') };
      out.write(redactor.scrub(stream.file(shown)));
    };
    // Output is scrubbed of every secret the run has met so far, not only the file's own: a token
    // in one file is masked where a later file repeats it. Numbers (a PIN) are left to the findings'
    // own scrubbing, since line numbers and counts must survive.
    const secrets = new Set<string>();
    const linter = await createLinter(options);
    const lint = async (layers: InputLayer[]): Promise<void> => {
      const run = await linter({ layers } satisfies LintTarget);
      const before = secrets.size;
      for (const secret of run.secrets) secrets.add(secret);
      if (secrets.size !== before) redactor = Redactor.of([...secrets], { numeric: false });
      for (const result of run.results) emit(result);
    };
    out.write(stream.start());
    for (const label of sets.tooLarge) emit(fileTooLargeResult(label, maxFileSize));
    // --set applies to every release: the -f release, each positional file, or (alone) the chart defaults.
    if (layered.length > 0 || (positional.length === 0 && sets.layers.length > 0)) {
      const layers: InputLayer[] = [];
      let complete = true;
      for (const file of layered) {
        const read = await readTarget(file, io, maxFileSize);
        if (read.tooLarge) {
          // A release missing one of its layers would be judged on values it does not have.
          emit(fileTooLargeResult(read.label, maxFileSize));
          complete = false;
        } else {
          layers.push({ kind: 'file', label: read.label, text: read.text });
        }
      }
      if (complete) await lint([...layers, ...sets.layers]);
    }
    for (const file of positional) {
      const read = await readTarget(file, io, maxFileSize);
      if (read.tooLarge) emit(fileTooLargeResult(read.label, maxFileSize));
      else await lint([{ kind: 'file', label: read.label, text: read.text }, ...sets.layers]);
    }
    // The end carries the rules table, and in SARIF without a docs link the rule pages themselves:
    // our text, but a secret as plain as the chart's dev root token "root" can be a word of it.
    out.write(redactor.scrub(stream.end()));
    out.commit();
    const maxWarnings = (args['max-warnings'] as number | undefined) ?? -1;
    return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
  } catch (error) {
    sink?.abort();
    io.stderr.write(redactor.scrub(describeFailure(error, debug)));
    return 2;
  }
}

/**
 * Entry point for the `vault-lint` binary. A reader that stops early (`vault-lint dir | head -1`)
 * ends the output quietly and the exit code is still the one the findings decide; any other
 * failure to write standard output (a full disk) is one line and exit 2.
 */
export async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  let stdoutError: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutError ??= error;
  });
  // Nothing can be reported about a closed standard error; only keep it from crashing the run.
  process.stderr.on('error', () => {});
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        if (stdoutError === undefined && text !== '') process.stdout.write(text);
      },
      isTTY: process.stdout.isTTY,
    },
    stderr: process.stderr,
    readStdin: (limit) => readStreamBounded(process.stdin, limit, decodeValues),
    env: process.env,
    cwd: process.cwd(),
  };
  let code = await main(argv, io);
  // Pipe and file writes report failure after the fact: wait for the last one to settle.
  await new Promise<void>((settle) => {
    if (stdoutError !== undefined || process.stdout.destroyed) settle();
    else
      process.stdout.write('', (error) => {
        if (error) stdoutError ??= error;
        settle();
      });
  });
  if (stdoutError !== undefined && stdoutError.code !== 'EPIPE') {
    const failure = new EnvironmentError(`cannot write report: ${describeErrno(stdoutError.code ?? 'EIO')}`, stdoutError);
    process.stderr.write(describeFailure(failure, argv.includes('--debug')));
    code = 2;
  }
  process.exitCode = code;
}
