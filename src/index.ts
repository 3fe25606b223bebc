/**
 * vault-lint's public API. Nothing else is importable.
 * @packageDocumentation
 */
import { lintTargets as lintTargetsWith, lintText as lintTextWith, type LintOptions, type LintTarget } from './engine/lint.js';
import type { FileResult, Finding } from './engine/types.js';
import { loadRules } from './registry.js';

export { buildModel, type LintOptions, type LintTarget, type RuleRegistry } from './engine/lint.js';
export { loadRules } from './registry.js';

/**
 * Lint targets with the built-in rules (or `options.registry`). Each target is one release; every
 * file of every target gets a result, clean ones with no findings.
 */
export function lintTargets(targets: readonly LintTarget[], options: LintOptions = {}): Promise<FileResult[]> {
  return lintTargetsWith(targets, { registry: loadRules, ...options });
}

/** Lint one values text, as if read from `options.file`, with the built-in rules (or `options.registry`). */
export function lintText(text: string, options: LintOptions & { file?: string } = {}): Promise<Finding[]> {
  return lintTextWith(text, { registry: loadRules, ...options });
}
export { defineRule, type Rule, type RuleContext, type RuleDefinition } from './engine/rule.js';
// What rule modules read (the model's types, facts, scopes): a plugin's rules see what vault-lint's own see.
export * from './engine/index.js';
export { resolveRules, ConfigError, PRESETS, type PresetName, type RuleSetting } from './engine/config.js';
export type {
  Finding,
  RuleOption,
  Location,
  FileOrigin,
  SetOrigin,
  Origin,
  RelatedLocation,
  Severity,
  RuleMeta,
  RuleInfo,
  FileResult,
  Summary,
} from './engine/types.js';
export { describeScope, type RuleScope } from './engine/scope.js';
export { optionSchema, ruleOptionsSchema, rulesOptionsSchemas, presetOptions, type JsonSchema } from './engine/options.js';
export { ruleDocsUrl, ruleInfos, type PackageInfo } from './engine/docs.js';
export {
  loadFormatter,
  loadReportStream,
  formatterNames,
  type FormatterName,
  type ReportOptions,
  type ReportStream,
  type StreamingFormatter,
} from './report/index.js';
export { CHART_VERSIONS, DEFAULT_CHART_VERSION, type ChartVersion, type Mode, type InputLayer } from './model/model.js';
export { setLayer, parseSetArgument, SET_FLAGS, type SetFlag, type SetArgumentOptions } from './parse/set-args.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { renderRelease, type Rendering, type RenderedConfig, type RenderedLine, type LineOrigin } from './model/render.js';
