import type { Rule } from './engine/rule.js';
import * as engine from './engine/lint.js';
import type { LintOptions, LintTarget } from './engine/lint.js';
import type { FileResult, Finding } from './engine/types.js';

/**
 * Linting with vault-lint's own rules: the engine takes the registry as an argument, and this
 * module, above both, supplies `rules/index.ts`. Imported on first use, so `--help` and
 * `--version` load no rule.
 */
export async function loadRules(): Promise<readonly Rule[]> {
  const registry = await import('../rules/index.js');
  return registry.rules;
}

/** Lint targets with every rule (see `engine/lint.ts` `lintTargets`). */
export async function lintTargets(targets: readonly LintTarget[], options: LintOptions = {}): Promise<FileResult[]> {
  return engine.lintTargets(targets, { ...options, registry: await loadRules() });
}

/** Lint targets with every rule and give back the secrets the run met (see `engine/lint.ts` `lintRun`). */
export async function lintRun(
  targets: readonly LintTarget[],
  options: LintOptions = {},
): Promise<{ results: FileResult[]; secrets: string[] }> {
  return engine.lintRun(targets, { ...options, registry: await loadRules() });
}

/** A linter for one target at a time with every rule (see `engine/lint.ts` `createLinter`). */
export async function createLinter(options: LintOptions = {}): Promise<ReturnType<typeof engine.createLinter>> {
  return engine.createLinter({ ...options, registry: await loadRules() });
}

/** Lint one values text with every rule, as if read from `file`. */
export async function lintText(text: string, options: LintOptions & { file?: string } = {}): Promise<Finding[]> {
  return engine.lintText(text, { ...options, registry: await loadRules() });
}
