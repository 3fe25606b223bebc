import { ConfigError } from '../engine/config.js';
import { LineIndex } from '../parse/lines.js';
import { buildModel, checkChartVersion, type LintOptions } from '../engine/lint.js';
import type { InputLayer } from '../model/model.js';
import { renderRelease, type LineOrigin, type Rendering, type RenderedLine } from '../model/render.js';
import type { Layer } from '../model/values.js';
import { Redactor } from '../model/redact.js';
import { readSetLayers } from './layers.js';
import { helpText, OPTIONS, parseArgs, readTarget, type CliIo, type OptionSpec } from './main.js';

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
  'show-origin': { type: 'boolean', describe: 'Prefix each line of the values and the config with where it comes from: file:line:col, the --set argument, chart default or chart template' },
  help: OPTIONS.help!,
};

const EPILOG =
  'Prints the effective values and the Vault config the chart renders for one release. Files are layered in order (-f files first, then the ' +
  'positional ones), then every --set, --set-string and --set-file, as Helm does. Exit codes: 0 rendered, 1 Helm would fail to render ' +
  '(or a values file does not parse), 2 usage error.';

/** `vault-lint render`: resolves to the exit code. */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  let redactor = Redactor.of([]);
  try {
    const args = parseArgs(argv, RENDER_OPTIONS, 'vault-lint render');
    if (args.help) {
      io.stdout.write(await helpText(RENDER_OPTIONS, USAGE, EPILOG));
      return 0;
    }
    const layers: InputLayer[] = [];
    for (const file of [...((args.values as string[] | undefined) ?? []), ...args._]) layers.push({ kind: 'file', ...(await readTarget(file, io)) });
    layers.push(...(await readSetLayers(args, io)).layers);
    const options: LintOptions = {
      chartVersion: checkChartVersion(args['chart-version'] as string | undefined),
      releaseName: (args['release-name'] as string | undefined) ?? 'vault',
    };
    if (typeof args.namespace === 'string') options.namespace = args.namespace;
    const model = await buildModel({ layers }, options);
    redactor = Redactor.of(model.knownSecrets, { numeric: false });
    // Helm refuses these (unparseable YAML, a values file that is no map, a --set it cannot apply); a duplicate key it accepts.
    const unreadable = model.syntaxProblems.filter((problem) => problem.ruleId === 'yaml-syntax' && (problem.messageId === 'syntax' || problem.messageId === 'notAMap'));
    if (!model.valuesReadable || unreadable.length > 0) {
      const origins = new OriginFormatter();
      for (const problem of unreadable) io.stderr.write(model.redactor.scrub(`vault-lint: cannot render: ${origins.format({ layer: problem.place.layer, start: problem.place.start }, true)}: ${problem.message}\n`));
      return 1;
    }
    const rendering = renderRelease(model, { showDeleted: args['show-origin'] === true });
    io.stdout.write(redactor.scrub(formatRendering(rendering, args['show-origin'] === true)));
    return rendering.config.fails ? 1 : 0;
  } catch (error) {
    io.stderr.write(redactor.scrub(`vault-lint: ${error instanceof ConfigError ? '' : 'internal error: '}${error instanceof Error ? error.message : String(error)}\n`));
    return 2;
  }
}

/** The rendering as text: a header, the effective values, the config file, notes. */
export function formatRendering(rendering: Rendering, showOrigin: boolean): string {
  const origins = new OriginFormatter();
  const body = [...rendering.values, ...rendering.config.lines];
  const width = showOrigin ? Math.max(0, ...body.map((line) => origins.format(line.origin).length)) : 0;
  const print = (line: RenderedLine): string => (showOrigin ? `${origins.format(line.origin).padEnd(width)}  ${line.text}` : line.text).trimEnd();
  const out: string[] = rendering.header.map((line) => `# ${line}`);
  out.push('', '==> Effective values <==', ...rendering.values.map(print));
  const config = rendering.config;
  out.push('', config.path ? `==> Vault config: ${config.path.join('.')} (${config.format === 'json' ? 'JSON' : 'HCL'}) <==` : '==> Vault config <==');
  if (config.absent) out.push(`# ${config.absent}`);
  out.push(...config.lines.map(print));
  if (rendering.notes.length > 0) out.push('', '==> Notes <==', ...rendering.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}

/** `file:line:col` for a file, the argument for `--set`, or the chart's own part. */
class OriginFormatter {
  private readonly indexes = new Map<Layer, LineIndex>();

  /** `exact` adds the line and column to a `--set` label too (for messages; --show-origin names the argument only). */
  format(origin: LineOrigin, exact = false): string {
    if (typeof origin === 'string') return origin;
    const { layer, start } = origin;
    if (layer.kind === 'set' && !exact) return layer.label;
    if (layer.source === undefined) return layer.label;
    let index = this.indexes.get(layer);
    if (!index) {
      index = new LineIndex(layer.source);
      this.indexes.set(layer, index);
    }
    const { line, column } = index.position(start);
    return `${layer.label}:${line}:${column}`;
  }
}
