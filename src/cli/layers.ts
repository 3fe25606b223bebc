import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../engine/config.js';
import type { InputLayer } from '../model/model.js';
import { parseSetArgument, SET_FLAGS, setLayer } from '../model/set-args.js';

/** What the `--set` family needs from the process. */
export interface SetIo {
  cwd: string;
  readStdin(): Promise<string>;
}

/**
 * The `--set`, `--set-string` and `--set-file` layers of a command line, in the order Helm
 * applies them (every `--set`, then every `--set-string`, then every `--set-file`), and the
 * files `--set-file` reads (so that the report is never written over one of them).
 */
export async function readSetLayers(args: Record<string, unknown>, io: SetIo): Promise<{ layers: InputLayer[]; files: string[] }> {
  const layers: InputLayer[] = [];
  const files: string[] = [];
  const fileArgs = (args['set-file'] as string[] | undefined) ?? [];
  // `--set-file key=-` reads standard input, as Helm does; read it once, only when asked for.
  let stdin: string | undefined;
  const named: string[] = [];
  for (const argument of fileArgs) parseSetArgument('--set-file', argument, { readFile: (path) => (named.push(path), '') });
  if (named.some((path) => path.trim() === '-')) stdin = await io.readStdin();
  const readFile = (path: string): string => {
    if (path.trim() === '-') return stdin ?? '';
    const full = resolve(io.cwd, path);
    files.push(full);
    try {
      return readFileSync(full, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(`Cannot read "${path}" for --set-file${code ? ` (${code})` : ''}`);
    }
  };
  for (const flag of SET_FLAGS) {
    for (const argument of (args[flag.slice(2)] as string[] | undefined) ?? []) layers.push(setLayer(flag, argument, { readFile }));
  }
  return { layers, files };
}
