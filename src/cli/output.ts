import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../engine/config.js';
import { describeErrno, EnvironmentError, quoteName, systemErrorCode } from './errors.js';

/** Where a report goes, piece by piece: standard output or a file that appears only when complete. */
export interface OutputSink {
  write(text: string): void;
  /** Everything was written: make it visible (a file is renamed into place). */
  commit(): void;
  /** The run failed: drop what was written (a file's temporary copy is removed). */
  abort(): void;
}

/** The identity of a file that survives symbolic links, hard links and `..`: device and inode. */
function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * Open `path` for writing `what` (e.g. "report"), refusing when it is, or leads to, one of
 * `inputs`: compared by device and inode (a hard link, a symbolic link, a path through a
 * symlinked folder all end at the same inode) and by real path. The text goes to a temporary
 * file in the same folder that is renamed over the target on commit, so a failed or partial
 * write never leaves a truncated file behind and a reader never sees half a report.
 *
 * Every output vault-lint writes to a user-named path goes through here.
 */
export function openOutputFile(path: string, name: string, what: string, inputs: readonly string[]): OutputSink {
  const fail = (error: unknown): unknown => {
    const code = systemErrorCode(error);
    return code === undefined ? error : new EnvironmentError(`cannot write ${what} to ${quoteName(name)}: ${describeErrno(code)}`, error);
  };
  const target = resolveTarget(path, fail);
  refuseInputs(target, name, what, inputs);
  // A device, pipe or socket (/dev/stdout, a FIFO) is written in place: renaming over it would
  // replace the device with a regular file.
  if (target.stats && !target.stats.isFile()) return openInPlace(target.path, fail);

  const directory = dirname(target.path);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw fail(error);
  }
  const temporary = join(directory, `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o666);
    // A report replacing an earlier one keeps its permissions.
    if (target.stats) chmodSync(temporary, target.stats.mode & 0o7777);
  } catch (error) {
    if (fd !== undefined) removeQuietly(fd, temporary);
    throw fail(error);
  }
  const open = fd;
  let done = false;
  return {
    write(text) {
      const bytes = Buffer.from(text);
      try {
        for (let offset = 0; offset < bytes.length;) offset += writeSync(open, bytes, offset);
      } catch (error) {
        done = true;
        removeQuietly(open, temporary);
        throw fail(error);
      }
    },
    commit() {
      if (done) return;
      done = true;
      try {
        closeSync(open);
        renameSync(temporary, target.path);
      } catch (error) {
        removeQuietly(undefined, temporary);
        throw fail(error);
      }
    },
    abort() {
      if (done) return;
      done = true;
      removeQuietly(open, temporary);
    },
  };
}

function openInPlace(path: string, fail: (error: unknown) => unknown): OutputSink {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw fail(error);
  }
  let done = false;
  let readerGone = false;
  return {
    write(text) {
      if (readerGone) return;
      const bytes = Buffer.from(text);
      try {
        for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
      } catch (error) {
        // A pipe whose reader stopped early (`| head`) ends the output quietly, as on standard output.
        if (systemErrorCode(error) === 'EPIPE') readerGone = true;
        else throw fail(error);
      }
    },
    commit() {
      if (done) return;
      done = true;
      try {
        closeSync(fd);
      } catch (error) {
        throw fail(error);
      }
    },
    abort() {
      if (done) return;
      done = true;
      removeQuietly(fd, undefined);
    },
  };
}

/** The path that will be written (through a symbolic link, its target) and what is there now. */
function resolveTarget(path: string, fail: (error: unknown) => unknown): { path: string; stats?: Stats } {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (systemErrorCode(error) !== 'ENOENT') throw fail(error);
    // Nothing there yet (or a dangling link, which the rename replaces): the folder's real path decides.
    return { path: join(realDirectory(dirname(path)), basename(path)) };
  }
  if (stats.isDirectory()) throw fail(Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  // A device or pipe (/dev/stdout leads to one that has no real path) is opened as named.
  if (!stats.isFile()) return { path, stats };
  const isLink = lstatSync(path).isSymbolicLink();
  return { path: isLink ? realpathSync(path) : join(realDirectory(dirname(path)), basename(path)), stats };
}

/** The real path of a folder, or of its nearest existing ancestor with the rest appended. */
function realDirectory(directory: string): string {
  try {
    return realpathSync(directory);
  } catch {
    const parent = dirname(directory);
    return parent === directory ? directory : join(realDirectory(parent), basename(directory));
  }
}

function refuseInputs(target: { path: string; stats?: Stats }, name: string, what: string, inputs: readonly string[]): void {
  const wanted = target.stats ? identity(target.stats) : undefined;
  for (const input of inputs) {
    let same = false;
    try {
      same = realpathSync(input) === target.path || (wanted !== undefined && identity(statSync(input)) === wanted);
    } catch {
      // An input that is gone cannot be overwritten.
    }
    if (same) throw new ConfigError(`Refusing to write the ${what} over the input file ${quoteName(name)}`);
  }
}

function removeQuietly(fd: number | undefined, path: string | undefined): void {
  try {
    if (fd !== undefined) closeSync(fd);
  } catch {
    // already closed
  }
  if (path === undefined) return;
  try {
    unlinkSync(path);
  } catch {
    // nothing to remove
  }
}
