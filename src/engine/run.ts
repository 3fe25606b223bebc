import type { Model } from '../model/model.js';
import { fileStart, type Layer, type Place } from '../model/values.js';
import type { Redactor } from '../model/redact.js';
import type { ResolvedRule } from './config.js';
import { LineIndex } from '../parse/lines.js';
import { closestExisting, type MessageData, type RelatedDescriptor, type RuleContext } from './rule.js';
import { applySuppressions } from './suppress.js';
import { inScope } from './scope.js';
import { SEVERITIES, type FileResult, type Finding, type Location, type RelatedLocation, type Severity } from './types.js';

/** A rule threw: our bug, not the user's. The CLI names the rule and exits 2. */
export class RuleCrashError extends Error {
  override readonly name = 'RuleCrashError';
  constructor(
    readonly ruleId: string,
    readonly original: unknown,
  ) {
    super(`Rule "${ruleId}" crashed: ${original instanceof Error ? original.message : String(original)}`);
  }

  /** The same crash with the secrets scrubbed from its message, which the CLI prints. */
  redacted(redactor: Redactor): RuleCrashError {
    const error = new Error(redactor.scrub(this.original instanceof Error ? this.original.message : String(this.original)));
    if (this.original instanceof Error && this.original.stack !== undefined) error.stack = redactor.scrub(this.original.stack);
    return new RuleCrashError(this.ruleId, error);
  }
}

/**
 * Added to the message of a finding that nothing on its values path was written for: it sits at the
 * start of the file, and the message itself (the only text some formats show) must say why.
 */
export const UNWRITTEN_NOTE = ' (chart default; not set in this file)';

/** Position the related places of a finding, dropping any that repeat the finding's own place or each other. */
function locateRelated(
  locator: Locator,
  main: Location,
  related: readonly RelatedDescriptor[] | undefined,
  scrub: (text: string) => string,
): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set([spanKey(main)]);
  for (const { node, message } of related ?? []) {
    const location = locator.locate(node.place());
    const key = spanKey(location);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, message: scrub(message) });
  }
  return out;
}

function spanKey(location: Location): string {
  return `${location.file}\u0000${location.line}:${location.column}-${location.endLine}:${location.endColumn}`;
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

/** Run the rules over one model; findings come back positioned, suppressed as the input asks, sorted and scrubbed of secrets. */
export function runRules(model: Model, rules: readonly ResolvedRule[]): Finding[] {
  const locator = new Locator(model);
  const redactor = model.redactor;
  const scrub = (text: string): string => redactor.scrub(text);
  const findings: Finding[] = [];
  // A Helm `range` renders one written stanza several times: the same finding from each copy is one finding.
  const seen = new Set<string>();
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
      const key = [rule.id, messageId, location.file, location.line, location.column, location.endLine, location.endColumn, text].join(
        '\u0000',
      );
      if (seen.has(key)) return;
      seen.add(key);
      const unwritten = place.unwritten === true || locator.anchoredAtStart(place);
      const finding: Finding = {
        ruleId: rule.id,
        messageId,
        severity: messageSeverities?.[messageId] ?? severity,
        message: scrub(text + (unwritten ? UNWRITTEN_NOTE : '')),
        location,
      };
      const hint = rule.meta.hints?.[messageId];
      if (hint !== undefined) finding.hint = scrub(formatMessage(hint, data));
      finding.guide = rule.meta.messageGuides?.[messageId] ?? rule.meta.guide;
      if (docsUrl !== undefined) finding.docsUrl = docsUrl;
      const relatedLocations = locateRelated(locator, location, related, scrub);
      if (relatedLocations.length > 0) finding.relatedLocations = relatedLocations;
      if (place.fromChartDefault) finding.fromChartDefault = true;
      findings.push(finding);
    };
    const context: RuleContext = {
      model,
      options,
      severity,
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
  const directives = model.directives.map((directive) => {
    const { file, line } = locator.locate(directive.place);
    return { kind: directive.kind, rules: directive.rules, file, line };
  });
  return sortFindings(applySuppressions(findings, directives));
}

/** Sort by file, line, column, then rule id: the order every reporter prints. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
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

/** Turns model places into file locations, one line index per layer. */
class Locator {
  private readonly indexes = new Map<Layer, LineIndex>();

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
    const index = this.index(layer);
    const from = index.position(start);
    const to = index.position(Math.max(end, start));
    const location: Location = { file: layer.label, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    if (place.yamlPath.length > 0) location.yamlPath = place.yamlPath;
    if (place.hclPath) location.hclPath = place.hclPath;
    if (place.hclLine !== undefined) location.hclLine = place.hclLine;
    if (place.approximate) location.approximate = true;
    return location;
  }

  private index(layer: Layer): LineIndex {
    let index = this.indexes.get(layer);
    if (!index) {
      index = new LineIndex(layer.source ?? '');
      this.indexes.set(layer, index);
    }
    return index;
  }
}

/**
 * The layer's text with every secret replaced by `*`, line breaks kept: the span of each secret
 * the model found, any other place its text appears (the same token pasted twice), and what looks
 * like a credential in text the model could not read.
 */
export function redactSource(model: Model, layer: Layer): string | undefined {
  const source = layer.source;
  if (source === undefined) return undefined;
  const spans = model.valuesReadable ? model.secrets.map((secret) => secret.place()).filter((place) => place.layer === layer) : [];
  return model.redactor.mask(source, [...spans, ...model.guessedSpans(layer)]);
}

/** A result with every string in its findings scrubbed, and its source masked (offsets kept for code frames). */
export function redactResult(result: FileResult, redactor: Redactor): FileResult {
  const out: FileResult = {
    file: redactor.scrub(result.file),
    findings: result.findings.map((finding) => scrubStrings(finding, redactor)),
  };
  if (result.source !== undefined) out.source = redactor.mask(result.source);
  return { ...result, ...out };
}

/** Every string inside a finding, whatever fields it grows: message, hint, file, related locations. */
function scrubStrings<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.scrub(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubStrings(item, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubStrings(item, redactor);
    return out as T;
  }
  return value;
}
