/**
 * vault-lint's public API. Nothing else is importable.
 * @packageDocumentation
 */
export { buildModel, type LintOptions, type LintTarget } from './engine/lint.js';
export { lintTargets, lintText, loadRules } from './lint.js';
export { defineRule, type Rule, type RuleContext, type RuleDefinition } from './engine/rule.js';
export { resolveRules, ConfigError, PRESETS, type PresetName, type RuleSetting } from './engine/config.js';
export type { Finding, Location, RelatedLocation, Severity, RuleMeta, RuleOption, RuleInfo, FileResult, Summary } from './engine/types.js';
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
export { setLayer, parseSetArgument, SET_FLAGS, type SetFlag, type SetArgumentOptions } from './model/set-args.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { renderRelease, type Rendering, type RenderedConfig, type RenderedLine, type LineOrigin } from './model/render.js';
