import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import type { Location, Origin } from '../../src/engine/types.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const GUIDE = 'fixtures/guide/override-values.yml';

async function cli(args: string[], options: { stdin?: string; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => options.stdin ?? '',
    env: {},
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vault-lint-render-'));
}

/** The lines of one `==> title <==` section of the render output. */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`==> ${title}`));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('==> '));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  while (body.at(-1) === '') body.pop();
  return body;
}

function golden(name: string, actual: string): void {
  const path = join(ROOT, 'fixtures/_cli', name);
  if (process.env.UPDATE_GOLDENS === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('vault-lint render goldens', () => {
  it('renders a standalone release: file storage, placeholders and Helm actions noted', async () => {
    const { code, stdout, stderr } = await cli([
      'render',
      'fixtures/_cli/render/standalone.values.yaml',
      '--release-name',
      'prod',
      '--namespace',
      'vault',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    golden('render-standalone.txt', stdout);
  });

  it('renders the guide example (HA raft), appending disable_mlock as chart 0.34.1 does', async () => {
    const { code, stdout } = await cli(['render', GUIDE]);
    expect(code).toBe(0);
    golden('render-ha-raft.txt', stdout);
  });

  it('renders a layered release with --show-origin: two files, a null, list replacement, --set and --set-string', async () => {
    const args = [
      'render',
      '-f',
      'fixtures/_cli/render/base.values.yaml',
      '-f',
      'fixtures/_cli/render/prod.values.yaml',
      '--set',
      'server.image.tag=1.16.1,server.ha.replicas=5',
      '--set-string',
      'server.extraEnvironmentVars.VAULT_LOG_LEVEL=info',
      '--namespace',
      'vault',
      '--show-origin',
    ];
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    golden('render-layered.txt', stdout);
  });
});

describe('vault-lint render', () => {
  it('shows the config the chart renders and where each line comes from', async () => {
    const { stdout } = await cli(['render', GUIDE, '--show-origin']);
    const config = section(stdout, 'Vault config');
    expect(config[0]).toBe(`${GUIDE}:71:9`.padEnd(config[0]!.indexOf('ui = true')) + 'ui = true');
    expect(config.at(-1)).toMatch(/^chart template +disable_mlock = true$/);
    const values = section(stdout, 'Effective values');
    expect(values).toContainEqual(expect.stringMatching(new RegExp(`^${GUIDE.replace(/\./g, '\\.')}:17:10 +  tag: 1\\.16\\.1-ent$`)));
    expect(values).toContainEqual(expect.stringMatching(/^chart default + {2}updateStrategyType: OnDelete$/));
  });

  it('prepends disable_mlock for chart 0.28.0', async () => {
    const { stdout } = await cli(['render', GUIDE, '--chart-version', '0.28.0']);
    const config = section(stdout, 'Vault config');
    expect(config.slice(0, 2)).toEqual(['disable_mlock = true', 'ui = true']);
    expect(config.filter((line) => line === 'disable_mlock = true')).toHaveLength(1);
    expect(section(stdout, 'Notes')[0]).toBe('- Chart 0.28.0 prepends disable_mlock = true');
  });

  it('layers positional files after -f files and --set after all files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'server:\n  image:\n    tag: "1.0.0"\n');
    writeFileSync(join(dir, 'b.yaml'), 'server:\n  image:\n    tag: "2.0.0"\n');
    const { stdout } = await cli(
      ['render', 'b.yaml', '-f', 'a.yaml', '--set-string', 'server.image.tag=4.0.0', '--set', 'server.image.tag=3.0.0', '--show-origin'],
      { cwd: dir },
    );
    expect(stdout).toContain(
      '# Layers, later wins: chart defaults 0.34.1, a.yaml, b.yaml, --set server.image.tag=3.0.0, --set-string server.image.tag=4.0.0\n',
    );
    expect(section(stdout, 'Effective values')).toContainEqual(
      expect.stringMatching(/^--set-string server\.image\.tag=4\.0\.0 + {4}tag: 4\.0\.0$/),
    );
  });

  it('renders the chart defaults alone when given no layers', async () => {
    const { code, stdout } = await cli(['render']);
    expect(code).toBe(0);
    expect(section(stdout, 'Vault config: server.standalone.config (HCL)')).toContain('  tls_disable = 1');
  });

  it('exits 1 and says why when Helm would refuse the config', async () => {
    const { code, stdout } = await cli(['render', GUIDE, '--set', 'server.ha.raft.config=null']);
    expect(code).toBe(1);
    expect(section(stdout, 'Vault config')).toEqual([
      '# Helm fails to render the config: Chart 0.34.1 refuses null at "server.ha.raft.config": structured server config is not supported, value must be a string',
    ]);
  });

  it('exits 1 with the position when a layer does not parse', async () => {
    const { code, stdout, stderr } = await cli(['render', '-', '--set', 'server.ha'], { stdin: 'server:\n  ha:\n\tenabled: true\n' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(/^vault-lint: cannot render: <stdin>:3:1: Invalid YAML/);
  });

  it('renders a file with a duplicate key (Helm takes the last), but not a --set Helm refuses', async () => {
    const duplicate = await cli(['render', '-'], { stdin: 'server:\n  image:\n    tag: "1.0.0"\n    tag: "1.16.1"\n' });
    expect(duplicate.code).toBe(0);
    expect(section(duplicate.stdout, 'Effective values')).toContain('    tag: 1.16.1');
    const refused = await cli(['render', '-', '--set', 'server.image.tag.x=1'], { stdin: 'server:\n  image:\n    tag: "1.16.1"\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'vault-lint: cannot render: --set server.image.tag.x=1:1:14: Invalid --set argument: "server.image.tag" is a string in <stdin>, not a map, so Helm refuses to set a value inside it\n',
    );
  });

  it('masks secrets in the values, the config and the --set label', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'values.yaml'),
      'server:\n  standalone:\n    config: |\n      seal "awskms" {\n        secret_key = "wJalrXUtnFEMI/K7MDENG"\n      }\n      storage "file" { path = "/vault/data" }\n',
    );
    const { stdout } = await cli(
      ['render', 'values.yaml', '--set', 'server.extraEnvironmentVars.VAULT_TOKEN=hvs.fake-render-token', '--show-origin'],
      { cwd: dir },
    );
    expect(stdout).not.toContain('wJalrXUtnFEMI/K7MDENG');
    expect(stdout).not.toContain('hvs.fake-render-token');
    expect(stdout).toContain('--set server.extraEnvironmentVars.VAULT_TOKEN=*********************');
    expect(section(stdout, 'Vault config')).toContainEqual(expect.stringMatching(/ {2}secret_key = "\*\*\*\*"$/));
  });

  it('rejects lint-only options with one line, and prints its own help', async () => {
    const bad = await cli(['render', GUIDE, '-o', 'json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('vault-lint: Unknown option "-o"; see vault-lint render --help\n');
    const help = await cli(['render', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--show-origin');
    expect(help.stdout).toContain('--set-file');
  });
});

describe('--set on the lint command line', () => {
  async function findings(args: string[], cwd = ROOT): Promise<string[]> {
    const { stdout } = await cli([...args, '-o', 'json', '--rule', 'image-tag-pinned=error'], { cwd });
    return (JSON.parse(stdout) as { results: { findings: { ruleId: string; location: Location }[] }[] }).results.flatMap((result) =>
      result.findings.map(({ ruleId, location }) => {
        const where =
          location.kind === 'set' ? `#${location.index} ${location.argument} (onto ${location.onto ?? 'nothing'})` : location.file;
        return `${ruleId} ${where}:${location.line}:${location.column}`;
      }),
    );
  }

  it('points a finding at the value inside the --set argument', async () => {
    const out = await findings(['-f', 'fixtures/_cli/production.values.yaml', '--set', 'server.image.tag=latest']);
    expect(out).toEqual(['image-tag-pinned #1 --set server.image.tag=latest (onto fixtures/_cli/production.values.yaml):1:18']);
  });

  it('applies --set-string after --set whatever the order on the command line, as Helm does', async () => {
    const out = await findings([
      'fixtures/_cli/production.values.yaml',
      '--set-string',
      'server.image.tag=1.16.1',
      '--set',
      'server.image.tag=latest',
    ]);
    expect(out).toEqual([]);
  });

  it('applies --set to each positional release', async () => {
    const dir = tempDir();
    const production = readFileSync(join(ROOT, 'fixtures/_cli/production.values.yaml'), 'utf8');
    writeFileSync(join(dir, 'eu.yaml'), production);
    writeFileSync(join(dir, 'us.yaml'), production);
    const out = await findings(['eu.yaml', 'us.yaml', '--set', 'server.image.tag=latest'], dir);
    expect(out).toEqual([
      'image-tag-pinned #1 --set server.image.tag=latest (onto eu.yaml):1:18',
      'image-tag-pinned #1 --set server.image.tag=latest (onto us.yaml):1:18',
    ]);
  });

  it('builds a release from the chart defaults and the sets alone', async () => {
    const { code, stdout } = await cli(['--set', 'server.dev.enabled=true', '-o', 'json', '--rule', 'ha-replicas=error']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout).results;
    expect(results.map((result: Origin) => result)).toEqual([
      expect.objectContaining({ kind: 'set', index: 1, argument: '--set server.dev.enabled=true' }),
    ]);
    expect(results[0]).not.toHaveProperty('onto');
    expect(results[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain('ha-replicas');
  });

  it('reads --set-file relative to the working directory, and never writes the report over it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'values.yaml'), readFileSync(join(ROOT, 'fixtures/_cli/production.values.yaml'), 'utf8'));
    writeFileSync(
      join(dir, 'raft.hcl'),
      'listener "tcp" {\n  address = "[::]:8200"\n  tls_disable = "true"\n}\nstorage "raft" { path = "/vault/data" }\n',
    );
    const out = await findings(['-f', 'values.yaml', '--set-file', 'server.ha.raft.config=raft.hcl', '--rule', 'tls-enabled=error'], dir);
    expect(out).toContain('tls-enabled #1 --set-file server.ha.raft.config=raft.hcl (onto values.yaml):1:23');
    const refused = await cli(['-f', 'values.yaml', '--set-file', 'server.ha.raft.config=raft.hcl', '--output-file', 'raft.hcl'], {
      cwd: dir,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refusing to write the report over the input file "raft.hcl"/);
  });

  it('exits 2 when a --set-file cannot be read', async () => {
    const { code, stderr } = await cli([GUIDE, '--set-file', 'server.ha.raft.config=missing.hcl']);
    expect(code).toBe(2);
    expect(stderr).toBe('vault-lint: cannot read "missing.hcl" for --set-file: no such file or directory\n');
  });
});
