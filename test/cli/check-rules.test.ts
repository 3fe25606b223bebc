import { describe, expect, it } from 'vitest';
import { checkRuleSource, type RuleSourceProblem } from '../../src/cli/rule-source.js';
import { runCli, runShell, ROOT } from '../helpers/cli.js';

/** Each fixture rule module (fixtures/check-rules/{ts,js}/<name>) and the problems it must get: check, line, column, end line, end column. */
const EXPECTED: Record<string, [string, number, number, number, number][]> = {
  'default-export-constant': [['default-export', 27, 16, 27, 28]],
  'default-export-object': [['default-export', 6, 16, 25, 2]],
  'id-not-file-name': [['rule-id', 7, 7, 7, 30]],
  'id-not-kebab': [['rule-id', 7, 7, 7, 19]],
  'missing-data': [
    ['missing-data', 23, 78, 23, 113],
    ['missing-data', 23, 78, 23, 113],
  ],
  'missing-meta': [
    ['missing-meta', 8, 9, 8, 10],
    ['missing-meta', 8, 9, 8, 10],
  ],
  'named-export': [['default-export', 6, 14, 6, 25]],
  'private-import': [
    ['import', 3, 30, 3, 39],
    ['import', 4, 30, 4, 60],
  ],
  'stray-message-key': [
    ['stray-message-key', 16, 22, 16, 38],
    ['stray-message-key', 17, 26, 17, 34],
    ['stray-message-key', 20, 7, 20, 14],
  ],
  'syntax-error': [['syntax', 9, 2, 9, 2]],
  'unknown-message': [
    ['unreported-message', 14, 7, 14, 22],
    ['unknown-message', 23, 53, 23, 71],
  ],
  'unreported-message': [['unreported-message', 15, 7, 15, 18]],
};

interface JsonResult {
  file: string;
  problems: RuleSourceProblem[];
}

const spans = (problems: readonly RuleSourceProblem[]) =>
  problems.map(({ check, line, column, endLine, endColumn }) => [check, line, column, endLine, endColumn]);

describe('vault-lint check-rules', { timeout: 120_000 }, () => {
  for (const language of ['ts', 'js'] as const) {
    it(`flags each mistake of the ${language.toUpperCase()} fixture rule modules at its line and column, and exits 1`, async () => {
      const run = await runCli(['check-rules', '-o', 'json', `fixtures/check-rules/${language}`]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const results = JSON.parse(run.stdout) as JsonResult[];
      const byName = Object.fromEntries(results.map(({ file, problems }) => [file.replace(/^.*\/|\.[jt]s$/g, ''), spans(problems)]));
      expect(byName).toEqual(EXPECTED);
    });
  }

  it('says what is wrong, one line per problem as file:line:col, with a count', async () => {
    const run = await runCli(['check-rules', 'fixtures/check-rules/ts/missing-data.ts', 'fixtures/check-rules/js/unknown-message.js']);
    expect(run).toMatchObject({ code: 1, stderr: '' });
    expect(run.stdout).toBe(
      [
        'fixtures/check-rules/ts/missing-data.ts:23:78: The message of "foreignRegistry" uses {{registry}}, which this report\'s data does not give (missing-data)',
        'fixtures/check-rules/ts/missing-data.ts:23:78: The hint of "foreignRegistry" uses {{registry}}, which this report\'s data does not give (missing-data)',
        'fixtures/check-rules/js/unknown-message.js:14:7: Message "foreignRegistry" is never reported (unreported-message)',
        'fixtures/check-rules/js/unknown-message.js:23:53: Unknown messageId "foreignRegistryy"; the rule\'s messages are "foreignRegistry" (unknown-message)',
        '',
        '4 problems in 2 files',
        '',
      ].join('\n'),
    );
  });

  it("passes on vault-lint's own rules, which may import ../src/engine/index.js (--allow-import), from the built command too", async () => {
    const run = await runCli(['check-rules', '--allow-import', '../src/engine/index.js', 'rules/']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const built = runShell('node bin/vault-lint.js check-rules --allow-import ../src/engine/index.js rules', ROOT);
    expect(built).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('without --allow-import, flags only the internal import of each built-in rule', async () => {
    const run = await runCli(['check-rules', '-o', 'json', 'rules']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.length).toBeGreaterThan(30);
    for (const { problems } of results) expect(problems.map((problem) => problem.check)).toEqual(['import']);
  });

  it('exits 2 with one line on usage errors', async () => {
    expect(await runCli(['check-rules'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'vault-lint: No rule modules named; usage: vault-lint check-rules [options] <files|dirs>...\n',
    });
    expect(await runCli(['check-rules', 'fixtures/check-rules/nowhere.ts'])).toMatchObject({
      code: 2,
      stderr: 'vault-lint: No such file or folder "fixtures/check-rules/nowhere.ts"\n',
    });
    expect(await runCli(['check-rules', '-o', 'sarif', 'rules'])).toMatchObject({ code: 2 });
    expect(await runCli(['check-rules', 'fixtures/guide'])).toMatchObject({
      code: 2,
      stderr: 'vault-lint: No rule modules (.ts, .js) in the folder "fixtures/guide"\n',
    });
    const help = await runCli(['check-rules', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--allow-import');
  });
});

describe('rule module analysis', () => {
  const check = (source: string, file = 'acme-rule.ts') => checkRuleSource(source, file).map((problem) => [problem.check, problem.message]);
  const rule = (body: string, head = "import { defineRule } from 'vault-lint';\n") => `${head}export default defineRule({\n${body}\n});\n`;
  const META =
    "  meta: { description: 'd', severity: 'warning', tags: [], guide: 'g', messages: { bad: 'Bad {{value}}', other: 'Other' } },";

  it('follows messageIds through conditions and module constants, and data through a constant', () => {
    const body = `  id: 'acme-rule',\n${META}\n  check(context) {\n    const messageId = context.severity === 'error' ? 'bad' : 'other';\n    const data = { value: 'x' };\n    context.report({ node: context.model.values, messageId, data });\n  },`;
    expect(check(rule(body))).toEqual([]);
  });

  it('does not guess at a messageId or data computed at run time', () => {
    const body = `  id: 'acme-rule',\n${META}\n  check(context) {\n    for (const problem of context.options.problems) context.report({ node: context.model.values, messageId: problem.id, data: { ...problem.data } });\n  },`;
    expect(check(rule(body))).toEqual([]);
  });

  it('reports a missing id, meta, check, and a severity that is no severity', () => {
    expect(check(rule("  meta: { description: 'd', severity: 'fatal', tags: [], guide: 'g', messages: {} },"))).toEqual([
      ['rule-id', 'Missing id: the rule id, equal to the file name'],
      ['missing-meta', 'Missing check(context): the function that reads the model and reports'],
      ['missing-meta', 'Expected meta.severity to be "error", "warning" or "info", found "fatal"'],
    ]);
    expect(check(rule("  id: 'acme-rule',\n  check() {},"))).toEqual([['missing-meta', "Missing meta: the rule's metadata"]]);
  });

  it('accepts a namespaced id whose last part is the file name, and an aliased defineRule', () => {
    const body = `  id: 'acme/acme-rule',\n${META.replace(", other: 'Other'", '')}\n  check(context) { context.reportMissing({ path: 'a.b', messageId: 'bad', data: { value: 1 } }); },`;
    expect(check(rule(body).replace('defineRule({', 'define({'), 'acme-rule.js')).toEqual([
      ['default-export', 'Expected the default export to be defineRule(...), found a call of define(...)'],
    ]);
    expect(
      check(rule(body, "import { defineRule as define } from 'vault-lint';\n").replace('defineRule({', 'define({'), 'acme-rule.js'),
    ).toEqual([]);
  });

  it('flags dynamic imports and require calls', () => {
    const body = `  id: 'acme-rule',\n${META.replace(", other: 'Other'", '')}\n  check(context) { require('fs'); void import('./x.js'); context.report({ node: context.model.values, messageId: 'bad', data: { value: 1 } }); },`;
    expect(check(rule(body)).map(([kind, message]) => `${kind}: ${message}`)).toEqual([
      'import: Expected imports from "vault-lint" only (the public rule API), found "fs"',
      'import: Expected imports from "vault-lint" only (the public rule API), found "./x.js"',
    ]);
  });

  it('stops at constants that name each other instead of following them forever', () => {
    const head =
      "import { defineRule } from 'vault-lint';\nconst a = Math.random() > 0.5 ? b : 'bad';\nconst b = Math.random() > 0.5 ? a : 'other';\nconst t = `${u}`;\nconst u = `${t}`;\n";
    const body = `  id: 'acme-rule',\n${META.replace("'Other'", 't')}\n  check(context) { context.report({ node: context.model.values, messageId: a, data: { value: 1 } }); },`;
    expect(check(rule(body, head))).toEqual([]);
  });

  it('reports a module with no default export at its start', () => {
    expect(checkRuleSource('export const x = 1;\n', 'x.ts')).toEqual([
      {
        check: 'default-export',
        message: 'Missing a default export; a rule module is export default defineRule({ id, meta, check })',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
    ]);
  });
});
