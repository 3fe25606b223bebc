import * as fs from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type picomatchType from 'picomatch';
import type { globSync as globSyncType } from 'tinyglobby';
import { ConfigError } from '../engine/config.js';
import { describeErrno, EnvironmentError, quoteName, systemErrorCode } from './errors.js';

/** File names picked up when a directory is given (in any letter case). */
const DIRECTORY_GLOB = '**/*.{yaml,yml}';
/**
 * Directories and files skipped under a directory or below a glob's fixed part: dependencies,
 * build output, subcharts, templates and chart metadata are no values files. Dot files and
 * dot directories are skipped too (tinyglobby's `dot: false`), and symbolic links are not
 * followed, so a link loop cannot make a walk endless.
 */
const IGNORED = [
  '**/node_modules/**',
  '**/dist/**',
  '**/charts/**',
  '**/templates/**',
  '**/Chart.yaml',
  '**/Chart.lock',
  '**/requirements.yaml',
  '**/values.schema.json',
];

/**
 * Expand command-line targets into files, in the order given, without duplicates:
 * a path that exists is a file or a directory, whatever characters its name holds; a directory
 * is searched recursively for `*.yaml`/`*.yml`; anything else with glob syntax is a glob
 * (picomatch syntax, expanded by tinyglobby from its fixed leading part). `-` stands for
 * standard input and passes through. A folder that cannot be read is an EnvironmentError.
 */
export async function expandTargets(patterns: readonly string[], cwd: string): Promise<string[]> {
  return (await selectTargets(patterns, cwd)).files;
}

/** The files a run lints, which of them a directory or glob found, and what was left out on the way. */
export interface TargetSelection {
  files: string[];
  /** Files found by searching a directory or a glob (not named): a Kubernetes manifest among them is skipped. */
  searched: Set<string>;
  /** Files a glob matched in places a search skips (subcharts, templates, build output), by pattern. */
  skipped: { pattern: string; files: string[] }[];
}

/** `expandTargets`, telling which files were searched for and which a glob left out. */
export async function selectTargets(patterns: readonly string[], cwd: string): Promise<TargetSelection> {
  const out: string[] = [];
  const searched = new Set<string>();
  const skipped: TargetSelection['skipped'] = [];
  const seen = new Set<string>();
  const add = (file: string, found = false): void => {
    const key = file === '-' ? '-' : resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(file);
    if (found) searched.add(file);
  };
  for (const pattern of patterns) {
    if (pattern === '-') {
      add('-');
      continue;
    }
    const stats = statIfExists(resolve(cwd, pattern), pattern);
    if (stats?.isDirectory()) {
      const files = search(await matcher(), resolve(cwd, pattern), DIRECTORY_GLOB, cwd, pattern, IGNORED);
      if (files.length === 0) throw new ConfigError(`No YAML files in directory ${quoteName(pattern)}`);
      for (const file of files) add(file, true);
    } else if (stats) {
      add(pattern);
    } else if ((await matcher()).picomatch.scan(pattern).isGlob) {
      const globbing = await matcher();
      const { base, glob } = globbing.picomatch.scan(pattern);
      // A place the pattern names itself (`charts/*/values.yaml`) is searched; the rest skip as a directory does.
      const named = new Set(pattern.split('/'));
      const ignore = IGNORED.filter((entry) => !named.has(entry.split('/').find((part) => part !== '**') ?? ''));
      const root = resolve(cwd, base || '.');
      const files = search(globbing, root, glob, cwd, pattern, ignore);
      // Never silently: what the pattern matched in skipped places is named (the CLI says so).
      const matched = new Set(files);
      const left = search(globbing, root, glob, cwd, pattern, ['**/node_modules/**']).filter((file) => !matched.has(file));
      if (left.length > 0) skipped.push({ pattern, files: left });
      if (files.length === 0) throw new ConfigError(`No files match the pattern ${quoteName(pattern)}`);
      for (const file of files) add(file, true);
    } else {
      throw new ConfigError(`No such file or directory: ${quoteName(pattern)}`);
    }
  }
  return { files: out, searched, skipped };
}

interface Globbing {
  picomatch: typeof picomatchType;
  globSync: typeof globSyncType;
}

let globbing: Globbing | undefined;

/** The glob matcher and walker, loaded only when a directory or a glob is given: a run over named files starts without them. */
async function matcher(): Promise<Globbing> {
  if (!globbing) {
    const [{ default: picomatch }, { globSync }] = await Promise.all([import('picomatch'), import('tinyglobby')]);
    globbing = { picomatch, globSync };
  }
  return globbing;
}

function statIfExists(path: string, name: string): fs.Stats | undefined {
  try {
    return fs.statSync(path);
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code !== undefined) throw new EnvironmentError(`cannot read ${quoteName(name)}: ${describeErrno(code)}`, error);
    throw error;
  }
}

/**
 * The files under `base` that `glob` matches, named for display, in the order a sorted
 * depth-first walk visits them. Every folder the walk cannot read is reported, never skipped in
 * silence: a gate that quietly checks fewer files than it was given is blind.
 */
function search({ globSync }: Globbing, base: string, glob: string, cwd: string, pattern: string, ignore: readonly string[]): string[] {
  const unreadable: { path: string; code: string }[] = [];
  const readdirSync = ((path: fs.PathLike, options: unknown) => {
    try {
      return fs.readdirSync(path, options as { withFileTypes: true });
    } catch (error) {
      const code = systemErrorCode(error) ?? 'EIO';
      // A fixed part that does not exist (or is a file) holds no matches; that is no read failure.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push({ path: String(path), code });
      throw error;
    }
  }) as typeof fs.readdirSync;
  const found = globSync(glob, {
    cwd: base,
    absolute: true,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    // A directory takes `.YAML` and `.Yml` too; a glob matches as the user wrote it.
    caseSensitiveMatch: glob !== DIRECTORY_GLOB,
    expandDirectories: false,
    ignore: [...ignore],
    fs: { ...fs, readdirSync },
  });
  const first = unreadable[0];
  if (first) {
    const folder = displayPath(first.path, cwd);
    throw new EnvironmentError(
      `cannot read directory ${quoteName(folder === '' ? '.' : folder)} while expanding ${quoteName(pattern)}: ${describeErrno(first.code)}`,
    );
  }
  const keyed = found.map((file) => ({ file, segments: relative(base, file).split(sep) }));
  keyed.sort((a, b) => compareSegments(a.segments, b.segments));
  return keyed.map(({ file }) => displayPath(file, cwd));
}

/** Path order of a sorted depth-first walk: compare segment by segment, so a folder's files stay together. */
function compareSegments(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/**
 * Whether a file's text is a Kubernetes manifest (a top-level `apiVersion` and `kind`, in any of its
 * documents) rather than chart values: no chart's values have those keys at the top.
 */
export function isKubernetesManifest(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}
