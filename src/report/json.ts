import { originPart, type FileResult, type Finding, type Location, type Origin, type RuleInfo, type Summary } from '../engine/types.js';
import { collect, guideOf, indentJson, openObject, Tally, TOOL_NAME, type ReportOptions, type ReportStream } from './types.js';

/** Version of the JSON shape documented in `schemas/findings.schema.json`; bumped on breaking changes. */
export const JSON_FORMAT_VERSION = 2;

/** The document the JSON reporter prints. */
export interface JsonReport {
  version: typeof JSON_FORMAT_VERSION;
  tool: { name: string; version: string };
  results: (Origin & { findings: Finding[] })[];
  summary: Summary;
}

/**
 * Format findings as a stable JSON document (see `schemas/findings.schema.json`).
 *
 * Findings are rebuilt field by field rather than serialised as received: the key order stays
 * fixed for diffing, the schema can stay closed, and nothing the engine might attach (above all
 * the masked `source` text) leaks into the output. Every file is listed, clean ones included, so
 * consumers can tell "linted, nothing found" from "not linted".
 */
export function formatJson(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamJson(rules, options), results);
}

/**
 * The JSON reporter, file by file: the document is written as results come, each file's entry
 * as soon as it is known and the summary at the end, so a run over many files never holds the
 * whole report. The text is the same as `JSON.stringify(report, null, 2)` of the whole document.
 */
export function streamJson(rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): ReportStream {
  const tally = new Tally();
  const head: Omit<JsonReport, 'results' | 'summary'> = {
    version: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: options.toolVersion },
  };
  return {
    start: () => `${openObject(head, 0)},\n  "results": [`,
    file(result) {
      const entry = { ...originPart(result), findings: result.findings.map((finding) => copyFinding(finding, guideOf(finding, rules))) };
      const text = `${tally.summary().files > 0 ? ',' : ''}\n    ${indentJson(entry, 4)}`;
      tally.add(result);
      return text;
    },
    end: () => `${tally.summary().files > 0 ? '\n  ' : ''}],\n  "summary": ${indentJson(tally.summary(), 2)}\n}\n`,
  };
}

function copyFinding(finding: Finding, guide: string | undefined): Finding {
  // Key order follows `Finding` in engine/types.ts; optional keys appear only when set, never as null.
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.hint !== undefined ? { hint: finding.hint } : {}),
    ...(guide !== undefined ? { guide } : {}),
    ...(finding.docsUrl !== undefined ? { docsUrl: finding.docsUrl } : {}),
    location: copyLocation(finding.location),
    ...(finding.relatedLocations !== undefined
      ? {
          relatedLocations: finding.relatedLocations.map((related) => ({
            location: copyLocation(related.location),
            message: related.message,
          })),
        }
      : {}),
    ...(finding.fromChartDefault !== undefined ? { fromChartDefault: finding.fromChartDefault } : {}),
  };
}

function copyLocation(location: Location): Location {
  return {
    ...originPart(location),
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...(location.yamlPath !== undefined ? { yamlPath: [...location.yamlPath] } : {}),
    ...(location.hclPath !== undefined ? { hclPath: [...location.hclPath] } : {}),
    ...(location.hclLine !== undefined ? { hclLine: location.hclLine } : {}),
    ...(location.approximate !== undefined ? { approximate: location.approximate } : {}),
  };
}
