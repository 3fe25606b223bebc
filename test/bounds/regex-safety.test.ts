import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSync } from 'recheck';
import { collectRegexes } from './collect.js';
import { podHostPattern } from '../../src/model/facts/raft-joins.js';

/**
 * Every regular expression in src/ and rules/ is checked with recheck (a ReDoS checker): a pattern
 * that can take super-linear time on some input fails this test. Patterns built at run time are
 * listed here with the reason they are safe; a new one fails until it is listed.
 */
const RUNTIME_PATTERNS: Record<string, string> = {
  'src/model/facts/raft-joins.ts':
    'podHostPattern: the release name is escaped, so it matches literally; the pattern around it is checked below',
  'src/schemas/suggest.ts': 'patternProperties of the JSON Schemas, each checked below from the schema files',
  'src/cli/files.ts': 'the glob matcher built from a command-line glob; replaced by a glob library in the CLI work',
};

const SCHEMAS = new URL('../../schemas/', import.meta.url);

/** `pattern` values and `patternProperties` keys of every schema file. */
function schemaPatterns(): { where: string; source: string }[] {
  const out: { where: string; source: string }[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, where));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') out.push({ where, source: value });
        if (key === 'patternProperties' && value && typeof value === 'object')
          for (const pattern of Object.keys(value)) out.push({ where, source: pattern });
        walk(value, where);
      }
    }
  };
  for (const name of readdirSync(SCHEMAS).filter((file) => file.endsWith('.json')))
    walk(JSON.parse(readFileSync(new URL(name, SCHEMAS), 'utf8')), `schemas/${name}`);
  return out;
}

function verdict(source: string, flags: string): string {
  const result = checkSync(source, flags, { timeout: 30_000 });
  if (result.status === 'safe') return 'safe';
  if (result.status === 'vulnerable') return `vulnerable (${result.complexity.summary}), e.g. ${JSON.stringify(result.attack.pattern)}`;
  return `${result.status}: ${JSON.stringify(result.error)}`;
}

describe('regular expressions are safe from catastrophic backtracking', () => {
  const found = collectRegexes(['src', 'rules']);

  it('finds the regexes by parsing the sources', () => {
    // A floor, so that a broken collector cannot pass by finding nothing.
    expect(found.filter((regex) => regex.source !== undefined).length).toBeGreaterThan(100);
  });

  it('every literal pattern in src/ and rules/ is safe', { timeout: 600_000 }, () => {
    const unsafe = new Map<string, string>();
    const checked = new Map<string, string>();
    for (const regex of found) {
      if (regex.source === undefined) continue;
      const key = `/${regex.source}/${regex.flags}`;
      const result = checked.get(key) ?? verdict(regex.source, regex.flags);
      checked.set(key, result);
      if (result !== 'safe') unsafe.set(`${regex.where} ${key}`, result);
    }
    expect(Object.fromEntries(unsafe)).toEqual({});
  });

  it('every pattern built at run time is listed with its reason', () => {
    const runtime = found.filter((regex) => regex.source === undefined).map((regex) => regex.where.split(':')[0]!);
    expect(runtime.filter((file) => !(file in RUNTIME_PATTERNS))).toEqual([]);
  });

  it('the schema patterns and the pod host pattern are safe', { timeout: 600_000 }, () => {
    const unsafe: string[] = [];
    for (const { where, source } of schemaPatterns()) {
      const result = verdict(source, 'u');
      if (result !== 'safe') unsafe.push(`${where} /${source}/: ${result}`);
    }
    const pod = podHostPattern('vault-release.x');
    const result = verdict(pod.source, pod.flags);
    if (result !== 'safe') unsafe.push(`podHostPattern: ${result}`);
    expect(unsafe).toEqual([]);
  });
});
