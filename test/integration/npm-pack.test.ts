import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The `npm test` that runs this suite passes its npm settings on in npm_* variables.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

function npm(args: string[]) {
  const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/**
 * What the package ships, from `npm pack --dry-run` over this checkout's build (scripts off, so the
 * dist/ other tests run is not rebuilt). Installing the packed package for real is the pre-commit
 * test's job (test/integration/pre-commit.test.ts), which also sees that `npm pack` prints the
 * tarball's name alone (npm 11, with its default settings, prints the `prepare` banner there too).
 */
describe('the npm package', { timeout: 60_000 }, () => {
  it('ships the command, the build, schemas, rule pages, licence and readme; no tests or fixtures', () => {
    const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'])) as { files: { path: string }[] }[];
    const paths = pack!.files.map((file) => file.path);
    const tops = new Set(paths.map((path) => path.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'rules', 'schemas']);
    expect(paths.filter((path) => path.startsWith('rules/') && !path.endsWith('.md'))).toEqual([]);
    expect(paths).toContain('dist/bundle/vault-lint.js');
    expect(paths).toContain('bin/vault-lint.js');
    // The build's incremental state (tsconfig.build.json) stays out of the package.
    expect(paths.filter((path) => path.endsWith('.tsbuildinfo'))).toEqual([]);
  });
});
