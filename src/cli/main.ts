import { relative, resolve } from 'node:path';
import { ConfigError, type PresetName, type RuleSetting } from '../engine/config.js';
import { checkChartVersion, createLinter, type Linter, type LintOptions, type LintTarget } from '../engine/lint.js';
import { loadRules } from '../registry.js';
import type { Rule } from '../engine/rule.js';
import { DEFAULT_MAX_FINDINGS_PER_FILE, fileTooLargeResult, limitFindings } from '../engine/limits.js';
import { originLabel, type FileResult, type Finding, type Severity } from '../engine/types.js';
import { projectHome, readPackageInfo, ruleInfos } from '../engine/docs.js';
import { isFormatterName, loadReportStream } from '../report/index.js';
import type { InputLayer } from '../model/model.js';
import { chartPinBeside } from './chart-pin.js';
import { describeErrno, describeFailure, EnvironmentError, quoteName } from './errors.js';
import { SecretMask } from '../mask/secret-mask.js';
import { isKubernetesManifest, selectTargets } from './files.js';
import { readStreamBounded } from './input.js';
import { readSetLayers } from './layers.js';
import { setLayer } from '../parse/set-args.js';
import { decodeValues } from '../parse/decode.js';
import { openOutputFile, type OutputSink } from './output.js';
import { baselineStage, readBaselineFile } from './baseline.js';
import { Settings, type NamedRelease, type ReleaseSettings } from './settings.js';
import { helpText, parseArgs, parseSize, readTarget, USAGE, type CliIo } from './options.js';

export type { CliIo } from './options.js';

function parseRuleFlags(values: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const entry of (values as string[] | undefined) ?? []) {
    // A rule a config file adds may have a namespaced id (`acme/registry`).
    const match = /^([a-z0-9-]+(?:\/[a-z0-9-]+)?)=(error|warning|info|off)$/.exec(entry);
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

/** `--list-rules`: every rule sorted by id, as text columns or (`-o json`) a JSON array. */
function listRules(rules: readonly Rule[], format: string | undefined): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'json') {
    const entries = sorted.map(({ id, meta }) => ({
      id,
      severity: meta.severity,
      description: meta.description,
      guide: meta.guide,
      tags: meta.tags,
    }));
    return `${JSON.stringify(entries, null, 2)}\n`;
  }
  return sorted.map((rule) => `${rule.id.padEnd(32)} ${rule.meta.severity.padEnd(8)} ${rule.meta.description}\n`).join('');
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'explain') {
    const { runExplain } = await import('./explain.js');
    try {
      return await runExplain(argv.slice(1), io);
    } catch (error) {
      io.stderr.write(describeFailure(error, argv.includes('--debug')));
      return 2;
    }
  }
  if (argv[0] === 'render') {
    // The subcommand's code is loaded only when it runs.
    const { runRender } = await import('./render.js');
    return runRender(argv.slice(1), io);
  }
  let debug = argv.includes('--debug');
  let sink: OutputSink | undefined;
  // Every secret the run has met so far; what it prints on failure is scrubbed of them.
  const mask = new SecretMask();
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
      // With the rules the config of the current folder adds (`policies:`, `plugins:`).
      const all = [...rules, ...(await new Settings({}, args.config as string | boolean | undefined, io.cwd, rules).addedRules())];
      const tags = (args.tag as string[] | undefined) ?? [];
      const listed = tags.length === 0 ? all : all.filter((rule) => rule.meta.tags.some((tag) => tags.includes(tag)));
      io.stdout.write(listRules(listed, args.output as string | undefined));
      return 0;
    }
    // Flags given on the command line; a config file fills in what they leave out.
    const options: LintOptions = { rules: parseRuleFlags(args.rule), registry: rules };
    if (typeof args['chart-version'] === 'string') options.chartVersion = checkChartVersion(args['chart-version']);
    if (typeof args['release-name'] === 'string') options.releaseName = args['release-name'];
    if (typeof args.preset === 'string') options.preset = args.preset as PresetName;
    if (typeof args.namespace === 'string') options.namespace = args.namespace;
    options.suppressions = {
      reportUnused: args['report-unused-disable-directives'] === true,
      requireReason: args['require-disable-reason'] === true,
      keepSuppressed: args['include-suppressed'] === true && args.output === 'sarif',
    };
    const maxFileSize = parseSize(args['max-file-size']);
    options.maxFileSize = maxFileSize;
    const maxFindings = (args['max-findings-per-file'] as number | undefined) ?? DEFAULT_MAX_FINDINGS_PER_FILE;
    const layered = (args.values as string[] | undefined) ?? [];
    const sets = await readSetLayers(args, io, maxFileSize);
    const settings = new Settings(options, args.config as string | boolean | undefined, io.cwd, rules);
    // With no file named, the releases of the config file are the input (the --set flags apply to each).
    const noFiles = args._.length === 0 && layered.length === 0;
    const namedReleases: NamedRelease[] = noFiles ? await settings.allReleases() : [];
    if (noFiles && namedReleases.length === 0 && sets.layers.length === 0 && sets.tooLarge.length === 0)
      throw new ConfigError(`No input; usage: ${USAGE}`);
    const stdinName = typeof args['stdin-filename'] === 'string' && args['stdin-filename'] !== '' ? args['stdin-filename'] : '<stdin>';
    const selection = await selectTargets(args._, io.cwd);
    const positional = selection.files;
    const verbose = args.verbose === true;
    for (const { pattern, files } of selection.skipped) {
      io.stderr.write(
        `vault-lint: ${quoteName(pattern)} also matches ${files.length} ${files.length === 1 ? 'file' : 'files'} under charts/, templates/ or dist/ (or a Chart.yaml), skipped as no values files; name that folder in the pattern to lint them${verbose ? `: ${files.join(', ')}` : ' (--verbose lists them)'}\n`,
      );
    }
    const format = (args.output as string | undefined) ?? 'stylish';
    if (!isFormatterName(format)) throw new ConfigError(`Unknown output format "${format}"`);
    const pkg = readPackageInfo();
    const homepage = projectHome(pkg);
    // Only SARIF carries help text, and it needs the rule pages only when it has no link to give.
    // Rules a config adds join this table when a release governed by that config is linted, before its findings are written.
    const infos = ruleInfos(rules, { pkg, documentation: format === 'sarif' });
    const stream = (await loadReportStream(format))(infos, {
      color: decideColor(args.color, io.env, args['output-file'] !== undefined, io.stdout.isTTY),
      toolVersion: pkg.version,
      cwd: io.cwd,
      ...(homepage !== undefined ? { homepage } : {}),
      ...(typeof args['sarif-category'] === 'string' ? { sarifCategory: args['sarif-category'] } : {}),
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
    const countSeverities = (findings: readonly Finding[]): void => {
      for (const finding of findings) {
        if (finding.severity === 'error') errors += 1;
        else if (finding.severity === 'warning') warnings += 1;
      }
    };
    const baseline = baselineStage(
      {
        baseline: args.baseline as string | undefined,
        writeBaseline: args['write-baseline'] as string | undefined,
        prune: args['baseline-prune'] === true,
      },
      (path) => readBaselineFile(resolve(io.cwd, path), path),
      args['include-suppressed'] === true && args.output === 'sarif',
    );
    const emit = (found: FileResult, release = originLabel(found)): void => {
      const result = baseline ? baseline.filter(release, found) : found;
      // Suppressed findings, kept only for SARIF (--include-suppressed), never count.
      countSeverities(result.findings.filter((finding) => !finding.suppression));
      let shown = limitFindings(result, maxFindings);
      if (args.quiet) shown = { ...shown, findings: shown.findings.filter((finding) => finding.severity === 'error') };
      out.write(stream.file(shown));
    };
    // The linters scrub each result of every secret the run has met so far, not only the file's
    // own: a token in one file is masked where a later file repeats it. One mask serves them all.
    const linters = new Map<string, Promise<Linter>>();
    const lint = async (
      layers: InputLayer[],
      first: string | undefined,
      searched = false,
      named?: { settings: ReleaseSettings; name: string; firstFile: string },
    ): Promise<void> => {
      const chosen = named?.settings ?? (await settings.forRelease(first));
      if (chosen.ignored) {
        // A file named on the command line is never skipped in silence; one a search found, with --verbose.
        if (!searched || verbose) io.stderr.write(`vault-lint: skipped ${quoteName(first ?? '')}: the config file ignores it\n`);
        return;
      }
      for (const rule of chosen.addedRules)
        if (!infos.has(rule.id))
          infos.set(rule.id, { id: rule.id, meta: rule.meta, ...(rule.docsUrl !== undefined ? { docsUrl: rule.docsUrl } : {}) });
      let linter = linters.get(chosen.key);
      if (!linter) linters.set(chosen.key, (linter = createLinter(chosen.options, mask)));
      const release = named?.name ?? layers.flatMap((layer) => (layer.kind === 'file' ? [layer.label] : [])).join(' + ');
      // Unless the command line or the config names it, the chart version is the one pinned beside the release's first file.
      const target: LintTarget = { layers };
      const pinFile = named ? named.firstFile : first;
      if (chosen.options.chartVersion === undefined && pinFile !== undefined) {
        const pin = await chartPinBeside(resolve(io.cwd, pinFile), pinFile);
        if (pin) target.chartVersion = pin.version;
      }
      for (const result of await (await linter).lint(target)) emit(result, release);
    };
    const tooLarge = (file: string, release?: string): void =>
      emit(mask.scrubResult(fileTooLargeResult({ kind: 'file', file }, maxFileSize)), release);
    /** The values layers of one release, read in order; undefined when one is over the size limit (reported). */
    const readRelease = async (files: readonly string[], release?: string): Promise<InputLayer[] | undefined> => {
      const layers: InputLayer[] = [];
      let complete = true;
      for (const file of files) {
        const read = await readTarget(file, io, maxFileSize, stdinName);
        // A release missing one of its layers would be judged on values it does not have.
        if (read.tooLarge) {
          tooLarge(read.label, release);
          complete = false;
        } else layers.push({ kind: 'file', label: read.label, text: read.text });
      }
      return complete ? layers : undefined;
    };
    out.write(stream.start());
    // A run-level problem: placed, for formats that need a file, on the first file the run reads.
    const first = [...layered, ...positional][0];
    const onto = first === undefined ? {} : { onto: first === '-' ? '<stdin>' : first };
    for (const origin of sets.tooLarge) emit(mask.scrubResult(fileTooLargeResult({ ...origin, ...onto }, maxFileSize)));
    // --set applies to every release: the -f release, each positional file, or (alone) the chart defaults.
    if (layered.length > 0 || (positional.length === 0 && namedReleases.length === 0 && sets.layers.length > 0)) {
      const layers = await readRelease(layered);
      if (layers)
        await lint(
          [...layers, ...sets.layers],
          layered.find((file) => file !== '-'),
        );
    }
    for (const file of positional) {
      const owners = file === '-' ? [] : await settings.releasesOf(file);
      if (owners.length > 0) {
        // A file of a named release (an overlay, a base) is linted within that release.
        for (const owner of owners)
          if (!namedReleases.some((known) => known.config === owner.config && known.name === owner.name)) namedReleases.push(owner);
        continue;
      }
      const read = await readTarget(file, io, maxFileSize, stdinName);
      if (read.tooLarge) tooLarge(read.label);
      else if (selection.searched.has(file) && isKubernetesManifest(read.text)) {
        // Found by a directory or glob search: a manifest beside the values is no values file.
        if (verbose)
          io.stderr.write(`vault-lint: skipped ${quoteName(file)}: a Kubernetes manifest (apiVersion and kind), not a values file\n`);
      } else
        await lint(
          [{ kind: 'file', label: read.label, text: read.text }, ...sets.layers],
          file === '-' ? undefined : file,
          selection.searched.has(file),
        );
    }
    for (const named of namedReleases) {
      const release = named.config.releases[named.name]!;
      const files = release.values.map((path) => relative(io.cwd, path) || path);
      const layers = await readRelease(files, named.name);
      // The release's own `set:` comes after its files and before the command line's --set.
      const releaseSets = release.set.map(({ flag, argument }) => setLayer(flag, argument));
      if (layers)
        await lint([...layers, ...releaseSets, ...sets.layers], undefined, false, {
          settings: await settings.forNamed(named),
          name: named.name,
          firstFile: files[0]!,
        });
    }
    // The end carries the rules table, and in SARIF without a docs link the rule pages themselves:
    // our text, but a secret as plain as the chart's dev root token "root" can be a word of it.
    out.write(mask.scrub(stream.end()));
    out.commit();
    const note = baseline?.finish((path, text) => {
      const file = openOutputFile(resolve(io.cwd, path), path, 'baseline', inputs);
      file.write(text);
      file.commit();
    });
    if (note !== undefined) io.stderr.write(`${note}\n`);
    if (baseline?.accepting) return 0;
    const maxWarnings = (args['max-warnings'] as number | undefined) ?? -1;
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
    // On standard error, so a JSON or SARIF report on standard output stays one document; said also
    // under --quiet, which hides the warnings themselves but not why the run fails.
    if (tooManyWarnings)
      io.stderr.write(
        `vault-lint: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} found, more than --max-warnings ${maxWarnings} allows\n`,
      );
    return errors > 0 || tooManyWarnings ? 1 : 0;
  } catch (error) {
    sink?.abort();
    io.stderr.write(mask.scrub(describeFailure(error, debug)));
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
