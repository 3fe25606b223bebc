import type { Limits } from '../limits.js';
import type { PlainMap } from '../model/plain.js';
import { Model, type InputLayer, type ModelOptions } from '../model/model.js';
import { DEFAULT_CHART_VERSION, resolveChartVersion, unknownChartVersionMessage, type ChartVersion } from '../model/chart/versions.js';
import { importChartDefaults } from '../model/chart-defaults/loaders.js';
import type { Rule } from './rule.js';
import { ConfigError, resolveRules, type PresetName, type ResolvedRule, type RuleSetting } from './config.js';
import { originOf, prepareRules, RuleCrashError, runRules, sameOrigin, sortFindings } from './run.js';
import { utcToday, type SuppressionOptions } from './suppress.js';
import { SecretMask, type MaskSpan } from '../mask/secret-mask.js';
import type { FileResult, Finding } from './types.js';

/** Options of one lint run. */
export interface LintOptions {
  /** Chart version whose defaults and templates apply, `0.30.0` or `v0.30.0` (default: the newest supported). */
  chartVersion?: string;
  /** `helm install <name>`: decides the fullname and so the expected pod hostnames (default `vault`). */
  releaseName?: string;
  /** The release namespace; unknown by default, so any namespace in a `.<ns>.svc` address is accepted. */
  namespace?: string;
  /**
   * The key of an umbrella chart's values that the vault dependency reads (its alias, else `vault`;
   * dotted for nested subcharts): only that section is linted, with the top-level `global` merged
   * into it as Helm does. Positions stay those of the file.
   */
  valuesPath?: string;
  preset?: PresetName;
  /** Per-rule severity (`off` disables) and options. */
  rules?: Record<string, RuleSetting>;
  /**
   * Largest values file in bytes that is read (default 5 MiB, `DEFAULT_LIMITS.maxFileSize`); a larger
   * one gets a `yaml-syntax/fileTooLarge` finding and no other check.
   */
  maxFileSize?: number;
  /** Other stated limits (`src/limits.ts`), for embedding callers and tests; the defaults hold otherwise. */
  limits?: Partial<Limits>;
  /** How inline suppressions (`# vault-lint-disable…`) are checked; unknown rule ids and expired directives are always reported. */
  suppressions?: {
    /** Every `disable` directive must give a reason after ` -- `. */
    requireReason?: boolean;
    /** Report directives (and rule ids in them) that suppressed no finding. */
    reportUnused?: boolean;
    /** Keep suppressed findings, marked `suppression`, for SARIF; other formats leave them out. */
    keepSuppressed?: boolean;
    /** The date `until=` is compared with, `YYYY-MM-DD` (default: today in UTC). */
    today?: string;
  };
  /**
   * The rules to run, or a loader of them: the engine knows no rules of its own. The public entry
   * (`src/index.ts`) and the CLI pass the registry of rules/index.ts.
   */
  registry?: RuleRegistry;
}

/** A rule registry, or a loader that imports it on first use. */
export type RuleRegistry = readonly Rule[] | (() => Promise<readonly Rule[]>);

/** One release to lint: its values layers in merge order (usually one file). */
export interface LintTarget {
  layers: InputLayer[];
  /** The chart version of this release, when it differs from the run's (a `Chart.yaml` beside it pins one). */
  chartVersion?: string;
  /** The umbrella section of this release, when it differs from the run's (a `Chart.yaml` beside it names one). */
  valuesPath?: string;
}

const defaultsCache = new Map<ChartVersion, Promise<PlainMap>>();

/** Check a chart version name; an unknown version is a usage error naming the nearest supported ones. */
export function checkChartVersion(version: string | undefined): ChartVersion {
  if (version === undefined) return DEFAULT_CHART_VERSION;
  const resolved = resolveChartVersion(version);
  if (resolved === undefined) throw new ConfigError(unknownChartVersionMessage(version));
  return resolved;
}

/** Load the chart's default values for a version, once; only the version in use is loaded. */
export function loadChartDefaults(version: ChartVersion): Promise<PlainMap> {
  let pending = defaultsCache.get(version);
  if (!pending) {
    const loading = importChartDefaults(version);
    if (!loading) throw new Error(`No generated chart defaults for chart ${version}: run node scripts/gen-chart.mjs`);
    pending = loading.then((module) => module.chartDefaults);
    defaultsCache.set(version, pending);
  }
  return pending;
}

/** `vault` or `platform.vault` as key segments; undefined for none. An empty segment is a usage error. */
export function valuesPathSegments(path: string | undefined): string[] | undefined {
  if (path === undefined || path === '') return undefined;
  const segments = path.split('.');
  if (segments.some((segment) => segment.trim() === ''))
    throw new ConfigError(`Invalid values path "${path}"; expected the key of the vault dependency, e.g. vault or platform.vault`);
  return segments;
}

/** Build the model of one target. */
export async function buildModel(target: LintTarget, options: LintOptions = {}): Promise<Model> {
  const chartVersion = checkChartVersion(target.chartVersion ?? options.chartVersion);
  const modelOptions: ModelOptions = {
    chartVersion,
    releaseName: options.releaseName ?? 'vault',
    chartDefaults: await loadChartDefaults(chartVersion),
  };
  if (options.namespace !== undefined) modelOptions.namespace = options.namespace;
  if (options.limits !== undefined || options.maxFileSize !== undefined) {
    modelOptions.limits = { ...options.limits, ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}) };
  }
  const section = valuesPathSegments(target.valuesPath ?? options.valuesPath);
  // Helm names an aliased subchart after its alias: the section's key is the chart's name then.
  if (section) modelOptions.chartName = section[section.length - 1]!;
  return new Model(section ? target.layers.map((layer) => ({ ...layer, section })) : target.layers, modelOptions).prepare();
}

/**
 * Lint targets. Each target is one release; its findings are grouped per file they point
 * at, every file of every target gets a result (clean ones with no findings).
 */
export async function lintTargets(targets: readonly LintTarget[], options: LintOptions = {}): Promise<FileResult[]> {
  return (await lintRun(targets, options)).results;
}

/**
 * Lint targets, and give back the mask of every secret the run met so that the caller can pass
 * whatever else it prints through the same masking. The results are scrubbed of the secrets of
 * every target, not only their own: a token in one file is masked where another file repeats it.
 */
export async function lintRun(
  targets: readonly LintTarget[],
  options: LintOptions = {},
): Promise<{ results: FileResult[]; mask: SecretMask }> {
  const resolved = await resolveFor(options);
  const mask = new SecretMask();
  const pending: Unscrubbed[] = [];
  for (const target of targets) {
    const run = await lintOne(target, options, resolved, mask);
    for (const result of run) pending.push(result);
  }
  return { results: pending.map((result) => scrub(result, mask)), mask };
}

/** A linter for targets given one at a time (the CLI streams results file by file), with the rules resolved once. */
export interface Linter {
  /** Lint one target: its results come back scrubbed of every secret the run has met so far, its own included. */
  lint(target: LintTarget): Promise<FileResult[]>;
  /** Every secret the run has met so far, for whatever else the caller prints (an error on stderr). */
  readonly mask: SecretMask;
}

/**
 * Make a linter for one run: one mask grows with the secrets of each target it lints. Linters with
 * different options in one run (one per config file) share the run's `mask`.
 */
export async function createLinter(options: LintOptions = {}, mask = new SecretMask()): Promise<Linter> {
  const resolved = await resolveFor(options);
  return {
    mask,
    lint: async (target) => (await lintOne(target, options, resolved, mask)).map((result) => scrub(result, mask)),
  };
}

interface Resolved {
  rules: ResolvedRule[];
  suppression: SuppressionOptions;
}

async function resolveFor(options: LintOptions): Promise<Resolved> {
  const given = options.registry;
  if (!given) throw new Error('No rule registry given: pass options.registry (src/index.ts passes rules/index.ts)');
  const registry = typeof given === 'function' ? await given() : given;
  const { today = utcToday(), ...switches } = options.suppressions ?? {};
  return {
    rules: resolveRules(registry, options.preset ?? 'recommended', options.rules),
    suppression: { ...switches, today, knownRules: new Set(registry.map((rule) => rule.id)) },
  };
}

/** A result before the scrub point, with the spans of its source that the model knows hold a secret. */
interface Unscrubbed {
  result: FileResult;
  spans: MaskSpan[];
}

/** The one scrub point of the pipeline: every string of the result, its source masked for code frames. */
function scrub({ result, spans }: Unscrubbed, mask: SecretMask): FileResult {
  const out = mask.scrubResult(result, spans);
  // Scrubbing can change the message that breaks a tie in the order: sort as reporters will show it.
  out.findings = sortFindings(out.findings);
  return out;
}

/** One target's results, not yet scrubbed; its secrets are added to the run's mask. */
async function lintOne(target: LintTarget, options: LintOptions, resolved: Resolved, mask: SecretMask): Promise<Unscrubbed[]> {
  const model = await buildModel(target, options);
  mask.add(model.knownSecrets);
  await prepareRules(model, resolved.rules);
  let findings: Finding[];
  try {
    findings = runRules(model, resolved.rules, resolved.suppression);
  } catch (error) {
    throw error instanceof RuleCrashError ? error.redacted(mask) : error;
  }
  return model.userLayers.map((layer) => {
    const origin = originOf(model, layer);
    const result: FileResult = { ...origin, findings: findings.filter((finding) => sameOrigin(finding.location, origin)) };
    if (layer.source !== undefined) result.source = layer.source;
    return { result, spans: model.secretSpans(layer) };
  });
}

/** Lint one values text, as if read from `file`. */
export async function lintText(text: string, options: LintOptions & { file?: string } = {}): Promise<Finding[]> {
  const results = await lintTargets([{ layers: [{ kind: 'file', label: options.file ?? '<text>', text }] }], options);
  return results.flatMap((result) => result.findings);
}
