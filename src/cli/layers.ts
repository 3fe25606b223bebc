import { resolve } from 'node:path';
import type { InputLayer } from '../model/model.js';
import { parseSetArgument, SET_FLAGS, setLayer } from '../parse/set-args.js';
import { boundText, readFileBounded } from './input.js';

/** What the `--set` family needs from the process. */
export interface SetIo {
  cwd: string;
  /** Standard input, at most `limit + 1` bytes of it. */
  readStdin(limit: number): Promise<string>;
}

/** The `--set` layers of a command line, the files `--set-file` read, and the arguments whose file was over the size limit. */
export interface SetLayers {
  layers: InputLayer[];
  files: string[];
  /** Labels of `--set-file` arguments left out because a file they name is larger than the limit. */
  tooLarge: string[];
}

/**
 * The `--set`, `--set-string` and `--set-file` layers of a command line, in the order Helm
 * applies them (every `--set`, then every `--set-string`, then every `--set-file`), and the
 * files `--set-file` reads (so that the report is never written over one of them). A file is
 * read up to `maxFileSize` bytes; an argument naming a larger one is left out and listed in
 * `tooLarge`, for the caller to report.
 */
export async function readSetLayers(args: Record<string, unknown>, io: SetIo, maxFileSize: number): Promise<SetLayers> {
  const layers: InputLayer[] = [];
  const files: string[] = [];
  const tooLarge: string[] = [];
  const fileArgs = (args['set-file'] as string[] | undefined) ?? [];
  // `--set-file key=-` reads standard input, as Helm does; read it once, only when asked for.
  let stdin: ReturnType<typeof boundText> | undefined;
  const named: string[] = [];
  for (const argument of fileArgs) parseSetArgument('--set-file', argument, { readFile: (path) => (named.push(path), '') });
  if (named.some((path) => path.trim() === '-')) stdin = boundText(await io.readStdin(maxFileSize), maxFileSize);
  for (const flag of SET_FLAGS) {
    for (const argument of (args[flag.slice(2)] as string[] | undefined) ?? []) {
      let oversized = false;
      const readFile = (path: string): string => {
        let read = stdin;
        if (path.trim() !== '-') {
          const full = resolve(io.cwd, path);
          files.push(full);
          read = readFileBounded(full, path, maxFileSize, ' for --set-file');
        }
        if (read?.tooLarge) oversized = true;
        return read?.text ?? '';
      };
      const layer = setLayer(flag, argument, { readFile });
      if (oversized) tooLarge.push(layer.label);
      else layers.push(layer);
    }
  }
  return { layers, files, tooLarge };
}
