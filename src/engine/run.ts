import type { Model } from '../model/model.js';
import { fileStart, type Layer, type Place } from '../model/values/tree.js';
import type { SecretMask } from '../mask/secret-mask.js';
import type { ResolvedRule } from './config.js';
import { closestExisting, type Fact, type MessageData, type RelatedDescriptor, type RuleContext } from './rule.js';
import { applySuppressions, utcToday, type LocatedDirective, type SuppressionOptions } from './suppress.js';
import { inScope } from './scope.js';
import {
  originLabel,
  SEVERITIES,
  type Finding,
  type Location,
  type Origin,
  type RelatedLocation,
  type SetOrigin,
  type Severity,
} from './types.js';

/**
 * A rule threw: our bug, not the user's, or for a rule from a plugin (`plugin` set), the plugin's.
 * The CLI names the rule (and the plugin) and exits 2.
 */
export class RuleCrashError extends Error {
  override readonly name = 'RuleCrashError';
  constructor(
    readonly ruleId: string,
    readonly original: unknown,
    readonly plugin?: string,
  ) {
    super(`Rule "${ruleId}" crashed: ${original instanceof Error ? original.message : String(original)}`);
  }

  /** The same crash with the secrets scrubbed from its message, which the CLI prints. */
  redacted(mask: SecretMask): RuleCrashError {
    const error = new Error(mask.scrub(this.original instanceof Error ? this.original.message : String(this.original)));
    if (this.original instanceof Error && this.original.stack !== undefined) error.stack = mask.scrub(this.original.stack);
    return new RuleCrashError(this.ruleId, error, this.plugin);
  }
}

/**
 * Added to the message of a finding that nothing on its values path was written for: it sits at the
 * start of the file, and the message itself (the only text some formats show) must say why.
 */
export const UNWRITTEN_NOTE = ' (chart default; not set in this file)';

/** Position the related places of a finding, dropping any that repeat the finding's own place or each other. */
function locateRelated(locator: Locator, main: Location, related: readonly RelatedDescriptor[] | undefined): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set([spanKey(main)]);
  for (const { node, message } of related ?? []) {
    const location = locator.locate(node.place());
    const key = spanKey(location);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, message });
  }
  return out;
}

function spanKey(location: Location): string {
  return `${originKey(location)}\u0000${location.line}:${location.column}-${location.endLine}:${location.endColumn}`;
}

/** Fill `{{name}}` placeholders. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** Load what the rules declare in `requires` (facts that import code on demand); call before runRules. */
export async function prepareRules(model: Model, rules: readonly ResolvedRule[]): Promise<void> {
  const resources = [
    ...new Set(rules.flatMap(({ rule }) => (model.valuesReadable || rule.runsOnUnreadableInput ? (rule.requires ?? []) : []))),
  ];
  if (resources.length > 0) await model.load(resources);
}

/**
 * Run the rules over one model; findings come back positioned, suppressed as the input asks and
 * sorted. They may quote secrets: the linter scrubs every result at one point before anything
 * prints it (SecretMask.scrubResult).
 */
export function runRules(model: Model, rules: readonly ResolvedRule[], suppression: SuppressionOptions = { today: utcToday() }): Finding[] {
  const locator = new Locator(model);
  const findings: Finding[] = [];
  // A Helm `range` renders one written stanza several times: the same finding from each copy is one finding.
  const seen = new Set<string>();
  // Each derived fact once per release, whichever rule asks first.
  const facts = new Map<Fact<unknown>, unknown>();
  for (const { rule, severity, options, messageSeverities } of rules) {
    if (!model.valuesReadable && !rule.runsOnUnreadableInput) continue;
    if (!inScope(model, rule.meta.appliesTo)) continue;
    const docsUrl = rule.docsUrl;
    const push = (
      place: Place,
      messageId: string,
      data: MessageData | undefined,
      related: readonly RelatedDescriptor[] | undefined,
    ): void => {
      const template = rule.meta.messages[messageId];
      if (template === undefined) throw new RuleCrashError(rule.id, new Error(`unknown messageId "${messageId}"`));
      const location = locator.locate(place);
      const text = formatMessage(template, data);
      // Checked before anything else is built: a range of N copies costs one finding's work.
      const key = [
        rule.id,
        messageId,
        originKey(location),
        location.line,
        location.column,
        location.endLine,
        location.endColumn,
        text,
      ].join('\u0000');
      if (seen.has(key)) return;
      seen.add(key);
      const unwritten = place.unwritten === true || locator.anchoredAtStart(place);
      const finding: Finding = {
        ruleId: rule.id,
        messageId,
        severity: messageSeverities?.[messageId] ?? severity,
        message: text + (unwritten ? UNWRITTEN_NOTE : ''),
        location,
      };
      const hint = rule.meta.hints?.[messageId];
      if (hint !== undefined) finding.hint = formatMessage(hint, data);
      finding.guide = rule.meta.messageGuides?.[messageId] ?? rule.meta.guide;
      if (docsUrl !== undefined) finding.docsUrl = docsUrl;
      const relatedLocations = locateRelated(locator, location, related);
      if (relatedLocations.length > 0) finding.relatedLocations = relatedLocations;
      if (place.fromChartDefault) finding.fromChartDefault = true;
      findings.push(finding);
    };
    const context: RuleContext = {
      model,
      options,
      severity,
      fact: (fact) => {
        if (!facts.has(fact)) facts.set(fact, fact(model));
        return facts.get(fact) as ReturnType<typeof fact>;
      },
      report: ({ node, messageId, data, related }) => push(node.place(), messageId, data, related),
      reportMissing: ({ path, messageId, data, decidedBy, related }) => {
        const yamlPath = path.split('.');
        const closest = closestExisting(model, path);
        // A key the user wrote (empty, null) is where the fix goes; otherwise the value that decides it.
        const writtenItself = closest.path.length === yamlPath.length && closest.isUserSet;
        if (!writtenItself && decidedBy?.isUserSet && decidedBy.yaml)
          push({ ...decidedBy.place(), yamlPath, fromChartDefault: true }, messageId, data, related);
        else if (closest.path.length === 0) push(fileStart(closest.layer, yamlPath), messageId, data, related);
        else push({ ...closest.place(), yamlPath }, messageId, data, related);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      if (error instanceof RuleCrashError) throw error;
      throw new RuleCrashError(rule.id, error);
    }
  }
  const directives = model.directives.map(({ place, ...directive }): LocatedDirective => ({
    ...directive,
    location: locator.locate(place),
  }));
  return sortFindings(applySuppressions(findings, directives, suppression));
}

/** Sort by file, line, column, then rule id: the order every reporter prints. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(originLabel(a.location), originLabel(b.location)) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.ruleId, b.ruleId) ||
      SEVERITIES.indexOf(a.severity as Severity) - SEVERITIES.indexOf(b.severity as Severity) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a layer's findings are about: its file, or its `--set` argument (numbered in Helm's order) and the file it is layered onto. */
export function originOf(model: Model, layer: Layer): Origin {
  if (layer.kind !== 'set') return { kind: 'file', file: layer.label };
  const layers = model.userLayers;
  const origin: SetOrigin = {
    kind: 'set',
    index: layers.filter((other) => other.kind === 'set').indexOf(layer) + 1,
    argument: layer.label,
  };
  const onto = layers.find((other) => other.kind === 'file');
  if (onto) origin.onto = onto.label;
  return origin;
}

/** True when two origins name the same file, or the same `--set` argument. */
export function sameOrigin(a: Origin, b: Origin): boolean {
  return a.kind === 'file' ? b.kind === 'file' && a.file === b.file : b.kind === 'set' && a.index === b.index;
}

function originKey(origin: Origin): string {
  return origin.kind === 'file' ? `file\u0000${origin.file}` : `set\u0000${origin.index}`;
}

/** Turns model places into locations in a file or a `--set` argument; each layer owns its line index. */
class Locator {
  private readonly origins = new Map<Layer, Origin>();

  constructor(private readonly model: Model) {}

  /** True when the place lies in no user text and is anchored at the start of the target's first file. */
  anchoredAtStart(place: Place): boolean {
    return place.layer.kind === 'default' || place.layer.source === undefined;
  }

  locate(place: Place): Location {
    let { layer, start, end } = place;
    if (this.anchoredAtStart(place)) {
      // Nothing the user wrote is nearer: anchor at the start of the first file of the target.
      layer = this.model.userLayers[0] ?? layer;
      start = 0;
      end = 0;
    }
    const from = layer.position(start);
    const to = layer.position(Math.max(end, start));
    const location: Location = { ...this.origin(layer), line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    if (place.yamlPath.length > 0) location.yamlPath = place.yamlPath;
    if (place.hclPath) location.hclPath = place.hclPath;
    if (place.hclLine !== undefined) location.hclLine = place.hclLine;
    if (place.approximate) location.approximate = true;
    return location;
  }

  private origin(layer: Layer): Origin {
    let origin = this.origins.get(layer);
    if (!origin) this.origins.set(layer, (origin = originOf(this.model, layer)));
    return origin;
  }
}
