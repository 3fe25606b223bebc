import { describe, expect, it } from 'vitest';
import { originLabel, type Origin } from '../../src/engine/types.js';
import { SAMPLE_RELATED_TEXTS, SAMPLE_SPAN_TEXTS, sampleResults, sampleRules } from './sample.js';

/** The text a result's positions count in: its source, or a `--set` argument after the flag. */
function textOf(result: Origin & { source?: string }): string {
  if (result.source !== undefined) return result.source;
  return result.kind === 'set' ? result.argument.slice(result.argument.indexOf(' ') + 1) : '';
}

// The goldens are only as right as the sample's positions: check every span against the text it
// claims to cover, so a miscounted column fails here rather than hiding in a golden.
describe('sample run', () => {
  for (const result of sampleResults()) {
    it(`spans of ${originLabel(result)} cover the intended text`, () => {
      const lines = textOf(result).split(/\r\n|\r|\n/);
      const texts = result.findings.map(({ location }) => {
        const text = lines[location.line - 1]!;
        expect(location.endColumn - 1).toBeLessThanOrEqual(
          location.line === location.endLine ? text.length : lines[location.endLine - 1]!.length,
        );
        return location.line === location.endLine
          ? text.slice(location.column - 1, location.endColumn - 1)
          : text.slice(location.column - 1);
      });
      expect(texts).toEqual(SAMPLE_SPAN_TEXTS[originLabel(result)] ?? []);
    });
  }

  it('related locations cover the intended text of their own file', () => {
    const sources = new Map(sampleResults().map((result) => [originLabel(result), textOf(result)]));
    const texts: Record<string, string[]> = {};
    for (const finding of sampleResults().flatMap((result) => result.findings)) {
      for (const { location } of finding.relatedLocations ?? []) {
        const line = sources.get(originLabel(location))!.split(/\r\n|\r|\n/)[location.line - 1]!;
        (texts[originLabel(location)] ??= []).push(line.slice(location.column - 1, location.endColumn - 1));
      }
    }
    expect(texts).toEqual(SAMPLE_RELATED_TEXTS);
  });

  it('is sorted and uses only known rules', () => {
    for (const result of sampleResults()) {
      const keys = result.findings.map((f) => [f.location.line, f.location.column, f.ruleId] as const);
      const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
      expect(keys).toEqual(sorted);
      for (const finding of result.findings) {
        expect(sampleRules.has(finding.ruleId)).toBe(true);
        expect(originLabel(finding.location)).toBe(originLabel(result));
      }
    }
  });
});
