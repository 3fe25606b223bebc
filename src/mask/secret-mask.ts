import { maskRanges, printedForms, Redactor, SECRET_MASK } from './redactor.js';

/** A compiled group of needles and their total length, which is what compiling it costs. */
interface Level {
  redactor: Redactor;
  needles: string[];
  size: number;
}

/** What the model knows must be masked in a text beyond its needles: a secret's exact span. */
export interface MaskSpan {
  start: number;
  end: number;
}

/**
 * The secrets a run knows, and the one place that hides them in output: findings and every string
 * in them, code frames, `--set` labels, `render`, error messages.
 *
 * Secrets arrive file by file, so the set grows. A single automaton would have to be rebuilt from
 * scratch for each file that brings a new secret, which is quadratic over a run. Instead the needles
 * are kept in a few automata whose sizes at least double from the newest to the oldest: a new batch
 * becomes the newest, merged with the ones above it that are no larger. Each needle is therefore
 * recompiled O(log n) times over a run (n: total needle length), and a text is scanned by at most
 * O(log n) automata; with the usual handful of secrets there is one.
 */
export class SecretMask {
  private readonly known = new Set<string>();
  private readonly levels: Level[] = [];

  /** A mask that knows these secrets. */
  static of(secrets: Iterable<string>): SecretMask {
    const mask = new SecretMask();
    mask.add(secrets);
    return mask;
  }

  /** Learn more secrets, in every form they could be printed in; true when any was new. */
  add(secrets: Iterable<string>): boolean {
    let needles: string[] = [];
    let size = 0;
    for (const secret of secrets) {
      for (const form of printedForms(secret)) {
        if (this.known.has(form)) continue;
        this.known.add(form);
        needles.push(form);
        size += form.length;
      }
    }
    if (needles.length === 0) return false;
    for (let top = this.levels.at(-1); top !== undefined && top.size <= size; top = this.levels.at(-1)) {
      this.levels.pop();
      needles = top.needles.concat(needles);
      size += top.size;
    }
    this.levels.push({ redactor: Redactor.compile(needles), needles, size });
    return true;
  }

  /** Whether there is nothing to look for. */
  get empty(): boolean {
    return this.levels.length === 0;
  }

  /** How many automata a text is scanned with (for tests of the bound above). */
  get automata(): number {
    return this.levels.length;
  }

  /** Merged `[start, end)` ranges covering every occurrence of every known form, in order. */
  ranges(text: string): [number, number][] {
    if (this.levels.length === 1) return this.levels[0]!.redactor.ranges(text);
    const all = this.levels.flatMap((level) => level.redactor.ranges(text)).sort((a, b) => a[0] - b[0]);
    const out: [number, number][] = [];
    for (const range of all) {
      const last = out.at(-1);
      if (last && last[1] >= range[0]) last[1] = Math.max(last[1], range[1]);
      else out.push([range[0], range[1]]);
    }
    return out;
  }

  /** The text with each run of secret text replaced by `****`. */
  scrub(text: string): string {
    const ranges = this.ranges(text);
    if (ranges.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of ranges) {
      out += text.slice(at, start) + SECRET_MASK;
      at = end;
    }
    return out + text.slice(at);
  }

  /**
   * The text with secret characters, and those of the extra spans, replaced by `*` one for one,
   * line breaks kept, so offsets, lines and columns still hold (code frames, `--set` labels).
   */
  mask(text: string, extra: readonly MaskSpan[] = []): string {
    const ranges = this.empty ? [] : this.ranges(text);
    for (const { start, end } of extra) ranges.push([start, end]);
    return maskRanges(text, ranges);
  }

  /** The value with every string inside it scrubbed, whatever fields it has or grows; plain data only. */
  scrubAll<T>(value: T): T {
    if (this.empty) return value;
    return this.walk(value);
  }

  /**
   * The one scrub point of a result on its way to a reporter: its `source` masked one for one (with
   * the spans the model knows hold secrets), so code frames keep their columns, and every other
   * string in it scrubbed.
   */
  scrubResult<T extends { source?: string }>(result: T, spans: readonly MaskSpan[] = []): T {
    const { source, ...rest } = result;
    const out = this.scrubAll(rest) as T;
    if (source !== undefined) out.source = this.mask(source, spans);
    return out;
  }

  private walk<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.walk(item)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.walk(item);
      return out as T;
    }
    return value;
  }
}
