import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SCHEMAS = new URL('../../schemas/', import.meta.url);
const GENERATED = new URL('../../src/schemas/generated/', import.meta.url);

/** Every `$id` and `$ref` in a schema document. */
function references(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) references(item, out);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === '$id' || key === '$ref') && typeof value === 'string') out.push(value);
      else references(value, out);
    }
  }
  return out;
}

describe('schema identifiers', () => {
  const files = readdirSync(SCHEMAS).filter((name) => name.endsWith('.json'));

  it('claim no host: an $id is a vault-lint URN, a $ref stays inside its document or names one of ours', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const schema = JSON.parse(readFileSync(new URL(file, SCHEMAS), 'utf8')) as { $id?: string };
      if (schema.$id !== undefined) expect(schema.$id, file).toMatch(/^urn:vault-lint:schema:[a-z0-9.-]+$/);
      for (const reference of references(schema)) expect(reference, file).toMatch(/^(#|urn:vault-lint:)/);
    }
  });

  it('are what the generated validators name', () => {
    for (const file of readdirSync(GENERATED).filter((name) => name.endsWith('.ts'))) {
      const code = readFileSync(new URL(file, GENERATED), 'utf8');
      expect(code, file).toContain(`urn:vault-lint:schema:${file.replace(/\.ts$/, '')}`);
      expect(code, file).not.toMatch(/https?:\/\/(?!json-schema\.org)[a-z0-9.-]+\.[a-z]+\//i);
    }
  });
});
