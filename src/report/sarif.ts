import { posix, win32 } from 'node:path';
import type { FileResult, Finding, Location, Origin, RuleInfo, Severity } from '../engine/types.js';
import { describeScope } from '../engine/scope.js';
import { Fingerprints } from './fingerprint.js';
import {
  citeGuide,
  collect,
  guideOf,
  indentJson,
  isWindowsPath,
  joinSentences,
  openObject,
  TOOL_NAME,
  type ReportOptions,
  type ReportStream,
} from './types.js';

/** The OASIS schema (errata 01) the output conforms to. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Key of our fingerprint in `partialFingerprints`; the suffix is bumped if its recipe ever changes. */
export const FINGERPRINT_KEY = 'vaultLint/v1';

/** Base id that artifact URIs are relative to; code scanning resolves it to the checkout root. */
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

// Code scanning reads `problem.severity` for non-security rules and shows info as "Note" when given
// "recommendation"; `security-severity` (a CVSS-like score) only counts for rules tagged `security`,
// where 7.0+ shows as High, 4.0+ as Medium and below as Low.
const PROBLEM_SEVERITIES: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
const SECURITY_SEVERITIES: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface RuleTable {
  descriptors: Record<string, unknown>[];
  indexById: Map<string, number>;
}

/**
 * Format findings as a SARIF 2.1.0 log with one run, in the shape GitHub code scanning accepts:
 * a rules table built from every known rule, artifact URIs relative to `%SRCROOT%` (the `cwd`),
 * UTF-16 columns as the engine counts them, and a fingerprint that survives unrelated edits.
 */
export function formatSarif(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamSarif(rules, options), results);
}

/**
 * The SARIF reporter, file by file. SARIF is one document, so it is written as results come:
 * the run opens with its results array, each file's results follow as they are known, and the
 * parts that depend on the whole run (the artifacts list, the rules table with any rule id a
 * finding named that the table lacked) close it. Only those small tables are held, never the
 * results. JSON members have no order, so the log is the same SARIF as one built at once.
 */
export function streamSarif(rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): ReportStream {
  const table = buildRuleTable(rules);
  const artifacts: { location: ArtifactLocation; roles: string[] }[] = [];
  const artifactIndex = new Map<string, number>();
  // A related location may point into another target, even one linted later: it becomes an
  // artifact when first named (the artifacts list is written at the end). A `--set` argument is no
  // file: its findings go to the file it is layered onto, when the release has one.
  const artifactOf = (origin: Origin): ArtifactLocation | undefined => {
    const file = origin.kind === 'file' ? origin.file : origin.onto;
    if (file === undefined) return undefined;
    const location = toArtifactLocation(file, options.cwd);
    const key = `${location.uriBaseId ?? ''}\u0000${location.uri}`;
    let index = artifactIndex.get(key);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(key, index);
      artifacts.push({ location, roles: ['analysisTarget'] });
    }
    return { ...location, index };
  };
  let count = 0;
  return {
    start() {
      const head = { $schema: SARIF_SCHEMA_URI, version: '2.1.0' };
      const run = {
        ...(options.sarifCategory !== undefined ? { automationDetails: { id: automationId(options.sarifCategory) } } : {}),
        originalUriBaseIds: { [SRCROOT]: srcRoot(options.cwd) },
        columnKind: 'utf16CodeUnits',
      };
      return `${openObject(head, 0)},\n  "runs": [\n    ${openObject(run, 4)},\n      "results": [`;
    },
    file(result) {
      const artifact = artifactOf(result);
      // Occurrence counters tell identical findings of one file apart; the key holds the file.
      const fingerprints = new Fingerprints();
      let out = '';
      for (const finding of result.findings) {
        const sarifResult = toResult(
          finding,
          guideOf(finding, rules),
          ruleIndex(table, finding, rules),
          artifact,
          fingerprints,
          artifactOf,
        );
        out += `${count > 0 ? ',' : ''}\n        ${indentJson(sarifResult, 8)}`;
        count += 1;
      }
      return out;
    },
    end() {
      const driver = {
        name: TOOL_NAME,
        version: options.toolVersion,
        ...(isSemver(options.toolVersion) ? { semanticVersion: options.toolVersion } : {}),
        ...(options.homepage !== undefined ? { informationUri: options.homepage } : {}),
        rules: table.descriptors,
      };
      const tail = { artifacts, tool: { driver }, invocations: [{ executionSuccessful: true }] };
      const members = indentJson(tail, 4);
      return `${count > 0 ? '\n      ' : ''}],\n      ${members.slice(1, members.lastIndexOf('\n')).trim()}\n    }\n  ]\n}\n`;
    },
  };
}

/** A category as `automationDetails.id`: GitHub reads the part up to the last `/` as the category, so one is added. */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

/**
 * Every known rule, sorted by id so the table (and every `ruleIndex`) does not depend on
 * registration order.
 */
function buildRuleTable(rules: ReadonlyMap<string, RuleInfo>): RuleTable {
  const descriptors: Record<string, unknown>[] = [];
  const indexById = new Map<string, number>();
  for (const rule of [...rules.values()].sort((a, b) => compareIds(a.id, b.id))) {
    indexById.set(rule.id, descriptors.length);
    descriptors.push(describeRule(rule));
  }
  return { descriptors, indexById };
}

/**
 * The table index of a finding's rule, adding an entry for a rule id the table lacks (in the order
 * first seen): the rule's own when it joined `rules` after the table was built (a rule a config
 * file adds), else a minimal one. A finding is never dropped, and every `ruleIndex` points at its own rule.
 */
function ruleIndex(table: RuleTable, finding: Finding, rules: ReadonlyMap<string, RuleInfo>): number {
  let index = table.indexById.get(finding.ruleId);
  if (index === undefined) {
    index = table.descriptors.length;
    table.indexById.set(finding.ruleId, index);
    const info = rules.get(finding.ruleId);
    if (info) table.descriptors.push(describeRule(info));
    else
      table.descriptors.push({
        id: finding.ruleId,
        name: pascalCase(finding.ruleId),
        shortDescription: { text: finding.ruleId },
        defaultConfiguration: { level: LEVELS[finding.severity] },
        properties: { precision: 'very-high', 'problem.severity': PROBLEM_SEVERITIES[finding.severity] },
      });
  }
  return index;
}

function describeRule(rule: RuleInfo): Record<string, unknown> {
  const { description, guide, severity, tags } = rule.meta;
  const properties: Record<string, unknown> = {
    tags: [...tags],
    // The rules read the configuration the chart renders, not heuristics over text.
    precision: 'very-high',
    'problem.severity': PROBLEM_SEVERITIES[severity],
  };
  if (tags.includes('security')) properties['security-severity'] = SECURITY_SEVERITIES[severity];
  // Where the rule runs (modes, fewest server pods), in the words of the README and the rule page.
  if (rule.meta.appliesTo) properties.appliesTo = describeScope(rule.meta.appliesTo);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: description },
    fullDescription: { text: joinSentences(description, `Enforces: ${guide}.`) },
    ...(rule.docsUrl !== undefined ? { helpUri: rule.docsUrl } : {}),
    help: describeHelp(rule),
    defaultConfiguration: { level: LEVELS[severity] },
    properties,
  };
}

/**
 * The rule's help: a link to its page when there is one; otherwise the page itself (shipped in the
 * package as `rules/<id>.md`), so code scanning shows the documentation without an address.
 */
function describeHelp(rule: RuleInfo): { text: string; markdown: string } {
  const { description, guide } = rule.meta;
  const enforces = `**Enforces:** ${escapeMarkdown(guide)}`;
  if (rule.docsUrl !== undefined) {
    return {
      text: joinSentences(description, `Enforces: ${guide}. Documentation: ${rule.docsUrl}`),
      markdown: `${escapeMarkdown(description)}\n\n${enforces}\n\n[Rule documentation](${rule.docsUrl})`,
    };
  }
  if (rule.documentation !== undefined) return { text: rule.documentation, markdown: rule.documentation };
  return { text: joinSentences(description, `Enforces: ${guide}.`), markdown: `${escapeMarkdown(description)}\n\n${enforces}` };
}

function toResult(
  finding: Finding,
  guide: string | undefined,
  ruleIndex: number,
  artifact: ArtifactLocation | undefined,
  fingerprints: Fingerprints,
  artifactOf: (origin: Origin) => ArtifactLocation | undefined,
): Record<string, unknown> {
  const { location } = finding;
  // Code scanning shows this text on the alert and in pull request annotations without the rule's
  // help, and a message may cite a narrower section than its rule: the citation goes in here too.
  let text = joinSentences(citeGuide(finding.message, guide), finding.hint);
  // A `--set` argument has no file, so the result names the argument in its message, the only
  // text code scanning shows for it, and in its properties.
  if (location.kind === 'set') text = `${location.argument}: ${text}`;
  const sarifLocation = toSarifLocation(location, artifact);

  const properties: Record<string, unknown> = {};
  if (location.kind === 'set') {
    properties.setArgument = location.argument;
    properties.setIndex = location.index;
  }
  if (location.yamlPath !== undefined) properties.yamlPath = [...location.yamlPath];
  if (location.hclPath !== undefined) properties.hclPath = [...location.hclPath];
  if (location.hclLine !== undefined) properties.hclLine = location.hclLine;
  if (location.approximate === true) properties.approximate = true;
  if (finding.fromChartDefault === true) properties.fromChartDefault = true;

  // Ids are 1-based and unique within the result, so a message can refer to a place as [text](1).
  const related = (finding.relatedLocations ?? []).map((item, index) => ({
    id: index + 1,
    ...toSarifLocation(item.location, artifactOf(item.location)),
    message: { text: item.location.kind === 'set' ? `${item.location.argument}: ${item.message}` : item.message },
  }));

  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text },
    locations: [sarifLocation],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(finding, fingerprintFile(finding, artifact)) },
    ...(finding.suppression ? { suppressions: [{ ...finding.suppression }] } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * A SARIF location: a region of the artifact. A `--set` argument has no file: its location is the
 * start of the file it is layered onto (code scanning takes only results with a file and a line),
 * with a logical location naming the values key it sets and a message naming the argument; with
 * no file in the release, the logical location alone.
 */
function toSarifLocation(location: Location, artifact: ArtifactLocation | undefined): Record<string, unknown> {
  if (location.kind === 'set') {
    const path = location.yamlPath ?? [];
    const last = path.at(-1);
    const logical =
      last === undefined
        ? { name: location.argument, kind: 'parameter' }
        : { name: String(last), fullyQualifiedName: path.join('.'), kind: 'property' };
    return {
      ...(artifact !== undefined
        ? { physicalLocation: { artifactLocation: artifact, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }
        : {}),
      logicalLocations: [logical],
      message: { text: location.argument },
    };
  }
  if (artifact === undefined) return {};
  return {
    physicalLocation: {
      artifactLocation: artifact,
      region: {
        startLine: location.line,
        startColumn: location.column,
        endLine: location.endLine,
        endColumn: location.endColumn,
      },
    },
  };
}

/** The file a fingerprint names: the normalised URI, not the name as typed, so `./values.yaml` and `values.yaml` agree. */
function fingerprintFile(finding: Finding, artifact: ArtifactLocation | undefined): string {
  return finding.location.kind === 'set' ? finding.location.argument : (artifact?.uri ?? finding.location.file);
}

/**
 * Turn a target name into an artifact location: relative to `%SRCROOT%` when it lies inside the
 * cwd (or is relative and no cwd is known), otherwise an absolute `file:` URI, since a `../` URI
 * under `%SRCROOT%` would name a file code scanning cannot find.
 */
function toArtifactLocation(file: string, cwd: string | undefined): ArtifactLocation {
  const windows = isWindowsPath(file) || (cwd !== undefined && isWindowsPath(cwd));
  const path = windows ? win32 : posix;
  // Backslashes are separators to every user who types them; treating them so on POSIX too keeps
  // the URI forward-slashed as code scanning expects.
  const name = windows ? file : file.replaceAll('\\', '/');

  if (path.isAbsolute(name)) {
    if (cwd !== undefined) {
      const relative = path.relative(cwd, name);
      if (isInside(relative, path)) return { uri: encodeRelative(relative), uriBaseId: SRCROOT };
    }
    return { uri: fileUri(name, windows) };
  }
  const normal = path.normalize(name);
  if (!isInside(normal, path)) {
    if (cwd !== undefined) return { uri: fileUri(path.resolve(cwd, name), windows) };
    return { uri: encodeRelative(normal) };
  }
  return { uri: encodeRelative(normal), uriBaseId: SRCROOT };
}

function isInside(relative: string, path: typeof posix): boolean {
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function encodeRelative(relative: string): string {
  return relative
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** An absolute path as a `file:` URI; built by hand because `url.pathToFileURL` follows the host platform. */
function fileUri(absolute: string, windows: boolean): string {
  const segments = absolute.split(windows ? /[\\/]/ : '/');
  if (windows && absolute.startsWith('\\\\')) {
    // UNC path: `\\server\share\x` becomes `file://server/share/x`.
    const [, , host = '', ...rest] = segments;
    return `file://${host}/${rest.map((segment) => encodeURIComponent(segment)).join('/')}`;
  }
  const encoded = segments.map((segment, i) => (windows && i === 0 ? segment.toUpperCase() : encodeURIComponent(segment)));
  return windows ? `file:///${encoded.join('/')}` : `file://${encoded.join('/')}`;
}

function srcRoot(cwd: string | undefined): Record<string, unknown> {
  if (cwd === undefined) return { description: { text: 'The directory vault-lint ran in' } };
  const uri = fileUri(cwd, isWindowsPath(cwd));
  return { uri: uri.endsWith('/') ? uri : `${uri}/` };
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function isSemver(version: string): boolean {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (char) => `\\${char}`);
}
