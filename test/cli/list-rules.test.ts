import { describe, expect, it } from 'vitest';
import { rules as registry } from '../../rules/index.js';
import { runCli } from '../helpers/cli.js';

describe('--list-rules', () => {
  const ids = registry.map((rule) => rule.id);

  it('lists every registered rule once, sorted by id, with its default severity', async () => {
    const run = await runCli(['--list-rules']);
    expect(run.code).toBe(0);
    const listed = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/));
    expect(listed.map(([id]) => id)).toEqual([...ids].sort());
    const tls = listed.find(([id]) => id === 'tls-enabled');
    expect(tls?.[1]).toBe('error');
  });

  it('prints a JSON array with -o json', async () => {
    const run = await runCli(['--list-rules', '-o', 'json']);
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as { id: string; severity: string; guide: string }[];
    expect(entries.map((entry) => entry.id)).toEqual([...ids].sort());
    expect(entries.find((entry) => entry.id === 'tls-enabled')).toMatchObject({ severity: 'error', guide: 'Vault listener' });
  });

  it('lists only the rules with a tag given by --tag', async () => {
    const run = await runCli(['--list-rules', '--tag', 'tls', '-o', 'json']);
    const entries = JSON.parse(run.stdout) as { id: string; tags: string[] }[];
    const expected = registry
      .filter((rule) => rule.meta.tags.includes('tls'))
      .map((rule) => rule.id)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.id)).toEqual(expected);
  });
});
