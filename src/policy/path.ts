/**
 * Policy paths: dotted (`storage.raft.retry_join[*].leader_api_addr`, `seal.*`,
 * `server.annotations["vault.hashicorp.com/role"]`) or JSON Pointer (`/server/image/repository`,
 * `/seal/*`), with wildcards over list items (`[*]`) and map keys or labelled blocks (`*`).
 */
export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  /** `*`: every key of a map (in a JSON Pointer, every key or item). */
  | { kind: 'anyKey' }
  /** `[*]`: every item of a list. */
  | { kind: 'anyItem' };

/** Thrown with what is wrong in a path; the policy reader places it at the `path:` value. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

/** Read a path; the empty path (or `/`) is the target's root. */
export function parsePath(text: string): PathSegment[] {
  if (text === '' || text === '/') return [];
  return text.startsWith('/') ? parsePointer(text) : parseDotted(text);
}

function parsePointer(text: string): PathSegment[] {
  return text
    .slice(1)
    .split('/')
    .map((raw): PathSegment => {
      if (raw === '*') return { kind: 'anyKey' };
      if (/~[^01]|~$/.test(raw)) throw new PathSyntaxError(`"${raw}" has a "~" that is neither ~0 nor ~1`);
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(key) ? { kind: 'index', index: Number(key) } : { kind: 'key', key };
    });
}

function parseDotted(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let expectName = true;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '[') {
      const close = bracketEnd(text, i);
      const inner = text.slice(i + 1, close);
      if (inner === '*') out.push({ kind: 'anyItem' });
      else if (/^(0|[1-9][0-9]*)$/.test(inner)) out.push({ kind: 'index', index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) out.push({ kind: 'key', key: JSON.parse(inner) as string });
      else throw new PathSyntaxError(`"[${inner}]" is not [*], [<index>] or ["<key>"]`);
      i = close + 1;
      expectName = false;
      continue;
    }
    if (char === '.') {
      if (expectName) throw new PathSyntaxError(`an empty key at character ${i + 1}`);
      i++;
      expectName = true;
      if (i === text.length) throw new PathSyntaxError('a trailing "."');
      continue;
    }
    if (!expectName) throw new PathSyntaxError(`"." or "[" expected at character ${i + 1}`);
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const name = text.slice(i, end);
    if (name.includes(']')) throw new PathSyntaxError(`a "]" without "[" in "${name}"`);
    out.push(name === '*' ? { kind: 'anyKey' } : { kind: 'key', key: name });
    i = end;
    expectName = false;
  }
  return out;
}

function bracketEnd(text: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ']' && !quoted) return i;
  }
  throw new PathSyntaxError(`a "[" at character ${open + 1} is never closed`);
}

/** A path as people read it in messages: `storage.raft.retry_join[0].leader_api_addr`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || segment === '[*]') out += typeof segment === 'number' ? `[${segment}]` : segment;
    else if (/^[^.[\]"]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A node of a target as policies see it: plain data with a place to report at. */
export interface PolicyNode<L> {
  readonly kind: 'map' | 'seq' | 'scalar';
  /** The path from the target's root. */
  readonly path: readonly (string | number)[];
  /** The plain value (maps as objects, lists as arrays). */
  readonly value: unknown;
  /** False for a key written as `null` or `~` in a values file: Helm deletes it, so it counts as absent. */
  readonly present: boolean;
  /** What the engine reports at. */
  readonly at: L;
  child(key: string): PolicyNode<L> | undefined;
  keys(): string[];
  /** The items `[*]` runs over. */
  items(): PolicyNode<L>[];
}

/** What a path leads to: the values it matches, and the places where a key it names is absent. */
export interface Resolution<L> {
  matches: PolicyNode<L>[];
  /** The closest existing node of each branch that ends early, with the full path that is absent. */
  missing: { parent: PolicyNode<L>; path: (string | number)[] }[];
  /** True when the wildcards matched more than `limit` values; only the first `limit` are kept. */
  truncated: boolean;
}

/**
 * Every value a path matches. Linear in the nodes visited: each wildcard walks the children of the
 * nodes reached so far once, and at most `limit` matches (and `limit` absent places) are kept.
 */
export function resolvePath<L>(root: PolicyNode<L>, path: readonly PathSegment[], limit: number): Resolution<L> {
  const out: Resolution<L> = { matches: [], missing: [], truncated: false };
  let frontier: PolicyNode<L>[] = [root];
  for (const [depth, segment] of path.entries()) {
    const next: PolicyNode<L>[] = [];
    for (const node of frontier) {
      const absent = (key: string | number): void => {
        if (out.missing.length < limit) out.missing.push({ parent: node, path: [...node.path, key, ...rest(path, depth + 1)] });
      };
      switch (segment.kind) {
        case 'key': {
          const child = node.kind === 'map' ? node.child(segment.key) : undefined;
          if (child?.present) next.push(child);
          else absent(segment.key);
          break;
        }
        case 'index': {
          const child = node.items()[segment.index];
          if (child?.present) next.push(child);
          else absent(segment.index);
          break;
        }
        case 'anyKey':
          if (node.kind === 'map') for (const key of node.keys()) pushPresent(next, node.child(key));
          else if (node.kind === 'seq') for (const item of node.items()) pushPresent(next, item);
          break;
        case 'anyItem':
          for (const item of node.items()) pushPresent(next, item);
          break;
      }
      if (next.length > limit) {
        next.length = limit;
        out.truncated = true;
        break;
      }
    }
    frontier = next;
  }
  out.matches = frontier.filter((node) => node.present);
  return out;
}

function pushPresent<L>(into: PolicyNode<L>[], node: PolicyNode<L> | undefined): void {
  if (node?.present) into.push(node);
}

function rest(path: readonly PathSegment[], from: number): (string | number)[] {
  return segmentNames(path.slice(from));
}

/** Segments as `formatPath` shows them: keys, indexes, `*` and `[*]`. */
export function segmentNames(path: readonly PathSegment[]): (string | number)[] {
  return path.map((segment) => {
    switch (segment.kind) {
      case 'key':
        return segment.key;
      case 'index':
        return segment.index;
      case 'anyKey':
        return '*';
      case 'anyItem':
        return '[*]';
    }
  });
}
