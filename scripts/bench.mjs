// Start-up, throughput and memory benchmark. Targets are ratios measured in one run, so a busy or
// slow machine moves both sides alike:
//   - one file: at most 1.6x a bare `node -e 0`;
//   - 1,000 files: at least 30x faster than Spectral 6 with an equivalent YAML-level ruleset for the
//     seven core checks (bench/spectral-ruleset.yaml), and at most 100 MiB peak RSS;
//   - 1,000 files take at most 5.5x the time of 200 files once start-up is taken off;
//   - the same with a new secret in every file, so that masking stays linear as the run's secrets grow.
// Usage: npm run bench [-- --runs 15 --no-spectral]
// Spectral is installed under bench/ by this script only (bench/package.json); nothing else needs it.
// Writes bench/RESULTS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const runs = option('runs', 15);
const withSpectral = !args.includes('--no-spectral');
const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'bench');
const bin = join(root, 'bin/vault-lint.js');
const guide = 'fixtures/guide/override-values.yml';
if (!existsSync(join(root, 'dist/src/cli/main.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const spectralBin = join(benchDir, 'node_modules/.bin/spectral');
if (withSpectral && !existsSync(spectralBin)) {
  console.log('installing Spectral under bench/ (once)...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: benchDir, stdio: 'inherit' });
}

// GNU time reports the peak RSS of the command it runs; without it, memory is not measured.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function once(command, commandArgs) {
  const argv = gnuTime ? [gnuTime, ['-f', '%M', command, ...commandArgs]] : [command, commandArgs];
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv[1], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString();
  const status = gnuTime ? Number(/exit status (\d+)/.exec(stderr)?.[1] ?? result.status) : result.status;
  if (status !== 0 && status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} exited ${status}: ${stderr.slice(0, 2000)}`);
  const lastLine = stderr.trim().split('\n').pop() ?? '';
  const rssKiB = gnuTime && /^\d+$/.test(lastLine) ? Number(lastLine) : undefined;
  return { ms, rssKiB };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const rows = [];
function measure(label, command, commandArgs, count = runs) {
  once(command, commandArgs); // warm the file cache
  const samples = Array.from({ length: count }, () => once(command, commandArgs));
  const times = samples.map((sample) => sample.ms);
  const rss = samples.map((sample) => sample.rssKiB).filter((value) => value !== undefined);
  const result = {
    label,
    runs: count,
    median: median(times),
    min: times.reduce((a, b) => Math.min(a, b)),
    peakMiB: rss.length ? rss.reduce((a, b) => Math.max(a, b)) / 1024 : undefined,
  };
  rows.push(result);
  const peak = result.peakMiB === undefined ? '' : `   peak ${result.peakMiB.toFixed(0).padStart(5)} MiB`;
  console.log(`${label.padEnd(40)} median ${result.median.toFixed(1).padStart(9)} ms   min ${result.min.toFixed(1).padStart(9)} ms${peak}`);
  return result;
}

// Realistic values files: the fixtures, cycled.
const sources = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('_')) walk(path);
    else if (/\.values\.ya?ml$|override-values\.yml$/.test(entry.name)) sources.push(readFileSync(path, 'utf8'));
  }
};
walk(join(root, 'fixtures'));

function corpus(count, text = (i) => sources[i % sources.length]) {
  const dir = mkdtempSync(join(tmpdir(), 'vault-lint-bench-'));
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `values-${String(i).padStart(4, '0')}.yaml`), text(i));
  return dir;
}

// Every file brings a secret of its own, and repeats the one of the file before it in a comment.
const withSecret = (i) =>
  `server:\n  extraEnvironmentVars:\n    VAULT_TOKEN: hvs.benchSecretToken${String(i).padStart(6, '0')}\n  ha:\n    enabled: yes  # was hvs.benchSecretToken${String(Math.max(i - 1, 0)).padStart(6, '0')}\n`;

const node = measure('node -e 0', process.execPath, ['-e', '0']);
const one = measure('vault-lint <guide example>', process.execPath, [bin, guide]);
measure('vault-lint -o sarif <guide example>', process.execPath, [bin, '-o', 'sarif', guide]);

const dirs = { 200: corpus(200), 1000: corpus(1000), secrets200: corpus(200, withSecret), secrets1000: corpus(1000, withSecret) };
const many = {};
const secretRuns = {};
const spectral = {};
try {
  for (const count of [200, 1000]) {
    many[count] = measure(`vault-lint -o json <${count} files>`, process.execPath, [bin, '-o', 'json', dirs[count]], 5);
    secretRuns[count] = measure(
      `vault-lint -o json <${count} files, a secret each>`,
      process.execPath,
      [bin, '-o', 'json', dirs[`secrets${count}`]],
      5,
    );
    if (withSpectral) {
      const ruleset = join(benchDir, 'spectral-ruleset.yaml');
      spectral[count] = measure(
        `spectral lint <${count} files>`,
        spectralBin,
        ['lint', '-q', '-f', 'json', '--ruleset', ruleset, join(dirs[count], '*.yaml')],
        count === 1000 ? 1 : 3,
      );
    }
  }
} finally {
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
}

const checks = [];
const check = (label, value, target, ok) => {
  checks.push({ label, value, target, ok });
  console.log(`${label}: ${value} (target ${target}) ${ok ? 'OK' : 'MISSED'}`);
};
const startupRatio = one.median / node.median;
check('one file / node -e 0', `${startupRatio.toFixed(2)}x`, '<= 1.6x', startupRatio <= 1.6);
if (withSpectral) {
  const speedup = spectral[1000].median / many[1000].median;
  check('Spectral / vault-lint, 1,000 files', `${speedup.toFixed(1)}x`, '>= 30x', speedup >= 30);
}
if (many[1000].peakMiB !== undefined)
  check('peak RSS, 1,000 files', `${many[1000].peakMiB.toFixed(0)} MiB`, '<= 100 MiB', many[1000].peakMiB <= 100);
const scaling = (many[1000].median - one.median) / (many[200].median - one.median);
check('1,000 files / 200 files after start-up', `${scaling.toFixed(2)}x`, '<= 5.5x', scaling <= 5.5);
const secretScaling = (secretRuns[1000].median - one.median) / (secretRuns[200].median - one.median);
check('1,000 / 200 files with a secret each, after start-up', `${secretScaling.toFixed(2)}x`, '<= 5.5x', secretScaling <= 5.5);

const cpu = cpus();
const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} CPU(s) (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${runs} runs for one-file rows, 5 (vault-lint) and 3/1 (Spectral) for many-file rows. Times are wall-clock medians; the targets are ratios within this one run.`,
  '',
  '| command | runs | median ms | min ms | peak RSS MiB |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${row.label} | ${row.runs} | ${row.median.toFixed(1)} | ${row.min.toFixed(1)} | ${row.peakMiB === undefined ? 'n/a' : row.peakMiB.toFixed(0)} |`,
  ),
  '',
  '| target | measured | wanted | met |',
  '| --- | ---: | ---: | :---: |',
  ...checks.map((item) => `| ${item.label} | ${item.value} | ${item.target} | ${item.ok ? 'yes' : 'no'} |`),
  '',
];
writeFileSync(join(benchDir, 'RESULTS.md'), lines.join('\n'));
console.log('wrote bench/RESULTS.md');
