import type { Limits } from '../limits.js';
import type { PlainMap } from '../model/plain.js';
import { CHART_VERSIONS, DEFAULT_CHART_VERSION, Model, type ChartVersion, type InputLayer, type ModelOptions } from '../model/model.js';
import type { Rule } from './rule.js';
import { ConfigError, resolveRules, type PresetName, type ResolvedRule, type RuleSetting } from './config.js';
import { prepareRules, redactResult, redactSource, RuleCrashError, runRules } from './run.js';
import { Redactor } from '../model/redact.js';
import type { FileResult, Finding } from './types.js';

/** Options of one lint run. */
export interface LintOptions {
  /** Chart version whose defaults and templates apply (default: the newest known). */
  chartVersion?: string;
  /** `helm install <name>`: decides the fullname and so the expected pod hostnames (default `vault`). */
  releaseName?: string;
  /** The release namespace; unknown by default, so any namespace in a `.<ns>.svc` address is accepted. */
  namespace?: string;
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
}

/**
 * The rules a run checks. The engine holds no rules of its own: the caller passes the registry
 * (vault-lint's is `rules/index.ts`, loaded by `src/lint.ts`), so nothing in the engine imports
 * a rule.
 */
export interface WithRegistry {
  registry: readonly Rule[];
}

/** One release to lint: its values layers in merge order (usually one file). */
export interface LintTarget {
  layers: InputLayer[];
}

const defaultsCache = new Map<ChartVersion, Promise<PlainMap>>();

/** Check a chart version name; unknown versions are a usage error naming the known ones. */
export function checkChartVersion(version: string | undefined): ChartVersion {
  const wanted = (version ?? DEFAULT_CHART_VERSION).replace(/^v/, '');
  if ((CHART_VERSIONS as readonly string[]).includes(wanted)) return wanted as ChartVersion;
  throw new ConfigError(`Unknown chart version "${version}"; known versions: ${CHART_VERSIONS.join(', ')}`);
}

/** Load the chart's default values for a version, once; only the version in use is loaded. */
export function loadChartDefaults(version: ChartVersion): Promise<PlainMap> {
  let pending = defaultsCache.get(version);
  if (!pending) {
    pending =
      version === '0.28.0'
        ? import('../model/chart-defaults/v0-28-0.js').then((module) => module.chartDefaults)
        : import('../model/chart-defaults/v0-34-1.js').then((module) => module.chartDefaults);
    defaultsCache.set(version, pending);
  }
  return pending;
}

/** Build the model of one target. */
export async function buildModel(target: LintTarget, options: LintOptions = {}): Promise<Model> {
  const chartVersion = checkChartVersion(options.chartVersion);
  const modelOptions: ModelOptions = {
    chartVersion,
    releaseName: options.releaseName ?? 'vault',
    chartDefaults: await loadChartDefaults(chartVersion),
  };
  if (options.namespace !== undefined) modelOptions.namespace = options.namespace;
  if (options.limits !== undefined || options.maxFileSize !== undefined) {
    modelOptions.limits = { ...options.limits, ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}) };
  }
  return new Model(target.layers, modelOptions);
}

/**
 * Lint targets. Each target is one release; its findings are grouped per file they point
 * at, every file of every target gets a result (clean ones with no findings).
 */
export async function lintTargets(targets: readonly LintTarget[], options: LintOptions & WithRegistry): Promise<FileResult[]> {
  return (await lintRun(targets, options)).results;
}

/**
 * Lint targets, and give back every secret the run met so that the caller can pass whatever
 * else it prints through the same redaction. The results are scrubbed of the secrets of every
 * target, not only their own: a token in one file is masked where another file repeats it.
 */
export async function lintRun(
  targets: readonly LintTarget[],
  options: LintOptions & WithRegistry,
): Promise<{ results: FileResult[]; secrets: string[] }> {
  const resolved = resolveFor(options);
  const results: FileResult[] = [];
  const secrets = new Set<string>();
  let only: Model | undefined;
  for (const target of targets) {
    const run = await lintOne(target, options, resolved);
    for (const secret of run.model.knownSecrets) secrets.add(secret);
    for (const result of run.results) results.push(result);
    only = targets.length === 1 ? run.model : undefined;
  }
  const known = [...secrets];
  // One target: its model's redactor is built from exactly these secrets already.
  const redactor = only ? only.redactor : Redactor.of(known);
  return { results: redactor.empty ? results : results.map((result) => redactResult(result, redactor)), secrets: known };
}

/**
 * A linter for targets given one at a time (the CLI streams results file by file): the rules are
 * resolved once, each target's results come back scrubbed of its own secrets, with those secrets.
 */
export function createLinter(
  options: LintOptions & WithRegistry,
): (target: LintTarget) => Promise<{ results: FileResult[]; secrets: string[] }> {
  const resolved = resolveFor(options);
  return async (target) => {
    const { results, model } = await lintOne(target, options, resolved);
    const redactor = model.redactor;
    return { results: redactor.empty ? results : results.map((result) => redactResult(result, redactor)), secrets: model.knownSecrets };
  };
}

function resolveFor(options: LintOptions & WithRegistry): ResolvedRule[] {
  return resolveRules(options.registry, options.preset ?? 'recommended', options.rules);
}

/** One target's results, not yet scrubbed, and the model that knows its secrets. */
async function lintOne(
  target: LintTarget,
  options: LintOptions,
  resolved: readonly ResolvedRule[],
): Promise<{ results: FileResult[]; model: Model }> {
  const model = await buildModel(target, options);
  await prepareRules(model, resolved);
  let findings: Finding[];
  try {
    findings = runRules(model, resolved);
  } catch (error) {
    throw error instanceof RuleCrashError ? error.redacted(model.redactor) : error;
  }
  const results: FileResult[] = [];
  for (const layer of model.userLayers) {
    const result: FileResult = { file: layer.label, findings: findings.filter((finding) => finding.location.file === layer.label) };
    const source = redactSource(model, layer);
    if (source !== undefined) result.source = source;
    results.push(result);
  }
  return { results, model };
}

/** Lint one values text, as if read from `file`. */
export async function lintText(text: string, options: LintOptions & WithRegistry & { file?: string }): Promise<Finding[]> {
  const results = await lintTargets([{ layers: [{ kind: 'file', label: options.file ?? '<text>', text }] }], options);
  return results.flatMap((result) => result.findings);
}
