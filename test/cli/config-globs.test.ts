import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configForFile, type LintConfig } from '../../src/cli/config-file.js';

// Counts how often the config's globs are compiled, around the real picomatch.
const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('picomatch', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
  return {
    default: (...args: unknown[]) => {
      compiled.count++;
      return real(...args);
    },
  };
});

const folder = join('/', 'repo');
const config = (overrides: LintConfig['overrides'], ignores: string[]): LintConfig => ({
  path: join(folder, '.vault-lint.yaml'),
  rules: { 'ha-replicas': 'warning' },
  overrides,
  ignores,
  releases: {},
  addedRules: [],
});

describe('configForFile', () => {
  beforeEach(() => {
    compiled.count = 0;
  });

  it('compiles the globs of a config once, however many files it governs', async () => {
    const loaded = config(
      [
        { files: ['env/dev/**'], rules: { 'tls-enabled': 'off' } },
        { files: ['env/*/values.yaml', 'legacy/**'], rules: { 'ha-replicas': 'off' } },
      ],
      ['vendor/**'],
    );
    const decide = (file: string) => configForFile(loaded, join(folder, file));
    expect(await decide('env/dev/values.yaml')).toEqual({ ignored: false, rules: { 'ha-replicas': 'off', 'tls-enabled': 'off' } });
    expect(await decide('env/prod/values.yaml')).toEqual({ ignored: false, rules: { 'ha-replicas': 'off' } });
    expect(await decide('legacy/a/values.yaml')).toEqual({ ignored: false, rules: { 'ha-replicas': 'off' } });
    expect(await decide('vendor/.hidden/values.yaml')).toEqual({ ignored: true, rules: { 'ha-replicas': 'warning' } });
    expect(await decide('values.yaml')).toEqual({ ignored: false, rules: { 'ha-replicas': 'warning' } });
    // Outside the config's folder no glob matches.
    expect(await decide('../vendor/values.yaml')).toEqual({ ignored: false, rules: { 'ha-replicas': 'warning' } });
    // ignores, and each override's files: three matchers for six files.
    expect(compiled.count).toBe(3);
  });

  it('compiles each config of its own, and none for a config without globs', async () => {
    await configForFile(config([], []), join(folder, 'values.yaml'));
    expect(compiled.count).toBe(0);
    const other = config([], ['vendor/**']);
    await configForFile(other, join(folder, 'vendor/values.yaml'));
    await configForFile(other, join(folder, 'values.yaml'));
    expect(compiled.count).toBe(1);
  });
});
