import { resolve } from 'node:path';
import { fileTooLargeMessage } from '../engine/limits.js';
import type { Origin } from '../engine/types.js';
import { buildModel, checkChartVersion, type LintOptions } from '../engine/lint.js';
import type { InputLayer } from '../model/model.js';
import { renderRelease, type LineOrigin, type Rendering, type RenderedLine } from '../model/render.js';
import { SecretMask } from '../mask/secret-mask.js';
import { readSetLayers } from './layers.js';
import { chartPinBeside, umbrellaSectionBeside } from './chart-pin.js';
import { describeFailure, quoteName } from './errors.js';
import { helpText, OPTIONS, parseArgs, parseSize, readTarget, type CliIo, type OptionSpec } from './options.js';

const USAGE = 'vault-lint render [options] [files...]';

/** The flags of `vault-lint render`: the layering flags of a lint run, plus --show-origin. */
export const RENDER_OPTIONS: Record<string, OptionSpec> = {
  values: OPTIONS.values!,
  set: OPTIONS.set!,
  'set-string': OPTIONS['set-string']!,
  'set-file': OPTIONS['set-file']!,
  'release-name': OPTIONS['release-name']!,
  namespace: OPTIONS.namespace!,
  'chart-version': OPTIONS['chart-version']!,
  'values-path': OPTIONS['values-path']!,
  'max-file-size': OPTIONS['max-file-size']!,
  'show-origin': {
    type: 'boolean',
    describe:
      'Prefix each line of the values and the config with where it comes from: file:line:col, the --set argument, chart default or chart template',
  },
  debug: OPTIONS.debug!,
  help: OPTIONS.help!,
};

const EPILOG =
  'Prints the effective values and the Vault config the chart renders for one release. Files are layered in order (-f files first, then the ' +
  'positional ones), then every --set, --set-string and --set-file, as Helm does. Exit codes: 0 rendered, 1 Helm would fail to render ' +
  '(or a values file does not parse), 2 usage error.';

/** `vault-lint render`: resolves to the exit code. */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  let mask = new SecretMask();
  try {
    const args = parseArgs(argv, RENDER_OPTIONS, 'vault-lint render');
    debug = args.debug === true;
    if (args.help) {
      io.stdout.write(await helpText(RENDER_OPTIONS, USAGE, EPILOG));
      return 0;
    }
    const maxFileSize = parseSize(args['max-file-size']);
    const layers: InputLayer[] = [];
    const tooLarge: Origin[] = [];
    for (const file of [...((args.values as string[] | undefined) ?? []), ...args._]) {
      const read = await readTarget(file, io, maxFileSize);
      if (read.tooLarge) tooLarge.push({ kind: 'file', file: read.label });
      else layers.push({ kind: 'file', label: read.label, text: read.text });
    }
    const sets = await readSetLayers(args, io, maxFileSize);
    for (const layer of sets.layers) layers.push(layer);
    for (const origin of sets.tooLarge) tooLarge.push(origin);
    if (tooLarge.length > 0) {
      // Helm would read these; rendering without them would show values the release does not have.
      for (const origin of tooLarge)
        io.stderr.write(`vault-lint: cannot render: ${escapeLabel(origin)}: ${fileTooLargeMessage(maxFileSize)}\n`);
      return 1;
    }
    const explicitVersion = args['chart-version'] as string | undefined;
    const firstFile = [...((args.values as string[] | undefined) ?? []), ...args._][0];
    const pin =
      explicitVersion === undefined && firstFile !== undefined && firstFile !== '-'
        ? await chartPinBeside(resolve(io.cwd, firstFile), firstFile)
        : undefined;
    const options: LintOptions = {
      chartVersion: pin?.version ?? checkChartVersion(explicitVersion),
      releaseName: (args['release-name'] as string | undefined) ?? 'vault',
    };
    if (typeof args.namespace === 'string') options.namespace = args.namespace;
    if (typeof args['values-path'] === 'string') options.valuesPath = args['values-path'];
    else if (firstFile !== undefined && firstFile !== '-' && layers[0]?.kind === 'file') {
      const section = umbrellaSectionBeside(resolve(io.cwd, firstFile), firstFile, layers[0].text);
      if (section !== undefined) options.valuesPath = section;
    }
    const model = await buildModel({ layers }, options);
    mask = model.mask;
    // Helm refuses these (unparseable YAML, a values file that is no map, a --set it cannot apply); a duplicate key it accepts.
    const unreadable = model.syntaxProblems.filter(
      (problem) => problem.ruleId === 'yaml-syntax' && (problem.messageId === 'syntax' || problem.messageId === 'notAMap'),
    );
    if (!model.valuesReadable || unreadable.length > 0) {
      for (const problem of unreadable)
        io.stderr.write(
          mask.scrub(
            `vault-lint: cannot render: ${formatOrigin({ layer: problem.place.layer, start: problem.place.start }, true)}: ${problem.message}\n`,
          ),
        );
      return 1;
    }
    // Scrubbed of secrets by the model, at its one scrub point; the origins are masked labels and line numbers.
    const rendering = renderRelease(model, { showDeleted: args['show-origin'] === true });
    io.stdout.write(formatRendering(rendering, args['show-origin'] === true));
    return rendering.config.fails ? 1 : 0;
  } catch (error) {
    io.stderr.write(mask.scrub(describeFailure(error, debug)));
    return 2;
  }
}

/** The rendering as text: a header, the effective values, the config file, notes. */
export function formatRendering(rendering: Rendering, showOrigin: boolean): string {
  // Loops, not Math.max(...lines) or push(...lines): a spread passes one argument per line and
  // overflows the stack on large values.
  let width = 0;
  if (showOrigin) {
    for (const lines of [rendering.values, rendering.config.lines]) {
      for (const line of lines) width = Math.max(width, formatOrigin(line.origin).length);
    }
  }
  const print = (line: RenderedLine): string =>
    (showOrigin ? `${formatOrigin(line.origin).padEnd(width)}  ${line.text}` : line.text).trimEnd();
  const out: string[] = rendering.header.map((line) => `# ${line}`);
  out.push('', '==> Effective values <==');
  for (const line of rendering.values) out.push(print(line));
  const config = rendering.config;
  out.push(
    '',
    config.path ? `==> Vault config: ${config.path.join('.')} (${config.format === 'json' ? 'JSON' : 'HCL'}) <==` : '==> Vault config <==',
  );
  if (config.absent) out.push(`# ${config.absent}`);
  for (const line of config.lines) out.push(print(line));
  if (rendering.notes.length > 0) {
    out.push('', '==> Notes <==');
    for (const note of rendering.notes) out.push(`- ${note}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * `file:line:col` for a file, the argument for `--set`, or the chart's own part. `exact` adds the
 * line and column to a `--set` label too (for messages; --show-origin names the argument only).
 */
function formatOrigin(origin: LineOrigin, exact = false): string {
  if (typeof origin === 'string') return origin;
  const { layer, start } = origin;
  if (layer.kind === 'set' && !exact) return layer.label;
  if (layer.source === undefined) return layer.label;
  const { line, column } = layer.position(start);
  return `${layer.label}:${line}:${column}`;
}

/** A file name or `--set-file` argument in a one-line message. */
function escapeLabel(origin: Origin): string {
  return origin.kind === 'set' ? origin.argument : quoteName(origin.file);
}
