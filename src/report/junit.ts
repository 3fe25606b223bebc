import { originLabel, type FileResult, type Finding, type RuleInfo } from '../engine/types.js';
import { collect, joinSentences, TOOL_NAME, type ReportOptions, type ReportStream } from './types.js';

/**
 * Format findings as JUnit XML, which CI systems (GitLab `artifacts: reports: junit`, Jenkins,
 * Azure Pipelines) show as test results: one `testsuite` per file, one `testcase` per finding,
 * errors and warnings as `failure`s, infos as passing cases with their text, and a passing case
 * for a clean file so that it is listed too. The totals are in each `testsuite`; the root
 * `testsuites` carries none, since the report is written file by file.
 */
export function formatJunit(results: readonly FileResult[], rules: ReadonlyMap<string, RuleInfo>, options: ReportOptions): string {
  return collect(streamJunit(rules, options), results);
}

export function streamJunit(_rules: ReadonlyMap<string, RuleInfo>, _options: ReportOptions): ReportStream {
  return {
    start: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL_NAME}">\n`,
    file(result) {
      const failures = result.findings.filter((finding) => finding.severity !== 'info').length;
      const cases =
        result.findings.length === 0
          ? [`    <testcase classname=${attr(originLabel(result))} name="${TOOL_NAME}"/>\n`]
          : result.findings.map(toCase);
      return (
        `  <testsuite name=${attr(originLabel(result))} tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n` +
        cases.join('') +
        '  </testsuite>\n'
      );
    },
    end: () => '</testsuites>\n',
  };
}

function toCase(finding: Finding): string {
  const { location } = finding;
  const where = `${originLabel(location)}:${location.line}:${location.column}`;
  const text = joinSentences(finding.message, finding.hint);
  const name = attr(`${finding.ruleId}/${finding.messageId} ${location.line}:${location.column}`);
  const head = `    <testcase classname=${attr(originLabel(location))} name=${name} file=${attr(originLabel(location))} line="${location.line}">`;
  if (finding.severity === 'info') return `${head}<system-out>${xmlText(`${where} info ${text}`)}</system-out></testcase>\n`;
  return `${head}<failure message=${attr(finding.message)} type="${finding.severity}">${xmlText(`${where} ${finding.severity} ${text}`)}</failure></testcase>\n`;
}

/** An attribute value, quoted: XML's five special characters escaped, and characters XML 1.0 forbids dropped. */
function attr(value: string): string {
  return `"${xmlText(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;')}"`;
}

/** Character data: `&`, `<` and `>` escaped; control characters XML 1.0 cannot hold (even escaped) removed. */
function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
