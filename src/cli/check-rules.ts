import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../engine/config.js';
import { DEFAULT_MAX_FILE_SIZE, formatBytes } from '../engine/limits.js';
import { describeFailure, EnvironmentError, quoteName } from './errors.js';
import { readFileBounded } from './input.js';
import { helpText, OPTIONS, parseArgs, type CliIo, type OptionSpec } from './options.js';
import type { RuleSourceProblem } from './rule-source.js';

const USAGE = 'vault-lint check-rules [options] <files|dirs>...';

/** The flags of `vault-lint check-rules`. */
export const CHECK_RULES_OPTIONS: Record<string, OptionSpec> = {
  output: { type: 'string', alias: 'o', describe: 'Output format', choices: ['stylish', 'json'], default: 'stylish' },
  'allow-import': {
    type: 'array',
    describe:
      'Also accept imports of this exact module specifier besides "vault-lint" (repeatable); vault-lint\'s own rules use ../src/engine/index.js',
  },
  debug: OPTIONS.debug!,
  help: OPTIONS.help!,
};

const EPILOG =
  'Reads rule modules (.ts, .js, .mjs, .cjs) without running them and reports, with line and column, what would make them fail or ' +
  'mislead: a default export that is not defineRule(...), an id that is not kebab-case or does not match the file name, missing ' +
  'metadata, a messageId that names no message, a {{placeholder}} a report does not give in data, messages never reported, hints or ' +
  'guides of no message, and imports of anything but "vault-lint". A folder stands for its rule modules (not index.*, *.d.ts or ' +
  'tests). Exit codes: 0 no problems, 1 problems, 2 usage error (or @typescript-eslint/typescript-estree is not installed).';

const RULE_MODULE = /\.(?:[cm]?js|[cm]?ts)$/;
const NOT_A_RULE = /^index\.|\.d\.[cm]?ts$|\.(?:test|spec)\.[cm]?[jt]s$/;

/** `vault-lint check-rules`: resolves to the exit code. */
export async function runCheckRules(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const args = parseArgs(argv, CHECK_RULES_OPTIONS, 'vault-lint check-rules');
    debug = args.debug === true;
    if (args.help) {
      io.stdout.write(await helpText(CHECK_RULES_OPTIONS, USAGE, EPILOG));
      return 0;
    }
    if (args._.length === 0) throw new ConfigError(`No rule modules named; usage: ${USAGE}`);
    const files = args._.flatMap((name) => ruleModules(name, io.cwd));
    const { checkRuleSource } = await loadChecker();
    const allowImports = (args['allow-import'] as string[] | undefined) ?? [];
    const results = files.map((file) => {
      const read = readFileBounded(resolve(io.cwd, file), file, DEFAULT_MAX_FILE_SIZE);
      const problems: RuleSourceProblem[] = read.tooLarge
        ? [
            {
              check: 'syntax',
              message: `Not read: larger than ${formatBytes(DEFAULT_MAX_FILE_SIZE)}`,
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 1,
            },
          ]
        : checkRuleSource(read.text, file, { allowImports });
      return { file, problems };
    });
    const count = results.reduce((sum, { problems }) => sum + problems.length, 0);
    if (args.output === 'json') io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      for (const { file, problems } of results)
        for (const problem of problems)
          io.stdout.write(`${file}:${problem.line}:${problem.column}: ${problem.message} (${problem.check})\n`);
      if (count > 0) {
        const withProblems = results.filter(({ problems }) => problems.length > 0).length;
        io.stdout.write(`\n${count} ${count === 1 ? 'problem' : 'problems'} in ${withProblems} ${withProblems === 1 ? 'file' : 'files'}\n`);
      }
    }
    return count > 0 ? 1 : 0;
  } catch (error) {
    io.stderr.write(describeFailure(error, debug));
    return 2;
  }
}

/** The rule modules a name stands for: the file itself, or a folder's rule modules (not recursive), sorted. */
function ruleModules(name: string, cwd: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(resolve(cwd, name)).isDirectory();
  } catch {
    throw new ConfigError(`No such file or folder ${quoteName(name)}`);
  }
  if (!isFolder) return [name];
  const found = readdirSync(resolve(cwd, name), { withFileTypes: true })
    .filter((entry) => entry.isFile() && RULE_MODULE.test(entry.name) && !NOT_A_RULE.test(entry.name))
    .map((entry) => join(name, entry.name))
    .sort();
  if (found.length === 0) throw new ConfigError(`No rule modules (.ts, .js) in the folder ${quoteName(name)}`);
  return found;
}

/** The checker and its parser, which is an optional peer dependency: loaded only here, one line when it is missing. */
async function loadChecker(): Promise<typeof import('./rule-source.js')> {
  try {
    return await import('./rule-source.js');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('@typescript-eslint/typescript-estree'))
      throw new EnvironmentError(
        'check-rules needs @typescript-eslint/typescript-estree and typescript: npm install --save-dev @typescript-eslint/typescript-estree typescript',
        error,
      );
    throw error;
  }
}
