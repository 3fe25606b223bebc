import type { Rule } from './rule.js';
import type { Severity } from './types.js';
import { optionProblem, presetOptions } from './options.js';

/** Named rule sets: `recommended` as each rule declares; `strict` raises every level and turns on stricter options. */
export const PRESETS = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESETS)[number];

/** A rule's setting in a config or on the command line. */
export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

/** A rule as it runs: its severity and options for this run. */
export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
  /** Severity of each message that has its own default (after the preset); absent when the user set the rule's severity. */
  messageSeverities?: Record<string, Severity>;
}

/** A problem with the user's configuration or flags: one clear line, exit code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const RAISE: Record<Severity, Severity> = { error: 'error', warning: 'error', info: 'warning' };

/** Apply a preset and per-rule overrides to the registry. */
export function resolveRules(rules: readonly Rule[], preset: PresetName, overrides: Record<string, RuleSetting> = {}): ResolvedRule[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(overrides)) {
    if (!byId.has(id)) throw new ConfigError(`Unknown rule "${id}"; run vault-lint --list-rules for the rule ids`);
  }
  const out: ResolvedRule[] = [];
  for (const rule of rules) {
    const raise = (level: Severity): Severity => (preset === 'strict' ? RAISE[level] : level);
    let severity: Severity | 'off' = raise(rule.meta.severity);
    let explicit = false;
    let options = presetOptions(rule.meta, preset);
    const setting = overrides[rule.id];
    if (typeof setting === 'string') {
      severity = setting;
      explicit = true;
    } else if (setting) {
      if (setting.severity) {
        severity = setting.severity;
        explicit = true;
      }
      if (setting.options) options = { ...options, ...checkOptions(rule, setting.options) };
    }
    if (severity === 'off') continue;
    const resolved: ResolvedRule = { rule, severity, options };
    const perMessage = rule.meta.messageSeverities;
    if (perMessage && !explicit) {
      resolved.messageSeverities = Object.fromEntries(Object.entries(perMessage).map(([id, level]) => [id, raise(level)]));
    }
    out.push(resolved);
  }
  return out;
}

function checkOptions(rule: Rule, options: Record<string, unknown>): Record<string, unknown> {
  const declared = rule.meta.options ?? {};
  for (const [name, value] of Object.entries(options)) {
    const option = declared[name];
    if (!option) throw new ConfigError(`Unknown option "${name}" for rule "${rule.id}"`);
    const problem = optionProblem(option, value);
    if (problem !== undefined) throw new ConfigError(`Option "${name}" of rule "${rule.id}" ${problem}`);
  }
  return options;
}
