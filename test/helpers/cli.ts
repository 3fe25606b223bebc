import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const GUIDE = 'fixtures/guide/override-values.yml';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Each piece written to standard output, in order. */
  writes: string[];
}

/** Run the CLI in process with captured output; `stdin` is what standard input holds. */
export async function runCli(
  args: string[],
  options: { stdin?: string; cwd?: string; readStdin?: CliIo['readStdin']; writes?: string[] } = {},
): Promise<CliRun> {
  const writes = options.writes ?? [];
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => writes.push(text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: options.readStdin ?? (async () => options.stdin ?? ''),
    env: {},
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(args, io);
  return { code, stdout: writes.join(''), stderr, writes };
}

/** Run the built CLI (`bin/vault-lint.js`, so `npm run build` first) through bash, for pipes and redirections. */
export function runShell(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, VAULT_LINT: join(ROOT, 'bin/vault-lint.js'), NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vault-lint-test-'));
}
