import { describe, expect, it } from 'vitest';
import { SAMPLE_RELATED_TEXTS, SAMPLE_SPAN_TEXTS, sampleResults, sampleRules } from './sample.js';

// The goldens are only as right as the sample's positions: check every span against the text it
// claims to cover, so a miscounted column fails here rather than hiding in a golden.
describe('sample run', () => {
  for (const result of sampleResults()) {
    it(`spans of ${result.file} cover the intended text`, () => {
      // The engine counts lines at \n only; a --set label is its own one-line source.
      const lines = (result.source ?? result.file).split('\n').map((line) => line.replace(/\r$/, ''));
      const texts = result.findings.map(({ location }) => {
        const text = lines[location.line - 1]!;
        expect(location.endColumn - 1).toBeLessThanOrEqual(
          location.line === location.endLine ? text.length : lines[location.endLine - 1]!.length,
        );
        return location.line === location.endLine
          ? text.slice(location.column - 1, location.endColumn - 1)
          : text.slice(location.column - 1);
      });
      expect(texts).toEqual(SAMPLE_SPAN_TEXTS[result.file] ?? []);
    });
  }

  it('related locations cover the intended text of their own file', () => {
    const sources = new Map(sampleResults().map((result) => [result.file, result.source ?? result.file]));
    const texts: Record<string, string[]> = {};
    for (const finding of sampleResults().flatMap((result) => result.findings)) {
      for (const { location } of finding.relatedLocations ?? []) {
        const line = sources.get(location.file)!.split('\n')[location.line - 1]!;
        (texts[location.file] ??= []).push(line.slice(location.column - 1, location.endColumn - 1));
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
        expect(finding.location.file).toBe(result.file);
      }
    }
  });
});
