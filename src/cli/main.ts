import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type PresetName, type RuleSetting } from '../engine/config.js';
import { checkChartVersion, createLinter, type LintOptions, type LintTarget } from '../engine/lint.js';
import { loadRules } from '../registry.js';
import { DEFAULT_MAX_FINDINGS_PER_FILE, fileTooLargeResult, limitFindings } from '../engine/limits.js';
import type { FileResult, RuleInfo, Severity } from '../engine/types.js';
import { isFormatterName, loadReportStream } from '../report/index.js';
import type { InputLayer } from '../model/model.js';
import { chartPinBeside } from './chart-pin.js';
import { describeErrno, describeFailure, EnvironmentError } from './errors.js';
import { Redactor } from '../model/redact.js';
import { expandTargets } from './files.js';
import { readStreamBounded } from './input.js';
import { readSetLayers } from './layers.js';
import { decodeValues } from '../parse/decode.js';
import { openOutputFile, type OutputSink } from './output.js';
import { helpText, parseArgs, parseSize, readTarget, USAGE, type CliIo } from './options.js';

export type { CliIo } from './options.js';

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
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const rules = await loadRules();
    if (args['list-rules']) {
      for (const rule of rules) io.stdout.write(`${rule.id.padEnd(32)} ${rule.meta.severity.padEnd(8)} ${rule.meta.description}\n`);
      return 0;
    }
    const explicitVersion = args['chart-version'] as string | undefined;
    const options: LintOptions = {
      chartVersion: checkChartVersion(explicitVersion),
      releaseName: (args['release-name'] as string | undefined) ?? 'vault',
      preset: ((args.preset as string | undefined) ?? 'recommended') as PresetName,
      rules: parseRuleFlags(args.rule),
      registry: rules,
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
    const stream = (await loadReportStream(format))(
      new Map<string, RuleInfo>(rules.map((rule) => [rule.id, { id: rule.id, meta: rule.meta, docsUrl: rule.docsUrl }])),
      {
        color: decideColor(args.color, io.env, args['output-file'] !== undefined, io.stdout.isTTY),
        toolVersion: packageVersion(),
        cwd: io.cwd,
      },
    );
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
    // Without --chart-version, a release's chart version is the one pinned beside its first file.
    const lint = async (layers: InputLayer[], firstFile: string | undefined): Promise<void> => {
      const target: LintTarget = { layers };
      if (explicitVersion === undefined && firstFile !== undefined && firstFile !== '-') {
        const pin = await chartPinBeside(resolve(io.cwd, firstFile), firstFile);
        if (pin) target.chartVersion = pin.version;
      }
      const run = await linter(target);
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
      if (complete) await lint([...layers, ...sets.layers], layered[0]);
    }
    for (const file of positional) {
      const read = await readTarget(file, io, maxFileSize);
      if (read.tooLarge) emit(fileTooLargeResult(read.label, maxFileSize));
      else await lint([{ kind: 'file', label: read.label, text: read.text }, ...sets.layers], file);
    }
    out.write(stream.end());
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
