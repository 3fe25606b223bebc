import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface BuildScript {
  buildSchemas(): Map<string, string>;
  SCHEMAS: { schema: string; module: string }[];
}

// A .mjs script has no type declarations; importing it through a URL string keeps tsc out of it.
const scriptUrl: string = new URL('../../scripts/build-schemas.mjs', import.meta.url).href;
const script = (await import(scriptUrl)) as BuildScript;

describe('generated validators', () => {
  const built = script.buildSchemas();

  it('exist for every schema, as a module and its declaration', () => {
    expect([...built.keys()].sort()).toEqual([
      'src/schemas/generated/values-0.28.0.d.ts',
      'src/schemas/generated/values-0.28.0.js',
      'src/schemas/generated/values-0.34.1.d.ts',
      'src/schemas/generated/values-0.34.1.js',
      'src/schemas/generated/vault-config.d.ts',
      'src/schemas/generated/vault-config.js',
    ]);
  });

  it.each([...built.entries()].map(([path, content]) => [path, content] as const))(
    '%s is up to date with its schema (run node scripts/build-schemas.mjs)',
    (path, content) => {
      expect(readRepoFile(path) === content).toBe(true);
    },
  );

  it('import nothing at run time: no Ajv, no runtime helpers', () => {
    for (const { module } of script.SCHEMAS) {
      const code = readRepoFile(`src/schemas/generated/${module}.js`);
      expect(code).toMatch(/^export const validate = /m);
      expect(code).not.toMatch(/\brequire\s*\(/);
      expect(code).not.toMatch(/^\s*import\b/m);
    }
  });

  it('load in plain Node ESM, outside the test bundler', () => {
    const program = `
      const { validate } = await import('./src/schemas/generated/vault-config.js');
      const { validate: values } = await import('./src/schemas/generated/values-0.34.1.js');
      const ok = validate({ storage: { raft: { path: '/vault/data' } } });
      const bad = values({ server: { ha: { replica: 3 } } });
      console.log(JSON.stringify({ ok, bad, error: values.errors[0].params.additionalProperty }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, bad: false, error: 'replica' });
  });

  it('the --check mode agrees', () => {
    const result = spawnSync(process.execPath, ['scripts/build-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
