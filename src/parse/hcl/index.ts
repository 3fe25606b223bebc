/**
 * Positioned parser for HCL v1, the configuration language Vault reads its server config with.
 *
 * It reproduces what `github.com/hashicorp/hcl` (v1) accepts, quirks included, because the linter
 * must judge a config the way Vault will. The jobs live in their own modules: `scanner` (text to
 * tokens), `parser` (the HCL grammar with error recovery) and `json` (HCL v1's JSON mode) on top
 * of `tree-builder` (tokens to nodes), `strings` and `numbers` (values decoded as Go and HCL v1 do)
 * and `chars` (character classes).
 */
import type { HclFile, HclSyntaxError } from '../hcl-types.js';
import { isGoSpace } from './chars.js';
import { HclParser } from './parser.js';
import { JsonParser } from './json.js';

/**
 * Parses HCL v1 (or JSON, when the first non-blank character is `{`) into a positioned tree.
 *
 * Never throws. Offsets are 0-based UTF-16 indexes into `text`, end exclusive. `errors` lists
 * everything HCL v1 would reject (its first error aborts Vault's start-up); `warnings` lists what
 * it accepts but drops. Comments are collected with spans covering their markers; their `text` is
 * what lies between the markers. In JSON mode the tree is flattened the way HCL v1 does it,
 * so `{"storage": {"raft": {...}}}` reads like `storage "raft" {...}`, and `null` becomes `""`.
 */
export function parseHcl(text: string): HclFile {
  const json = isJsonMode(text);
  const parser = json ? new JsonParser(text) : new HclParser(text);
  const body = parser.parseDocument();
  const file: HclFile = { body, errors: finish(parser.errors), comments: parser.comments, json };
  if (parser.warnings.length > 0) file.warnings = finish(parser.warnings);
  return file;
}

function isJsonMode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) return true;
    if (!isGoSpace(c)) return false;
  }
  return false;
}

/** Sorts problems by position and drops repeats of the same span (cascades at end of input). */
function finish(list: HclSyntaxError[]): HclSyntaxError[] {
  const sorted = list.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const out: HclSyntaxError[] = [];
  for (const entry of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === entry.start && last.end === entry.end) continue;
    out.push(entry);
  }
  return out;
}
