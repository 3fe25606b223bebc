import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatterNames, isFormatterName, loadFormatter, type FormatterName } from '../../src/report/index.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';

describe('report index', () => {
  it('lists the formatters, stylish first', () => {
    expect(formatterNames).toEqual(['stylish', 'json', 'sarif', 'github', 'junit', 'codequality']);
  });

  it('loads each formatter by name', async () => {
    expect(await loadFormatter('stylish')).toBe(formatStylish);
    expect(await loadFormatter('json')).toBe(formatJson);
    expect(await loadFormatter('sarif')).toBe(formatSarif);
    expect(await loadFormatter('github')).toBe(formatGithub);
  });

  it('narrows user input to a formatter name and rejects others', async () => {
    expect(isFormatterName('sarif')).toBe(true);
    expect(isFormatterName('junit')).toBe(true);
    expect(isFormatterName('checkstyle')).toBe(false);
    await expect(loadFormatter('checkstyle' as FormatterName)).rejects.toThrow('Unknown formatter "checkstyle"');
  });

  it('imports no formatter module statically, so a run loads only the one it uses', () => {
    // Statically imported modules load with the index; only `import type` is erased.
    const source = readFileSync(new URL('../../src/report/index.ts', import.meta.url), 'utf8');
    const statics = [...source.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[2]);
    expect(statics).toEqual([]);
    const dynamics = [...source.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]);
    expect(dynamics.sort()).toEqual(['./codequality.js', './github.js', './json.js', './junit.js', './sarif.js', './stylish.js']);
  });
});
