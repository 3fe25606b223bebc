import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { lintTargets } from '../src/index.js';
import { setLayer } from '../src/parse/set-args.js';
import { formatterNames, loadFormatter } from '../src/report/index.js';
import { originLabel, type FileResult, type RuleInfo } from '../src/engine/types.js';
import { loadRules } from '../src/index.js';
import { printedForms } from '../src/mask/redactor.js';
import { ruleInfos as infosOf } from '../src/engine/docs.js';
import { blowUpCase, valuesCase, type Case } from './fuzz/inputs.js';

/**
 * Properties every input must keep, checked on generated values files, `--set` arguments and
 * "blow-up" inputs (one segment repeated thousands of times): no throw, exit code 0, 1 or 2,
 * positions inside the file, the same output for the same input, and no planted secret in any
 * output (every format, stderr, render).
 *
 * `npm test` runs a few hundred cases with a fixed seed; the work per case is bounded by the
 * input sizes (at most `MAX_REPEAT` repeats). `npm run fuzz` sets FUZZ_RUNS for a long run with a
 * random seed (FUZZ_SEED to replay one), larger repeats, and reports the slowest inputs.
 */
const LONG = process.env.FUZZ_RUNS !== undefined;
const RUNS = LONG ? Number(process.env.FUZZ_RUNS) : 1;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 4_020_881;
const MAX_REPEAT = LONG ? Number(process.env.FUZZ_MAX_REPEAT ?? 20_000) : 2_000;
/** In a long run, inputs slower than this are listed at the end (not a failure: a lead to look at). */
const SLOW_MS = Number(process.env.FUZZ_SLOW_MS ?? 1_000);

const slow: { ms: number; what: string }[] = [];
let checked = 0;

/** Runs per property in `npm test`; a long run shares FUZZ_RUNS among the properties in the same proportions. */
const QUICK_TOTAL = 120 + 60 + 40 + 4;

function runs(quick: number): Parameters<typeof fc.assert>[1] {
  return { seed: SEED, numRuns: LONG ? Math.max(1, Math.round((RUNS * quick) / QUICK_TOTAL)) : quick, endOnFailure: true };
}

/** Time one check in a long run, to report slow inputs; `npm test` asserts no times. */
async function timed<T>(what: () => string, work: () => Promise<T>): Promise<T> {
  if (!LONG) return work();
  if (++checked % 1000 === 0) console.log(`fuzz: ${checked} inputs checked`);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  if (ms > SLOW_MS) slow.push({ ms, what: what() });
  return result;
}

function describeCase(input: Case): string {
  const text =
    input.text.length > 160 ? `${JSON.stringify(input.text.slice(0, 120))}… (${input.text.length} chars)` : JSON.stringify(input.text);
  return `${text} sets=${JSON.stringify(input.sets)}`;
}

let infos: Map<string, RuleInfo> | undefined;
async function ruleInfos(): Promise<Map<string, RuleInfo>> {
  infos ??= infosOf(await loadRules(), { documentation: true });
  return infos;
}

async function lint(input: Case): Promise<FileResult[]> {
  const sets = input.sets.map((argument) => setLayer('--set', argument));
  return lintTargets([{ layers: [{ kind: 'file', label: 'values.yaml', text: input.text }, ...sets] }]);
}

/** Every finding's span lies inside its file (or `--set` argument), end not before start. */
function expectPositionsInside(results: FileResult[], input: Case): void {
  const byLf = input.text.split('\n');
  const byAny = input.text.split(/\r\n|\r|\n/);
  for (const result of results) {
    for (const { location: at, ruleId } of result.findings) {
      const where = `${ruleId} at ${originLabel(at)}:${at.line}:${at.column}-${at.endLine}:${at.endColumn}`;
      expect(at.line, where).toBeGreaterThanOrEqual(1);
      expect(at.column, where).toBeGreaterThanOrEqual(1);
      expect(at.endLine > at.line || (at.endLine === at.line && at.endColumn >= at.column), where).toBe(true);
      if (at.kind === 'set') {
        expect(at.endLine, where).toBe(1);
        expect(at.endColumn, where).toBeLessThanOrEqual(at.argument.length + 1);
        continue;
      }
      const inside = (lines: string[]): boolean =>
        at.endLine <= lines.length && at.column <= lines[at.line - 1]!.length + 1 && at.endColumn <= lines[at.endLine - 1]!.length + 1;
      expect(inside(byLf) || inside(byAny), where).toBe(true);
    }
  }
}

function expectNoSecret(output: string, secrets: string[], label: string): void {
  for (const secret of secrets) {
    for (const form of printedForms(secret))
      expect(output.includes(form), `${label} leaks ${JSON.stringify(form.slice(0, 8))}…`).toBe(false);
  }
}

async function cli(args: string[], stdin: string): Promise<{ code: number; output: string }> {
  let output = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (output += text), isTTY: false },
    stderr: { write: (text: string) => (output += text) },
    readStdin: async () => stdin,
    env: {},
    cwd: process.cwd(),
  };
  return { code: await main(args, io), output };
}

function setArgs(input: Case): string[] {
  return input.sets.flatMap((argument) => ['--set', argument]);
}

describe(`fuzz (seed ${SEED}${LONG ? `, ${RUNS} runs` : ''})`, () => {
  it('lint never throws, keeps positions inside the file, and gives the same findings twice', async () => {
    await fc.assert(
      fc.asyncProperty(valuesCase, async (input) => {
        const first = await timed(
          () => describeCase(input),
          () => lint(input),
        );
        expectPositionsInside(first, input);
        expect(await lint(input)).toEqual(first);
      }),
      runs(120),
    );
  });

  it('no planted secret reaches any format, stderr or render; exit codes are 0, 1 or 2', async () => {
    const formatters = await Promise.all(formatterNames.map((name) => loadFormatter(name)));
    await fc.assert(
      fc.asyncProperty(valuesCase, async (input) => {
        const results = await lint(input);
        for (const [i, format] of formatters.entries()) {
          expectNoSecret(
            format(results, await ruleInfos(), { color: false, toolVersion: '0.0.0', cwd: '/' }),
            input.secrets,
            formatterNames[i]!,
          );
        }
        const run = await timed(
          () => describeCase(input),
          () => cli(['-', ...setArgs(input), '-o', 'sarif'], input.text),
        );
        expect([0, 1, 2]).toContain(run.code);
        expectNoSecret(run.output, input.secrets, 'CLI sarif');
        const render = await cli(['render', '-', '--show-origin', ...setArgs(input)], input.text);
        expect([0, 1, 2]).toContain(render.code);
        expectNoSecret(render.output, input.secrets, 'render');
      }),
      runs(60),
    );
  });

  it('blow-up inputs (one segment repeated thousands of times) finish, stay inside the file and leak nothing', async () => {
    const formatters = await Promise.all(formatterNames.map((name) => loadFormatter(name)));
    await fc.assert(
      fc.asyncProperty(blowUpCase(MAX_REPEAT), async (input) => {
        const results = await timed(
          () => describeCase(input),
          () => lint(input),
        );
        expectPositionsInside(results, input);
        for (const format of formatters)
          expectNoSecret(format(results, await ruleInfos(), { color: false, toolVersion: '0.0.0', cwd: '/' }), input.secrets, 'blow-up');
        // Output grows at most linearly with the input: work that is not bounded shows up here first.
        expect(results.reduce((count, result) => count + result.findings.length, 0)).toBeLessThanOrEqual(input.text.length + 50);
      }),
      runs(40),
    );
  });

  it('the built CLI exits 0, 1 or 2 and prints no planted secret', () => {
    const bin = new URL('../bin/vault-lint.js', import.meta.url).pathname;
    fc.assert(
      fc.property(valuesCase, (input) => {
        const run = spawnSync(process.execPath, [bin, '-', ...setArgs(input), '-o', 'json'], {
          input: input.text,
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect([0, 1, 2], `${run.stderr}`).toContain(run.status);
        expectNoSecret(run.stdout + run.stderr, input.secrets, 'built CLI');
      }),
      runs(4),
    );
  });

  if (LONG) {
    it('lists the slowest inputs', () => {
      slow.sort((a, b) => b.ms - a.ms);
      console.log(`fuzz: seed ${SEED}, ${checked} inputs timed, ${slow.length} over ${SLOW_MS} ms`);
      for (const { ms, what } of slow.slice(0, 20)) console.log(`  ${Math.round(ms)} ms  ${what}`);
    });
  }
});
