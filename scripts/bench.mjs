// Start-up and throughput benchmark. Targets (not tests): a one-file run within 2x of a bare
// `node -e 0`; 1,000 files in one run well under what generic YAML linters take.
// Usage: npm run bench [-- --runs 15 --files 1000]
// Optional: SPECTRAL_BIN=/path/to/spectral to time Spectral on the same 1,000 files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const runs = option('runs', 15);
const fileCount = option('files', 1000);
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/vault-lint.js');
if (!existsSync(join(root, 'dist/src/cli/main.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

function time(command, commandArgs) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, command, commandArgs, count = runs) {
  time(command, commandArgs); // warm the file cache
  const samples = Array.from({ length: count }, () => time(command, commandArgs));
  const result = { label, median: median(samples), min: Math.min(...samples) };
  console.log(`${label.padEnd(44)} median ${result.median.toFixed(1).padStart(8)} ms   min ${result.min.toFixed(1).padStart(8)} ms`);
  return result;
}

const node = measure('node -e 0', process.execPath, ['-e', '0']);
const one = measure('vault-lint <guide example>', process.execPath, [bin, 'fixtures/guide/override-values.yml']);
const sarif = measure('vault-lint -o sarif <guide example>', process.execPath, [bin, '-o', 'sarif', 'fixtures/guide/override-values.yml']);
const ratio = one.median / node.median;
console.log(`one-file run / bare node: ${ratio.toFixed(2)}x (target <= 2x) ${ratio <= 2 ? 'OK' : 'OVER'}`);

// 1,000 realistic values files: the fixtures, cycled.
const sources = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('_')) walk(path);
    else if (/\.ya?ml$/.test(entry.name)) sources.push(readFileSync(path, 'utf8'));
  }
};
walk(join(root, 'fixtures'));
const dir = mkdtempSync(join(tmpdir(), 'vault-lint-bench-'));
try {
  for (let i = 0; i < fileCount; i++) writeFileSync(join(dir, `values-${String(i).padStart(4, '0')}.yaml`), sources[i % sources.length]);
  const many = measure(`vault-lint <${fileCount} files>`, process.execPath, [bin, '-o', 'json', dir], 3);
  console.log(`per file: ${(many.median / fileCount).toFixed(2)} ms`);
  if (process.env.SPECTRAL_BIN) {
    const ruleset = join(dir, '.spectral.yaml');
    writeFileSync(ruleset, 'extends: []\nrules: {}\n');
    measure(`spectral lint <${fileCount} files>`, process.env.SPECTRAL_BIN, ['lint', '--ruleset', ruleset, join(dir, '*.yaml')], 1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
void sarif;
