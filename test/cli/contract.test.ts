/**
 * The CLI's contract on hostile inputs and surroundings: every input is read up to a limit,
 * the report never lands on an input, and the exit code is 0, 1 or 2 whatever happens.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileBounded, readStreamBounded } from '../../src/cli/input.js';
import { describeFailure } from '../../src/cli/errors.js';
import { RuleCrashError } from '../../src/engine/run.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/engine/limits.js';
import { GUIDE, ROOT, runCli, runShell, tempDir } from '../helpers/cli.js';

const hasDevices = existsSync('/dev/zero') && existsSync('/dev/full');

interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  location: { file: string; line: number };
}
function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { results: { findings: JsonFinding[] }[] }).results.flatMap((result) => result.findings);
}

describe('--max-file-size: inputs are read up to a limit, and a larger one is a finding', () => {
  it('defaults to 5 MiB', () => {
    expect(DEFAULT_MAX_FILE_SIZE).toBe(5 * 1024 * 1024);
  });

  it('reads a file of exactly the limit and reports one byte more as yaml-syntax/fileTooLarge', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fits.yaml'), `a: ${'x'.repeat(97)}`);
    writeFileSync(join(dir, 'over.yaml'), `a: ${'x'.repeat(98)}`);
    const { code, stdout } = await runCli(
      ['fits.yaml', 'over.yaml', '--max-file-size', '100', '-o', 'json', '--rule', 'values-schema=off'],
      { cwd: dir },
    );
    expect(code).toBe(1);
    const over = findings(stdout).filter((finding) => finding.location.file === 'over.yaml');
    expect(over).toEqual([
      expect.objectContaining({
        ruleId: 'yaml-syntax',
        messageId: 'fileTooLarge',
        severity: 'error',
        message: 'File is larger than the 100 bytes limit and was not checked',
      }),
    ]);
    expect(findings(stdout).some((finding) => finding.location.file === 'fits.yaml' && finding.ruleId === 'yaml-syntax')).toBe(false);
  });

  it.runIf(hasDevices)('reads /dev/zero only up to the limit', async () => {
    const { code, stdout } = await runCli(['/dev/zero', '--max-file-size', '1KiB', '-o', 'json']);
    expect(code).toBe(1);
    expect(findings(stdout).map((finding) => [finding.location.file, finding.messageId, finding.message])).toEqual([
      ['/dev/zero', 'fileTooLarge', 'File is larger than the 1 KiB limit and was not checked'],
    ]);
  });

  it.runIf(hasDevices)('reads --set-file k=/dev/zero only up to the limit and reports it on that argument', async () => {
    const { code, stdout } = await runCli([GUIDE, '--set-file', 'server.x=/dev/zero', '--max-file-size', '64KiB', '-o', 'json']);
    expect(code).toBe(1);
    expect(
      findings(stdout)
        .filter((finding) => finding.messageId === 'fileTooLarge')
        .map((finding) => finding.location),
    ).toEqual([
      { kind: 'set', index: 1, argument: '--set-file server.x=/dev/zero', onto: GUIDE, line: 1, column: 1, endLine: 1, endColumn: 1 },
    ]);
  });

  it('reports standard input larger than the limit', async () => {
    const { code, stdout } = await runCli(['-', '--max-file-size', '10', '-o', 'json'], { stdin: 'server: {}\n# padding\n' });
    expect(code).toBe(1);
    expect(findings(stdout).map((finding) => [finding.location.file, finding.messageId])).toEqual([['<stdin>', 'fileTooLarge']]);
  });

  it('stops reading an endless stream one byte past the limit', async () => {
    let chunks = 0;
    async function* endless() {
      for (;;) {
        chunks += 1;
        yield Buffer.alloc(1000, 0x61);
      }
    }
    const text = await readStreamBounded(endless(), 4500);
    expect(Buffer.byteLength(text)).toBe(4501);
    expect(chunks).toBe(5);
  });

  it('reports a sparse 1 GiB file without reading it', () => {
    const dir = tempDir();
    const path = join(dir, 'big.yaml');
    writeFileSync(path, '');
    // truncate extends the file without writing its bytes.
    runShell(`truncate -s 1G big.yaml`, dir);
    expect(readFileBounded(path, 'big.yaml', 1024)).toEqual({ text: undefined, tooLarge: true });
  });

  it('rejects a size it cannot read as one usage line', async () => {
    const { code, stderr } = await runCli([GUIDE, '--max-file-size', 'lots']);
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: Invalid --max-file-size "lots"; expected bytes or a size such as 512KiB or 5MiB\n');
  });
});

describe('--max-findings-per-file: findings past the limit become one finding counting them', () => {
  it('keeps the first findings and says how many were left out, at the severity of the worst of them', async () => {
    const all = findings((await runCli([GUIDE, '-o', 'json'])).stdout);
    const { code, stdout } = await runCli([GUIDE, '-o', 'json', '--max-findings-per-file', '2']);
    expect(code).toBe(1);
    const shown = findings(stdout);
    expect(shown.slice(0, 2)).toEqual(all.slice(0, 2));
    expect(shown).toHaveLength(3);
    const left = all.slice(2);
    expect(shown[2]).toMatchObject({
      ruleId: 'vault-lint',
      messageId: 'findingsLimit',
      severity: left.some((f) => f.severity === 'error') ? 'error' : 'warning',
      location: { line: left[0]!.location.line },
    });
    expect(shown[2]!.message).toMatch(
      new RegExp(`^${left.length} more findings in this file \\(.*\\) left out: at most 2 per file are reported$`),
    );
  });
});

describe('many-file runs: each file is reported before the next is read', () => {
  it.each(['stylish', 'json', 'sarif', 'github'])('%s', async (format) => {
    // Standard input as the second target: when it is read, the first file's part must be out already.
    let writtenBeforeSecond = '';
    const writes: string[] = [];
    const run = await runCli([GUIDE, '-', '-o', format], {
      writes,
      readStdin: async () => {
        writtenBeforeSecond = writes.join('');
        return 'server:\n  ha:\n    enabled: true\n';
      },
    });
    expect(run.code).toBe(1);
    expect(writtenBeforeSecond).toContain(
      format === 'sarif' ? 'override-values.yml' : format === 'github' ? 'title=private-load-balancer' : 'private-load-balancer',
    );
    expect(writtenBeforeSecond).not.toContain('stdin');
    expect(run.stdout).toContain('stdin');
  });
});

describe('--output-file never writes over an input', () => {
  function setup() {
    const dir = tempDir();
    copyFileSync(join(ROOT, GUIDE), join(dir, 'values.yaml'));
    const original = readFileSync(join(dir, 'values.yaml'), 'utf8');
    return { dir, original };
  }

  it.each([
    ['a symbolic link to the input', (dir: string) => symlinkSync('values.yaml', join(dir, 'link.yaml')), 'link.yaml'],
    ['a hard link to the input', (dir: string) => linkSync(join(dir, 'values.yaml'), join(dir, 'hard.yaml')), 'hard.yaml'],
    ['the input through a symlinked folder', (dir: string) => symlinkSync(dir, join(dir, 'alias')), 'alias/values.yaml'],
    ['the input written another way', () => undefined, './sub/../values.yaml'],
  ])('refuses %s', async (_, prepare, output) => {
    const { dir, original } = setup();
    mkdirSync(join(dir, 'sub'));
    prepare(dir);
    const { code, stderr } = await runCli(['values.yaml', '--output-file', output], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(`vault-lint: Refusing to write the report over the input file ${JSON.stringify(output)}\n`);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(original);
  });

  it('refuses a hard link to a -f or --set-file input too', async () => {
    const { dir } = setup();
    writeFileSync(join(dir, 'config.hcl'), 'ui = true\n');
    linkSync(join(dir, 'config.hcl'), join(dir, 'report.txt'));
    const { code, stderr } = await runCli(
      ['-f', 'values.yaml', '--set-file', 'server.ha.raft.config=config.hcl', '--output-file', 'report.txt'],
      { cwd: dir },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/Refusing to write the report over the input file "report.txt"/);
    expect(readFileSync(join(dir, 'config.hcl'), 'utf8')).toBe('ui = true\n');
  });

  it('replaces a report only when the run completes, leaving no temporary file', async () => {
    const { dir } = setup();
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'report.json'), 'previous');
    // -f of a folder fails after the report was opened: the previous report stays.
    const failed = await runCli(['values.yaml', '-f', 'folder', '-o', 'json', '--output-file', 'report.json'], { cwd: dir });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('vault-lint: cannot read "folder": illegal operation on a directory\n');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('previous');
    const done = await runCli(['values.yaml', '-o', 'json', '--output-file', 'report.json'], { cwd: dir });
    expect(done.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).results[0].file).toBe('values.yaml');
    expect(readdirSync(dir).sort()).toEqual(['folder', 'report.json', 'sub', 'values.yaml'].filter((name) => name !== 'sub'));
  });

  it.runIf(hasDevices)('says the disk is full in one line, exit 2', async () => {
    const { code, stderr } = await runCli([GUIDE, '--output-file', '/dev/full']);
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: cannot write report to "/dev/full": no space left on device\n');
  });
});

describe('exit contract: 0, 1 or 2 with one line, whatever the surroundings do', () => {
  it('names what failed for an environment error, and prints the stack only with --debug', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder'));
    const plain = await runCli(['-f', 'folder'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('vault-lint: cannot read "folder": illegal operation on a directory\n');
    const debug = await runCli(['-f', 'folder', '--debug'], { cwd: dir });
    expect(debug.code).toBe(2);
    const [first, ...stack] = debug.stderr.trimEnd().split('\n');
    expect(first).toBe('vault-lint: cannot read "folder": illegal operation on a directory');
    expect(stack.some((line) => /^\s+at /.test(line))).toBe(true);
  });

  it('keeps a file name with a line break on one line of standard error', async () => {
    const { code, stderr } = await runCli(['missing\n::error::forged.yaml'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: No such file or directory: "missing\\n::error::forged.yaml"\n');
  });

  it('names a crashing rule', () => {
    expect(describeFailure(new RuleCrashError('tls-enabled', new Error('boom')), false)).toBe(
      'vault-lint: internal error in rule "tls-enabled": boom\n',
    );
  });

  describe.runIf(hasDevices)('the built CLI', () => {
    function manyFiles(count: number, source: string): string {
      const dir = tempDir();
      for (let i = 0; i < count; i += 1) copyFileSync(join(ROOT, source), join(dir, `v${String(i).padStart(3, '0')}.yaml`));
      return dir;
    }

    it('ends quietly with the computed code when the reader stops early (EPIPE)', () => {
      // 40 reports of the guide example are far more than a pipe holds, so the writer meets the closed pipe.
      const dir = manyFiles(40, GUIDE);
      const failing = runShell('node "$VAULT_LINT" . | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}"', dir);
      expect(failing.stderr).toBe('');
      expect(failing.stdout.trim()).toBe('1');
      // The guide's one error lowered to a warning: the same output, and exit 0 despite the closed pipe.
      const passing = runShell(
        'node "$VAULT_LINT" . --rule private-load-balancer=warning | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}"',
        dir,
      );
      expect(passing.stderr).toBe('');
      expect(passing.stdout.trim()).toBe('0');
    });

    it('says the disk is full when standard output cannot be written (ENOSPC), exit 2', () => {
      const result = runShell(`node "$VAULT_LINT" "${join(ROOT, GUIDE)}" > /dev/full; echo "$?"`, tempDir());
      expect(result.stderr).toBe('vault-lint: cannot write report: no space left on device\n');
      expect(result.stdout.trim()).toBe('2');
    });
  });
});
