/**
 * secretlint's recommended rule preset, run over a release's candidate strings. This module is
 * imported only when a release has a string that passes the cheap prefilter in `secret-scan.ts`:
 * loading the preset costs tens of milliseconds, which most values files never pay.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommended } from '@secretlint/secretlint-rule-preset-recommend';

// secretlint's core marks the start and end of every rule of every call in one process-wide
// profiler, which keeps every mark and, for each end mark, searches all the marks kept so far: time
// quadratic in the calls of a run, and memory that only grows. Nothing here reads the profile, so
// the marks are not taken (the profiler is the instance core imports: one exact version of both).
secretLintProfiler.mark = () => undefined;

/** A span of a text that a secretlint rule reports as a credential. */
export interface SecretlintHit {
  start: number;
  end: number;
  /** The reporting rule without its package scope: `secretlint-rule-privatekey`. */
  rule: string;
}

/** One string to scan; `json` marks a JSON document (secretlint's GCP rule reads key files only from `.json` sources). */
export interface SecretlintText {
  content: string;
  json: boolean;
}

// The preset's rules, each registered on its own, without `filter-comments`: `secretlint-disable`
// comments are secretlint's own suppressions (vault-lint has its own), and a comment in one string
// must not silence the strings scanned after it. (A preset cannot switch one of its rules off.)
const CONFIG = {
  rules: recommended
    .filter((rule) => rule.meta.id !== '@secretlint/secretlint-rule-filter-comments')
    .map((rule) => ({ id: rule.meta.id, rule })),
};

/**
 * Bounds that keep the scan linear. secretlint compares each message of one call with every later
 * one, so no call gets more than `CHUNK` characters: strings are batched up to that size, a longer
 * string is scanned in windows of that size that overlap by `OVERLAP` (longer than any secret the
 * rules match: a PEM body is at most 10,000 characters), and at most `MAX_JSON_DOCUMENTS` JSON
 * documents of at most `CHUNK` characters are scanned one by one as key files; the others are
 * scanned as text, where a private key inside them is still found.
 */
export const CHUNK = 24 * 1024;
const OVERLAP = 12 * 1024;
export const MAX_JSON_DOCUMENTS = 100;

/**
 * Lines that end one string and start the next in a batch: a line break stops every rule's
 * pattern that allows whitespace only where it meets a character no rule accepts (NUL).
 */
const SEPARATOR = '\n\u0000\n';

/** A piece of one text: all of it, or one window of a long one. */
interface Piece {
  index: number;
  offset: number;
  content: string;
}

/** The credentials secretlint finds in each text, in the order given. */
export async function secretlintHits(texts: readonly SecretlintText[]): Promise<SecretlintHit[][]> {
  const out: SecretlintHit[][] = texts.map(() => []);
  const pieces: Piece[] = [];
  let documents = 0;
  for (const [index, { content, json }] of texts.entries()) {
    if (json && content.length <= CHUNK && documents++ < MAX_JSON_DOCUMENTS) {
      out[index] = await lint(content, true);
      continue;
    }
    for (let offset = 0; ; offset += CHUNK - OVERLAP) {
      pieces.push({ index, offset, content: content.slice(offset, offset + CHUNK) });
      if (offset + CHUNK >= content.length) break;
    }
  }
  const seen = new Set<string>();
  for (let first = 0; first < pieces.length;) {
    // One call for as many pieces as fit in a chunk; a hit across two pieces is no hit.
    const starts: number[] = [];
    let batch = '';
    let last = first;
    while (last < pieces.length && (last === first || batch.length + pieces[last]!.content.length <= CHUNK)) {
      starts.push(batch.length);
      batch += pieces[last++]!.content + SEPARATOR;
    }
    for (const hit of await lint(batch, false)) {
      const k = lastAtOrBefore(starts, hit.start);
      const piece = pieces[first + k]!;
      if (hit.end - starts[k]! > piece.content.length) continue;
      const start = hit.start - starts[k]! + piece.offset;
      const end = hit.end - starts[k]! + piece.offset;
      // Overlapping windows of one long text find the same secret twice.
      const key = `${piece.index}:${start}:${end}:${hit.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out[piece.index]!.push({ start, end, rule: hit.rule });
    }
    first = last;
  }
  return out;
}

/** The index of the last value at or before `at` in an ascending list that starts at 0. */
function lastAtOrBefore(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

async function lint(content: string, json: boolean): Promise<SecretlintHit[]> {
  const result = await lintSource({
    source: { content, filePath: json ? 'value.json' : 'value.txt', ext: json ? '.json' : '.txt', contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  return result.messages.map((message) => {
    const [start, end] = exactRange(content, message.range, message.data);
    return { start, end, rule: message.ruleId.replace(/^@secretlint\//, '') };
  });
}

/**
 * The range of the secret itself. A rule may report a range that starts at the key before the
 * value but has the value's length (the AWS secret access key rule does): when the message data
 * holds the secret text, its occurrence at or after the reported start is the secret.
 */
function exactRange(content: string, range: readonly [number, number], data: unknown): [number, number] {
  const [start, end] = range;
  if (data === null || typeof data !== 'object') return [start, end];
  for (const value of Object.values(data as Record<string, unknown>)) {
    if (typeof value !== 'string' || value.length === 0 || content.slice(start, start + value.length) === value) continue;
    // Only near the reported start: the batch is long, and a search to its end for each hit would not be linear.
    const at = content.slice(start, end + value.length).indexOf(value);
    if (at >= 0) return [start + at, start + at + value.length];
  }
  return [start, end];
}
