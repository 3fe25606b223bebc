import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../engine/config.js';

/** File names picked up when a directory is given. */
const VALUES_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'charts', 'templates']);
/** YAML files in a chart or repository that are not values files. */
const NOT_VALUES = new Set(['Chart.yaml', 'Chart.lock', 'requirements.yaml', 'values.schema.json']);
const GLOB_CHARS = /[*?[{]/;

/**
 * Expand command-line targets into files, in the order given, without duplicates:
 * a file as is, a directory recursively (`*.yaml`, `*.yml`), a glob by walking its static prefix.
 * `-` stands for standard input and passes through.
 */
export function expandTargets(patterns: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = file === '-' ? '-' : resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(file);
  };
  for (const pattern of patterns) {
    if (pattern === '-') {
      add('-');
      continue;
    }
    if (GLOB_CHARS.test(pattern)) {
      const matches = expandGlob(pattern, cwd);
      if (matches.length === 0) throw new ConfigError(`No files match the pattern "${pattern}"`);
      matches.forEach(add);
      continue;
    }
    let stats;
    try {
      stats = statSync(resolve(cwd, pattern));
    } catch {
      throw new ConfigError(`No such file or directory: "${pattern}"`);
    }
    if (stats.isDirectory()) {
      const files = walk(resolve(cwd, pattern)).filter((file) => VALUES_FILE.test(file));
      if (files.length === 0) throw new ConfigError(`No YAML files in directory "${pattern}"`);
      files.map((file) => displayPath(file, cwd)).forEach(add);
    } else {
      add(pattern);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...walk(path));
    } else if (entry.isFile() && !NOT_VALUES.has(entry.name) && !entry.name.startsWith('.')) {
      out.push(path);
    }
  }
  return out;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/** Expand a glob (`*`, `**`, `?`, `[…]`, `{a,b}`) relative to cwd. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const normalized = pattern.split(sep).join('/');
  const segments = normalized.split('/');
  const staticParts: string[] = [];
  for (const segment of segments) {
    if (GLOB_CHARS.test(segment)) break;
    staticParts.push(segment);
  }
  const base = resolve(cwd, staticParts.join('/') || '.');
  const matcher = globToRegExp(normalized);
  let files: string[];
  try {
    files = walk(base);
  } catch {
    return [];
  }
  return files.map((file) => displayPath(file, cwd)).filter((file) => matcher.test(file) || matcher.test(resolve(cwd, file).split(sep).join('/')));
}

/** Translate a glob into an anchored regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (char === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, close).split(',').map((part) => part.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = close;
      }
    } else {
      out += /[.+^$()|\\]/.test(char) ? `\\${char}` : char;
    }
  }
  return new RegExp(`^(?:\\./)?${out}$`);
}
