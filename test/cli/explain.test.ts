import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, runShell } from '../helpers/cli.js';

describe('vault-lint explain', () => {
  it('prints the rule documentation page, from the sources and from the built command', async () => {
    const page = readFileSync(join(ROOT, 'rules/tls-min-version.md'), 'utf8');
    const run = await runCli(['explain', 'tls-min-version']);
    expect(run).toMatchObject({ code: 0, stdout: page, stderr: '' });
    const built = runShell('node bin/vault-lint.js explain tls-min-version', ROOT);
    expect(built.status).toBe(0);
    expect(built.stdout).toBe(page);
  });

  it('names the nearest rule for a misspelt id, and exits 2 on a missing one', async () => {
    const typo = await runCli(['explain', 'tls-min-versoin']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'vault-lint: Unknown rule "tls-min-versoin"; did you mean "tls-min-version"? (vault-lint --list-rules lists them)\n',
    );
    const none = await runCli(['explain']);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: 'vault-lint: Usage: vault-lint explain <rule-id>\n' });
  });
});
