import type { Model } from '../model/model.js';
import type { Locatable, ValueNode } from '../model/values/tree.js';
import type { OptionValues, RuleMeta, RuleOption, Severity } from './types.js';
import { ruleDocsUrl } from './docs.js';
import type { ModelResource } from '../model/facts/schema-check.js';

/** Placeholder values for a message template (`{{name}}`). */
export type MessageData = Record<string, string | number | boolean>;

/** Another place of the same root cause, positioned by the engine like the finding itself. */
export interface RelatedDescriptor {
  node: Locatable;
  /** A short phrase: what this place has to do with the finding. */
  message: string;
}

export interface ReportDescriptor<M extends string> {
  /** The model node the finding is about: a value, a config attribute or block, a service annotation. */
  node: Locatable;
  messageId: M;
  data?: MessageData;
  /** Secondary places of the same root cause (reporters show them as related locations). */
  related?: readonly RelatedDescriptor[];
}

export interface ReportMissingDescriptor<M extends string> {
  /** The full values path of the missing key; reported at its closest existing ancestor. */
  path: string;
  messageId: M;
  data?: MessageData;
  /**
   * The value that makes the missing key matter (e.g. `ui.serviceType: LoadBalancer` for missing
   * load balancer annotations). When the user wrote it, and did not write the key itself (empty or
   * null), the finding goes there instead of the closest ancestor: that line is the decision the
   * missing key belongs to.
   */
  decidedBy?: ValueNode;
  related?: readonly RelatedDescriptor[];
}

/** What a rule's `check` receives. */
export interface RuleContext<M extends string = string, O = Record<string, unknown>> {
  readonly model: Model;
  /** The rule's options, defaults filled in. */
  readonly options: O;
  /** The effective severity of the rule in this run. */
  readonly severity: Severity;
  report(descriptor: ReportDescriptor<M>): void;
  /** Report a key that is absent where the fix goes: at the closest ancestor the user wrote. */
  reportMissing(descriptor: ReportMissingDescriptor<M>): void;
  /** A derived fact of the release (src/model/facts/), computed once per release however many rules read it. */
  fact<T>(fact: Fact<T>): T;
}

/** A derived fact: a function of the release, declared over the narrowest view it needs. */
export type Fact<T> = (model: Model) => T;

export interface RuleDefinition<M extends string, P extends Record<string, RuleOption> = Record<string, never>> {
  id: string;
  meta: RuleMeta & {
    messages: Record<M, string>;
    hints?: Partial<Record<M, string>>;
    messageGuides?: Partial<Record<M, string>>;
    messageSeverities?: Partial<Record<M, Severity>>;
    options?: P;
  };
  /**
   * Facts loaded on demand that `check` reads (e.g. `valuesSchema`: a validator imported only when
   * a rule that needs it runs); the engine awaits `model.load(requires)` before the rules run.
   */
  requires?: readonly ModelResource[];
  /** Syntax rules run on input that could not be read; all others need readable values. */
  runsOnUnreadableInput?: boolean;
  check(context: RuleContext<M, OptionValues<P>>): void;
}

/** A registered rule. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds rules of every option type; `unknown` would reject them
export interface Rule<M extends string = string, P extends Record<string, RuleOption> = any> extends Omit<RuleDefinition<M, P>, 'meta'> {
  /** The metadata as the engine and reporters read it, whatever the rule's own option types. */
  readonly meta: RuleMeta & { messages: Record<M, string>; hints?: Partial<Record<M, string>> };
  /**
   * The rule's page: `meta.docs` for a rule from outside vault-lint; for its own, pinned to the
   * package version and derived from package.json `repository` or `homepage` (see `docs.ts`);
   * undefined when there is none.
   */
  readonly docsUrl: string | undefined;
  /** The plugin that provides the rule, as the config's `plugins:` names it; absent for vault-lint's own rules. */
  readonly plugin?: string;
}

/** Declare a rule. The id must equal the module's file name. */
export function defineRule<M extends string, P extends Record<string, RuleOption> = Record<string, never>>(
  definition: RuleDefinition<M, P>,
): Rule<M, P> {
  // Read on first use, not at import: package.json is read once, and only by runs that link to docs.
  return Object.defineProperty({ ...definition }, 'docsUrl', {
    get: () => definition.meta.docs ?? ruleDocsUrl(definition.id),
    enumerable: true,
  }) as Rule<M, P>;
}

/** The closest existing ancestor of a values path (the node itself when it exists). */
export function closestExisting(model: Model, path: string): ValueNode {
  const segments = path.split('.');
  let node: ValueNode = model.values;
  for (const segment of segments) {
    const next = node.get([segment]);
    if (!next) break;
    node = next;
  }
  return node;
}
