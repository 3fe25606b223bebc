import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The fixtures directory. */
export const FIXTURES_ROOT = new URL('../../fixtures/', import.meta.url).pathname;
const ROOT = FIXTURES_ROOT;

/** Rule fixtures: `fixtures/<rule-id>/{valid,invalid}/<description>.values.yaml` (never `after/`). */
export function fixtureFiles(): { rule: string; kind: 'valid' | 'invalid'; name: string; path: string }[] {
  const out = [];
  for (const rule of readdirSync(ROOT).filter((name) => !name.startsWith('_') && name !== 'guide')) {
    for (const kind of ['valid', 'invalid'] as const) {
      let names: string[];
      try {
        names = readdirSync(join(ROOT, rule, kind)).filter((name) => /\.ya?ml$/.test(name));
      } catch {
        names = [];
      }
      for (const name of names) out.push({ rule, kind, name, path: join(ROOT, rule, kind, name) });
    }
  }
  return out;
}
