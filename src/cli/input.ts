import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { ConfigError } from '../engine/config.js';
import { EnvironmentError, describeErrno, quoteName, systemErrorCode } from './errors.js';

/** What a bounded read returns: the text, or `tooLarge` when the input has more than the limit. */
export type BoundedText = { text: string; tooLarge: false } | { text: undefined; tooLarge: true };

const CHUNK = 64 * 1024;

/**
 * Read at most `limit + 1` bytes of a file, whatever it is (`/dev/zero`, a FIFO, a 1 GB file),
 * never the whole of an oversized one: one byte past the limit is enough to know it is too large.
 * A file that cannot be read is an EnvironmentError saying which and why.
 */
export function readFileBounded(
  path: string,
  name: string,
  limit: number,
  purpose = '',
  decode: (bytes: Buffer) => string = (bytes) => bytes.toString('utf8'),
): BoundedText {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(name, purpose, error);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) return { text: undefined, tooLarge: true };
    }
    return { text: decode(Buffer.concat(chunks, total)), tooLarge: false };
  } catch (error) {
    throw cannotRead(name, purpose, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a stream (standard input) up to `limit + 1` bytes and stop there: the text returned is
 * longer than `limit` bytes exactly when the stream was, which `boundText` then tells.
 */
export async function readStreamBounded(
  stream: AsyncIterable<Buffer | string>,
  limit: number,
  decode: (bytes: Buffer) => string = (bytes) => bytes.toString('utf8'),
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    // Leaving the loop ends the iteration, which stops reading the stream.
    if (total > limit) break;
  }
  return decode(Buffer.concat(chunks, total).subarray(0, limit + 1));
}

/** A text read with a limit: too large when it has more than `limit` bytes. */
export function boundText(text: string, limit: number): BoundedText {
  return Buffer.byteLength(text) > limit ? { text: undefined, tooLarge: true } : { text, tooLarge: false };
}

function cannotRead(name: string, purpose: string, error: unknown): unknown {
  const code = systemErrorCode(error);
  if (code === undefined) return error;
  return new EnvironmentError(`cannot read ${quoteName(name)}${purpose}: ${describeErrno(code)}`, error);
}

/**
 * Read one of the tool's own files (a config file, a baseline) whole: a missing one is a usage
 * error with `missing` as its message, any other failure an EnvironmentError naming `what`.
 */
export function readOwnFile(path: string, name: string, what: string, missing: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === 'ENOENT') throw new ConfigError(missing);
    throw new EnvironmentError(`cannot read the ${what} ${quoteName(name)}: ${describeErrno(code ?? 'EIO')}`, error);
  }
}
