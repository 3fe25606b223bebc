import { getSystemErrorMap } from 'node:util';
import { ConfigError } from '../engine/config.js';
import { RuleCrashError } from '../engine/run.js';

/**
 * The surroundings failed (a file that cannot be read, a disk that is full, a folder without
 * permission): not the user's input, not our bug. Printed as one line saying what failed; exit 2.
 */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A file name as it appears in a one-line message: quoted, with line breaks and control characters escaped. */
export function quoteName(name: string): string {
  return JSON.stringify(name);
}

/** The errno code of a Node system error (`ENOSPC`, `EACCES`...), or undefined for any other value. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

let descriptions: Map<string, string> | undefined;

/** The system's wording of an errno code: `ENOSPC` -> "no space left on device". */
export function describeErrno(code: string): string {
  if (!descriptions) {
    descriptions = new Map();
    for (const [name, text] of getSystemErrorMap().values()) descriptions.set(name, text);
  }
  return descriptions.get(code) ?? code;
}

/**
 * Wrap a system error as an EnvironmentError whose message is `<what>: <system wording>`, e.g.
 * `cannot write report: no space left on device`; anything else is passed through unchanged.
 */
export function environmentError(what: string, error: unknown): unknown {
  const code = systemErrorCode(error);
  return code === undefined ? error : new EnvironmentError(`${what}: ${describeErrno(code)}`, error);
}

/**
 * The one line (or, with `debug`, the line and the stack) that a failed run prints on standard
 * error. Usage and environment problems say what failed; a crashing rule names itself; anything
 * else is our bug and says "internal error".
 */
export function describeFailure(error: unknown, debug: boolean): string {
  let line: string;
  if (error instanceof ConfigError || error instanceof EnvironmentError) {
    line = error.message;
  } else if (error instanceof RuleCrashError) {
    const why = error.original instanceof Error ? error.original.message : String(error.original);
    // A plugin's rule failing is the plugin's bug, not vault-lint's: say whose.
    line =
      error.plugin === undefined
        ? `internal error in rule "${error.ruleId}": ${why}`
        : `rule "${error.ruleId}" of plugin ${quoteName(error.plugin)} failed: ${why}`;
  } else if (systemErrorCode(error) !== undefined) {
    // A system error nobody wrapped: still the environment, so say which call failed on what.
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    line = `${syscall ?? 'system call'}${path ? ` ${quoteName(path)}` : ''} failed: ${describeErrno(code!)}`;
  } else {
    line = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  }
  // The first line only: a message carrying a line break must not print as two problems.
  let out = `vault-lint: ${line.split(/\r?\n|\r/, 1)[0]}\n`;
  if (debug) {
    const original =
      error instanceof RuleCrashError
        ? error.original
        : error instanceof EnvironmentError && error.cause !== undefined
          ? error.cause
          : error;
    const stack = original instanceof Error ? original.stack : undefined;
    if (stack) out += `${stack}\n`;
  }
  return out;
}
