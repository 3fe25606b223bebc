/**
 * How secret text is found in anything we print: every secret expanded into the forms an output
 * can show it in, compiled into one Aho–Corasick automaton, so that scrubbing costs time linear in
 * the text scanned whatever the number of secrets. `SecretMask` (secret-mask.ts) holds a run's
 * secrets in a few of these and is what the rest of the code uses.
 *
 * Hand-written rather than taken from an Aho–Corasick package: masking needs the union of all
 * overlapping occurrences (a leftmost non-overlapping choice can leave the tail of a second,
 * overlapping secret visible, and listing every overlap is quadratic), and matching must be by
 * UTF-16 code unit (a grapheme-aware matcher misses a secret followed by a combining mark).
 */

/** What a scrubbed secret is replaced with in messages and rendered text. */
export const SECRET_MASK = '****';

/** Texts shorter than this are left alone: masking them would garble ordinary words and numbers. */
const MIN_NEEDLE = 4;

/** Go's `encoding/json` (Helm's `toJson`) escapes these as `\u0026`, `\u003c`, `\u003e`, `\u2028`, `\u2029`. */
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/**
 * Every form in which a secret could be printed: as written; JSON-escaped (JSON, SARIF, a message
 * quoting it, `render`'s YAML); Go-escaped (`render`'s config as Helm's `toJson` prints it);
 * GitHub-escaped (workflow command data and properties); and each line of a multi-line secret
 * (a code frame or a quoted fragment shows one line at a time).
 */
export function printedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const go = json.replace(GO_ESCAPED, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const githubData = secret.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const githubProperty = githubData.replaceAll(':', '%3A').replaceAll(',', '%2C');
  const out = new Set([secret, json, go, githubData, githubProperty]);
  if (/[\r\n]/.test(secret)) for (const line of secret.split(/\r?\n|\r/)) out.add(line.trim());
  return [...out].filter((form) => form.length >= MIN_NEEDLE);
}

/** Children past this many get a hash map; fewer are a list, which costs less to build. */
const LIST_LIMIT = 8;

/** Finds every occurrence of a set of texts in time linear in the text scanned. */
export class Redactor {
  /** Transitions out of the root, by character code (no node but the root is 0, so 0 means none). */
  private readonly root = new Map<number, number>();
  /** 1 for each character code a needle starts with: most text never leaves the root, and this is its fast path. */
  private readonly starts = new Uint8Array(65536);
  /** Per node: the character on the edge into it, its first child, its next sibling (0: none). */
  private readonly edge: number[] = [0];
  private readonly child: number[] = [0];
  private readonly sibling: number[] = [0];
  private readonly degree: number[] = [0];
  /** Nodes with many children: character code to child. */
  private readonly wide = new Map<number, Map<number, number>>();
  private readonly fail: number[] = [0];
  /** Length of the longest needle that ends at this node (0: none). */
  private readonly longest: number[] = [0];

  private constructor(needles: Iterable<string>) {
    const depth: number[] = [0];
    for (const needle of needles) {
      let node = 0;
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        let next = this.step(node, code);
        if (next === 0) {
          next = this.edge.length;
          this.edge.push(code);
          this.child.push(0);
          this.sibling.push(this.child[node]!);
          this.degree.push(0);
          this.fail.push(0);
          this.longest.push(0);
          depth.push(depth[node]! + 1);
          this.child[node] = next;
          if (node === 0) {
            this.root.set(code, next);
            this.starts[code] = 1;
          } else this.widen(node, code, next);
        }
        node = next;
      }
      this.longest[node] = depth[node]!;
    }
    this.link();
  }

  /** Count a new child of a non-root node; past LIST_LIMIT, index its children by character. */
  private widen(node: number, code: number, next: number): void {
    const degree = ++this.degree[node]!;
    const map = this.wide.get(node);
    if (map) map.set(code, next);
    else if (degree > LIST_LIMIT) {
      const index = new Map<number, number>();
      for (let c = this.child[node]!; c !== 0; c = this.sibling[c]!) index.set(this.edge[c]!, c);
      this.wide.set(node, index);
    }
  }

  /** The child of `node` along `code`, or 0. */
  private step(node: number, code: number): number {
    if (node === 0) return this.root.get(code) ?? 0;
    const map = this.wide.get(node);
    if (map) return map.get(code) ?? 0;
    for (let c = this.child[node]!; c !== 0; c = this.sibling[c]!) if (this.edge[c] === code) return c;
    return 0;
  }

  /** A redactor for exactly these texts (forms expanded already, each at least `MIN_NEEDLE` long). */
  static compile(needles: Iterable<string>): Redactor {
    return new Redactor(needles);
  }

  /** Whether there is nothing to look for. */
  get empty(): boolean {
    return this.fail.length === 1;
  }

  /** Failure links, breadth first; `longest` inherits the longest needle that is a suffix. */
  private link(): void {
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (let child = this.child[node]!; child !== 0; child = this.sibling[child]!) {
        queue.push(child);
        if (node !== 0) {
          const code = this.edge[child]!;
          let fallback = this.fail[node]!;
          let target = this.step(fallback, code);
          while (target === 0 && fallback !== 0) {
            fallback = this.fail[fallback]!;
            target = this.step(fallback, code);
          }
          this.fail[child] = target;
        }
        if (this.longest[child] === 0) this.longest[child] = this.longest[this.fail[child]!]!;
      }
    }
  }

  /** Merged `[start, end)` ranges covering every occurrence of every needle, in order. */
  ranges(text: string): [number, number][] {
    const out: [number, number][] = [];
    if (this.empty) return out;
    let node = 0;
    const starts = this.starts;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (node === 0 && starts[code] === 0) continue;
      let child = this.step(node, code);
      while (child === 0 && node !== 0) {
        node = this.fail[node]!;
        child = this.step(node, code);
      }
      node = child;
      const length = this.longest[node]!;
      if (length === 0) continue;
      let start = i + 1 - length;
      // A later match can start before ranges already closed: fold them in (each range is popped once).
      while (out.length > 0 && out[out.length - 1]![1] >= start) start = Math.min(start, out.pop()![0]);
      out.push([start, i + 1]);
    }
    return out;
  }
}

/** Replace the characters inside the ranges with `*`, keeping line breaks. Linear in text plus ranges. */
export function maskRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text;
  const delta = new Int32Array(text.length + 1);
  for (const [start, end] of ranges) {
    const from = Math.max(0, Math.min(start, text.length));
    const to = Math.max(from, Math.min(end, text.length));
    delta[from]! += 1;
    delta[to]! -= 1;
  }
  const chars: string[] = [];
  let depth = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const before = depth > 0;
    depth += delta[i]!;
    if (before !== depth > 0) {
      chars.push(before ? text.slice(at, i).replace(/[^\r\n]/g, '*') : text.slice(at, i));
      at = i;
    }
  }
  const tail = text.slice(at);
  chars.push(depth > 0 ? tail.replace(/[^\r\n]/g, '*') : tail);
  return chars.join('');
}
