import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from './helpers.js';
import { knownKeysAt } from '../../src/schemas/suggest.js';
import * as valuesModule from '../../src/schemas/generated/values-0.34.0.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface BuildScript {
  buildSchemas(): Map<string, string>;
  schemaModules(): { schema: string; module: string; versions: string[] }[];
  hoistObjects(schema: Record<string, unknown>): Record<string, unknown>;
  LOADERS: string;
}

// A .mjs script has no type declarations; importing it through a URL string keeps tsc out of it.
const scriptUrl: string = new URL('../../scripts/build-schemas.mjs', import.meta.url).href;
const script = (await import(scriptUrl)) as BuildScript;

describe('generated validators', () => {
  const built = script.buildSchemas();

  it('give every object with properties a function of its own, the top-level keys and those inside definitions too', () => {
    // V8 compiles a function when it is first called: a block the values do not write is never compiled.
    const hoisted = script.hoistObjects({
      type: 'object',
      properties: {
        telemetry: { type: 'object', properties: { a: { type: 'string' } } },
        name: { type: 'string' },
      },
      definitions: {
        listener: { type: 'object', properties: { profiling: { type: 'object', properties: { b: { type: 'string' } } } } },
      },
    });
    expect(hoisted).toEqual({
      type: 'object',
      properties: { telemetry: { $ref: '#/definitions/object0_telemetry' }, name: { type: 'string' } },
      definitions: {
        listener: { type: 'object', properties: { profiling: { $ref: '#/definitions/object1_profiling' } } },
        object0_telemetry: { type: 'object', properties: { a: { type: 'string' } } },
        object1_profiling: { type: 'object', properties: { b: { type: 'string' } } },
      },
    });
  });

  const modules = script.schemaModules();

  it('exist for every distinct schema, as one TypeScript module each, and nothing else is in the directory', () => {
    const expected = modules.map(({ module }) => `src/schemas/generated/${module}.ts`).sort();
    expect(expected).toContain('src/schemas/generated/values-0.28.0.ts');
    expect(expected).toContain('src/schemas/generated/vault-config.ts');
    expect([...built.keys()].filter((path) => path !== script.LOADERS).sort()).toEqual(expected);
    expect(
      readdirSync(join(root, 'src/schemas/generated'))
        .map((name) => `src/schemas/generated/${name}`)
        .sort(),
    ).toEqual(expected);
  });

  it.each([...built.entries()].map(([path, content]) => [path, content] as const))(
    '%s is up to date with its schema (run node scripts/build-schemas.mjs)',
    (path, content) => {
      expect(readRepoFile(path) === content).toBe(true);
    },
  );

  it('import nothing at run time (no Ajv, no helpers) and export a typed validator and the root schema', () => {
    for (const { module, schema } of modules) {
      const code = readRepoFile(`src/schemas/generated/${module}.ts`);
      expect(code).toMatch(/^\/\/ @ts-nocheck\b/m);
      expect(code).toMatch(/^export const validate: SchemaValidator = validate\d+;$/m);
      expect(code).toMatch(/^export const schema: Record<string, unknown> = \w+;$/m);
      expect(code).not.toMatch(/\brequire\s*\(/);
      // Only the type import, which compilation erases.
      expect(code.match(/^\s*import\b.*$/gm)).toEqual(["import type { SchemaValidator } from '../validator.js';"]);
      expect(readRepoFile(schema)).toContain(`"$id"`);
    }
  });

  it('export the schema they were compiled from', () => {
    expect(valuesModule.schema).toEqual(JSON.parse(readRepoFile('schemas/values-0.34.0.schema.json')));
    expect(knownKeysAt(valuesModule.schema, ['server', 'ha'])).toContain('replicas');
  });

  it('are part of the build (tsc -p tsconfig.build.json compiles them into dist/)', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.build.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    const files = new Set((parsed?.fileNames ?? []).map((file) => file.slice(root.length)));
    for (const { module } of modules) expect(files.has(`src/schemas/generated/${module}.ts`), module).toBe(true);
    expect(parsed?.options.allowJs).not.toBe(true);
  });

  it('compile with TypeScript into modules that load in plain Node ESM, outside the test bundler', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-lint-generated-'));
    try {
      // The build compiles every module (the test above); two of them, loaded here, stand for the rest.
      for (const module of ['vault-config', 'values-0.34.0']) {
        const source = readRepoFile(`src/schemas/generated/${module}.ts`);
        const output = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
          fileName: `${module}.ts`,
        });
        writeFileSync(join(dir, `${module}.js`), output.outputText);
      }
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      const program = `
        const { validate, schema } = await import('./vault-config.js');
        const { validate: values } = await import('./values-0.34.0.js');
        const ok = validate({ storage: { raft: { path: '/vault/data' } } });
        const bad = values({ server: { ha: { replica: 3 } } });
        console.log(JSON.stringify({ ok, bad, error: values.errors[0].params.additionalProperty, id: schema.$id }));
      `;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: dir, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        ok: true,
        bad: false,
        error: 'replica',
        id: 'urn:vault-lint:schema:vault-config',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the --check mode agrees', () => {
    const result = spawnSync(process.execPath, ['scripts/build-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
