/**
 * Differential tests: our HCL v1 parser against HashiCorp's own parsers compiled to JavaScript.
 *
 * - js-hcl-parser is HCL v1 (what Vault uses) built with GopherJS: `parse(text)` returns the JSON
 *   of `hcl.Unmarshal` into `interface{}`, or a string starting with "unable to parse" on error,
 *   and it throws where HCL v1 panics (e.g. `"\400"`). Accept/reject must agree, and when both
 *   accept, `toPlain` must deep-equal its value.
 * - hcl2-parser is HCL v2 through hcl2json; it only judges the HCL2-compatible subset, after the
 *   normalisation described at `leaves`.
 *
 * Known oracle difference, excluded narrowly in `compare`: GopherJS compiles Go's `int` to 32
 * bits, so js-hcl-parser fails on integers outside int32 ("value out of range") that Vault, a
 * 64-bit Go program, reads fine; `toPlain` follows Vault. Lone UTF-16 surrogates are another
 * GopherJS artefact (its string conversion pairs a high surrogate with whatever follows); real
 * Vault reads UTF-8 bytes, so the generators below never produce them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/parse/hcl/index.js';
import { toPlain } from '../helpers/hcl-plain.js';
import type { HclNode } from '../../src/parse/hcl-types.js';

const require = createRequire(import.meta.url);
// Both oracles take 100-400 ms to load: once per file.
const hcl1 = require('js-hcl-parser') as { parse(text: string): string };
const hcl2 = require('hcl2-parser') as { parseToObject(text: string): [unknown, unknown] };

type Verdict = { accepted: true; value: unknown } | { accepted: false; reason: string };

function oracle(text: string): Verdict {
  let out: string;
  try {
    out = hcl1.parse(text);
  } catch (error) {
    // A Go panic inside HCL v1 (Vault would crash on start-up).
    return { accepted: false, reason: `panic: ${(error as Error).message}` };
  }
  if (out.startsWith('unable to parse') || out.startsWith('unable to print')) return { accepted: false, reason: out };
  return { accepted: true, value: JSON.parse(out) };
}

function ours(text: string): Verdict {
  const file = parseHcl(text);
  if (file.errors.length > 0)
    return { accepted: false, reason: file.errors.map((error) => `${error.start}-${error.end} ${error.message}`).join('; ') };
  try {
    return { accepted: true, value: toPlain(file) };
  } catch (error) {
    return { accepted: false, reason: `decode: ${(error as Error).message}` };
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Whether the tree holds the integer literal `raw` with a value GopherJS's 32-bit `int` cannot hold. */
function hasWideInteger(node: HclNode, raw: string): boolean {
  switch (node.type) {
    case 'number':
      return node.raw === raw && Number.isInteger(node.value) && (node.value < INT32_MIN || node.value > INT32_MAX);
    case 'list':
      return node.items.some((element) => hasWideInteger(element, raw));
    case 'object':
      return node.items.some((item) => hasWideInteger(item.value, raw));
    default:
      return false;
  }
}

type Outcome = 'accepted' | 'rejected' | 'excluded' | { mismatch: string };

/** Compares one input with js-hcl-parser. */
function compare(text: string): Outcome {
  const expected = oracle(text);
  const actual = ours(text);
  if (!expected.accepted && actual.accepted) {
    // GopherJS's 32-bit int (see the file comment); Vault decodes these.
    const wide = /ParseInt: parsing "([^"]*)": value out of range/.exec(expected.reason);
    if (wide && hasWideInteger(parseHcl(text).body, wide[1] ?? '')) return 'excluded';
    return { mismatch: `oracle rejects (${expected.reason}), we accept` };
  }
  if (expected.accepted && !actual.accepted) return { mismatch: `oracle accepts, we reject (${actual.reason})` };
  if (!expected.accepted) return 'rejected';
  if (!actual.accepted) return 'rejected';
  try {
    expect(actual.value).toStrictEqual(expected.value);
  } catch {
    return { mismatch: `values differ: oracle ${JSON.stringify(expected.value)}, ours ${JSON.stringify(actual.value)}` };
  }
  return 'accepted';
}

interface Tally {
  accepted: number;
  rejected: number;
  excluded: number;
  mismatches: string[];
}

function tally(cases: string[]): Tally {
  const result: Tally = { accepted: 0, rejected: 0, excluded: 0, mismatches: [] };
  for (const text of cases) {
    const outcome = compare(text);
    if (typeof outcome === 'string') result[outcome]++;
    else result.mismatches.push(`${outcome.mismatch}\n  input: ${JSON.stringify(text)}`);
  }
  return result;
}

// -----------------------------------------------------------------------------------------------
// A deterministic generator of Vault-like configs, and mutations of them

/** Deterministic PRNG (mulberry32): the same seed always yields the same cases. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

interface GenOptions {
  /** Only constructs HCL v2 reads the same way (modulo the normalisation in the test). */
  hcl2: boolean;
}

const WORDS = ['vault', 'raft', 'node', 'zone-a', 'primary', 'kms', 'east', 'x', 'data', 'audit'];
const HOSTS = ['vault-0.vault-internal', '127.0.0.1', '[::]', 'HOST_IP', 'vault.example.com'];

class HclWriter {
  private readonly parts: string[] = [];
  constructor(
    private readonly random: Random,
    private readonly options: GenOptions,
    private readonly newline: string,
  ) {}

  text(): string {
    return this.parts.join('');
  }

  private indent(level: number): string {
    return this.random.chance(0.1) ? '\t'.repeat(level) : '  '.repeat(level);
  }

  private comment(): string {
    const r = this.random;
    const text = r.pick([' a comment', ' expect: tls-enabled/x', ' key = "not a value"', '', ' {[}]']);
    return r.pick(['#', '//'])! + text;
  }

  private stringLiteral(): string {
    const r = this.random;
    const base = r.pick([`https://${r.pick(HOSTS)}:8200`, `/vault/${r.pick(WORDS)}`, r.pick(WORDS), '', '30s', '768h', 'true', '1']);
    let body = base;
    if (r.chance(0.25)) {
      const escapes = this.options.hcl2
        ? ['\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\U0001F600']
        : ['\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\U0001F600', '\\x41', '\\101', '\\a', '\\v', '\\xc3\\xa9'];
      body += r.pick(escapes);
    }
    // Escapes HCL v1 scans but cannot decode (it panics).
    if (!this.options.hcl2 && r.chance(0.01)) body += r.pick(['\\400', '\\U00110000']);
    if (!this.options.hcl2 && r.chance(0.15)) body += r.pick(['${HOSTNAME}', '${env("X")}', '${a.b["c"]}', '${ {x} }']);
    if (r.chance(0.05)) body += 'é😀';
    return `"${body}"`;
  }

  private number(): string {
    const r = this.random;
    if (this.options.hcl2) return r.pick(['0', '1', '8200', '-2', '1.5', '-0.25', '1e3', '2.5E-2', '10', '123456']);
    // Literals HCL v1 scans but handles oddly: `08` fails decoding, `1e` eats the next character.
    if (r.chance(0.01)) return r.pick(['08', '1e', '.5e3', '0x', '0189', '3000000000']);
    return r.pick([
      '0',
      '1',
      '8200',
      '-2',
      '1.5',
      '-0.25',
      '1e3',
      '2.5E-2',
      '0x1F',
      '0X2a',
      '0755',
      '00',
      '-0x10',
      '1.',
      '.5',
      '0.5e+2',
      '2147483647',
      '-2147483648',
      '089.5',
      '1e-3',
    ]);
  }

  private heredoc(level: number): string {
    const r = this.random;
    const nl = this.newline;
    const anchor = r.pick(['EOF', 'EOT', 'POLICY']);
    const lines = ['path "secret/*" {', '  capabilities = ["read"]', '}', '', 'plain line'].slice(0, r.int(1, 5));
    if (!this.options.hcl2 && r.chance(0.5)) {
      const pad = this.indent(level + 1);
      const body = lines.map((line) => (line === '' ? '' : pad + line)).join(nl);
      // HCL v1 needs the terminator of `<<-` indented; an unindented one never ends the heredoc.
      const end = r.chance(0.05) ? '' : pad;
      return `<<-${anchor}${nl}${body}${nl}${end}${anchor}${nl}`;
    }
    const trailing = !this.options.hcl2 && r.chance(0.2) ? '  ' : '';
    return `<<${anchor}${nl}${lines.join(nl)}${nl}${trailing}${anchor}${nl}`;
  }

  private scalar(level: number, allowHeredoc: boolean): string {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.45) return this.stringLiteral();
    if (roll < 0.75) return this.number();
    if (roll < 0.9 || !allowHeredoc) return r.pick(['true', 'false']);
    return this.heredoc(level);
  }

  private list(level: number, depth: number): string {
    const r = this.random;
    const count = r.int(0, 4);
    const elements: string[] = [];
    for (let i = 0; i < count; i++) {
      const roll = r.next();
      if (roll < 0.15 && depth < 2) elements.push(this.objectLiteral(level + 1, depth + 1));
      else if (roll < 0.22 && depth < 2) elements.push(this.list(level + 1, depth + 1));
      else elements.push(this.scalar(level, false));
    }
    const trailing = count > 0 && r.chance(0.3) ? ',' : '';
    if (r.chance(0.3) && count > 0) {
      const pad = this.indent(level + 1);
      return `[${this.newline}${elements.map((e) => pad + e).join(`,${this.newline}`)}${trailing}${this.newline}${this.indent(level)}]`;
    }
    return `[${elements.join(r.pick([', ', ','] as const))}${trailing}]`;
  }

  private key(): string {
    const r = this.random;
    const name = r.pick(['address', 'path', 'region', 'node_id', 'x', 'tls_disable', 'max-size', 'a.b', 'Path', 'key_ring']);
    if (this.options.hcl2) return name.includes('.') ? 'ab' : name;
    if (r.chance(0.15)) return `"${r.pick(['X-Hdr', 'default', 'with space', 'a"b', 'é'])}"`.replace('a"b', 'a\\"b');
    return name;
  }

  private objectLiteral(level: number, depth: number): string {
    const r = this.random;
    const count = r.int(0, 3);
    const entries: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const quoted = r.chance(0.3);
      const key = quoted ? `"${r.pick(['X-Hdr', 'default', 'k-1', 'ab'])}"` : r.pick(['a', 'b', 'c_d']);
      // HCL v2 rejects a key repeated in one object expression.
      if (this.options.hcl2 && seen.has(key.replaceAll('"', ''))) continue;
      seen.add(key.replaceAll('"', ''));
      const value = depth < 2 && r.chance(0.2) ? this.objectLiteral(level + 1, depth + 1) : this.scalar(level + 1, false);
      entries.push(`${key} = ${value}`);
    }
    if (entries.length === 0) return '{}';
    const separator = this.options.hcl2 ? ', ' : r.pick([', ', ',', ' ']);
    const trailing = r.chance(0.3) ? ',' : '';
    if (r.chance(0.5)) {
      const pad = this.indent(level + 1);
      return `{${this.newline}${entries.map((e) => pad + e).join(this.newline)}${this.newline}${this.indent(level)}}`;
    }
    return `{ ${entries.join(separator)}${trailing} }`;
  }

  /** An item line: attribute or block; `used` keeps HCL v2 cases free of duplicate attributes. */
  private item(level: number, depth: number, used: Set<string>): void {
    const r = this.random;
    const pad = this.indent(level);
    const nl = this.newline;
    if (r.chance(0.12)) this.parts.push(pad, r.chance(0.5) ? this.comment() : `/* block${r.chance(0.3) ? nl + ' comment ' : ' '}*/`, nl);
    const roll = r.next();
    if (roll < 0.2 && depth < 3) {
      const name = r.pick(['retry_join', 'telemetry', 'autopilot', 'custom_response_headers']);
      if (this.options.hcl2 && used.has(`attr:${name}`)) return;
      used.add(`block:${name}`);
      this.parts.push(pad, name, ' {', nl);
      this.body(level + 1, depth + 1);
      this.parts.push(pad, '}', nl);
      return;
    }
    if (roll < 0.3 && depth < 3) {
      const name = r.pick(['seal', 'listener', 'storage']);
      const label = r.pick(['"tcp"', '"raft"', '"awskms"', '"transit"']);
      const labels = !this.options.hcl2 && r.chance(0.1) ? `${label} "extra"` : label;
      if (this.options.hcl2) {
        // hcl2json cannot mix label counts under one name, nor blocks with attributes.
        if (used.has(`attr:${name}`)) return;
        used.add(`block:${name}`);
      }
      this.parts.push(pad, name, ' ', labels, ' {', nl);
      this.body(level + 1, depth + 1);
      this.parts.push(pad, '}', nl);
      return;
    }
    let key = this.key();
    // Repeating a key is legal HCL v1 but often fails decoding (`a = 1` then `a = "x"`): keep a
    // few repeats for HCL v1, none for HCL v2, which rejects them.
    const seen = used.has(`attr:${key}`) || used.has(`block:${key}`);
    if (seen && (this.options.hcl2 || r.chance(0.9)))
      key = key.startsWith('"') ? `"${key.slice(1, -1)}_${used.size}"` : `${key}_${used.size}`;
    used.add(`attr:${key}`);
    let value: string;
    const kind = r.next();
    if (kind < 0.12) value = this.list(level, 0);
    else if (kind < 0.2) value = this.objectLiteral(level, 1);
    else value = this.scalar(level, true);
    const comma = !this.options.hcl2 && r.chance(0.15) ? ',' : '';
    const trailingComment = !value.startsWith('<<') && r.chance(0.1) ? ` ${this.comment()}` : '';
    const end = value.startsWith('<<') ? '' : nl;
    this.parts.push(pad, key, r.pick([' = ', '=', ' =  ']), value, comma, trailingComment, end);
  }

  body(level: number, depth: number, used = new Set<string>()): void {
    const count = this.random.int(0, depth === 0 ? 6 : 4);
    for (let i = 0; i < count; i++) this.item(level, depth, used);
  }

  /** The fixed skeleton of a Vault config, with random content inside. */
  vault(): void {
    const r = this.random;
    const nl = this.newline;
    const used = new Set<string>();
    if (r.chance(0.7)) this.parts.push('ui = true', nl);
    used.add('attr:ui');
    for (let i = r.int(1, 2); i > 0; i--) {
      this.parts.push('listener "tcp" {', nl, `  address = "${r.pick(HOSTS)}:8200"`, nl);
      const inner = new Set<string>(['attr:address', 'attr:tls_disable']);
      if (r.chance(0.5)) this.parts.push(`  tls_disable = ${r.pick(['1', 'true', '"true"', '0'])}`, nl);
      this.body(1, 1, inner);
      this.parts.push('}', nl);
    }
    this.parts.push(`storage "raft" {`, nl, '  path = "/vault/data"', nl);
    for (let i = r.int(0, 3); i > 0; i--) {
      this.parts.push('  retry_join {', nl, `    leader_api_addr = "https://${r.pick(HOSTS)}:8200"`, nl);
      if (r.chance(0.3)) this.body(2, 2);
      this.parts.push('  }', nl);
    }
    this.parts.push('}', nl);
    used.add('block:listener').add('block:storage');
    if (r.chance(0.4)) this.parts.push('seal "awskms" {', nl, '  region = "eu-west-1"', nl, '}', nl);
    if (r.chance(0.4))
      this.parts.push('telemetry {', nl, '  prometheus_retention_time = "30s"', nl, '  disable_hostname = true', nl, '}', nl);
    used.add('block:seal').add('block:telemetry');
    const count = r.int(0, 5);
    for (let i = 0; i < count; i++) this.item(0, 0, used);
    if (r.chance(0.5)) this.parts.push('service_registration "kubernetes" {}', nl);
  }
}

/** A random Vault-like HCL config. */
function generateHcl(random: Random, options: GenOptions): string {
  const newline = !options.hcl2 && random.chance(0.1) ? '\r\n' : '\n';
  const writer = new HclWriter(random, options, newline);
  writer.vault();
  return writer.text();
}

function jsonValue(random: Random, depth: number): unknown {
  const roll = random.next();
  if (depth < 3 && roll < 0.2) return jsonObject(random, depth + 1);
  if (depth < 3 && roll < 0.3) {
    const objects = random.chance(0.6);
    const items: unknown[] = [];
    for (let i = random.int(0, 3); i > 0; i--) items.push(objects ? jsonObject(random, depth + 1) : jsonScalar(random));
    return items;
  }
  return jsonScalar(random);
}

function jsonScalar(random: Random): unknown {
  return random.pick<unknown>([
    1,
    -2,
    0,
    1.5,
    -0.25,
    1e21,
    2147483647,
    'x',
    '',
    'https://vault:8200',
    '${HOSTNAME}',
    'é\n"\\',
    true,
    false,
    null,
  ]);
}

function jsonObject(random: Random, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = random.int(0, 3); i > 0; i--)
    out[random.pick(['a', 'b', 'path', 'address', 'tcp', 'raft', 'X-Hdr'])] = jsonValue(random, depth);
  return out;
}

/** A random Vault-shaped JSON config (HCL v1's JSON mode). */
function generateJson(random: Random): string {
  const doc: Record<string, unknown> = {};
  if (random.chance(0.7)) doc.ui = random.pick([true, false, 'true', 1]);
  const listeners = [];
  for (let i = random.int(1, 2); i > 0; i--) listeners.push({ tcp: { address: `${random.pick(HOSTS)}:8200`, ...jsonObject(random, 2) } });
  doc.listener = random.chance(0.5) ? listeners : listeners[0];
  doc.storage = {
    raft: {
      path: '/vault/data',
      ...(random.chance(0.5)
        ? { retry_join: [{ leader_api_addr: 'https://vault-0:8200' }, { leader_api_addr: 'https://vault-1:8200' }] }
        : {}),
    },
  };
  if (random.chance(0.5)) doc.telemetry = { disable_hostname: true, prometheus_retention_time: '30s' };
  for (let i = random.int(0, 3); i > 0; i--)
    doc[random.pick(['extra', 'seal', 'plugin_directory', 'max_lease_ttl'])] = jsonValue(random, 1);
  const text = JSON.stringify(doc, null, random.pick([0, 2, 4]));
  return random.chance(0.3) ? `  ${text}` : `${text}\n`;
}

const NOISE = ['{', '}', '[', ']', '=', '"', ',', '#', '/', '\n', '\\', ' ', 'x', '1', '.', '-', '<', '$', ':', '*', 'e'];

/** One to three random edits that often break the syntax (on code points: no lone surrogates). */
function mutate(random: Random, text: string): string {
  let chars = Array.from(text);
  const positions = (pattern: RegExp): number[] => chars.flatMap((char, index) => (pattern.test(char) ? [index] : []));
  for (let edits = random.int(1, 3); edits > 0 && chars.length > 0; edits--) {
    const at = random.int(0, chars.length - 1);
    switch (random.int(0, 7)) {
      case 0: // delete a character
        chars.splice(at, 1);
        break;
      case 1: // duplicate a character
        chars.splice(at, 0, chars[at]!);
        break;
      case 2: {
        // remove a brace or bracket
        const braces = positions(/[{}[\]]/);
        if (braces.length > 0) chars.splice(random.pick(braces), 1);
        break;
      }
      case 3: {
        // remove a quote, leaving a string unterminated
        const quotes = positions(/"/);
        if (quotes.length > 0) chars.splice(random.pick(quotes), 1);
        break;
      }
      case 4: // insert noise
        chars.splice(at, 0, random.pick(NOISE));
        break;
      case 5: // truncate
        chars = chars.slice(0, at);
        break;
      case 6: {
        // delete a whole line
        const lines = chars.join('').split('\n');
        lines.splice(random.int(0, lines.length - 1), 1);
        chars = Array.from(lines.join('\n'));
        break;
      }
      default: {
        // delete the value after an "="
        const text = chars.join('');
        const assigns = [...text.matchAll(/= *("[^"\n]*"|[\w.+-]+)/g)];
        if (assigns.length > 0) {
          const match = random.pick(assigns);
          const index = (match.index ?? 0) + match[0].indexOf(match[1] ?? '');
          chars = Array.from(text.slice(0, index) + text.slice(index + (match[1]?.length ?? 0)));
        }
      }
    }
  }
  return chars.join('');
}

// -----------------------------------------------------------------------------------------------
// (a) Configs embedded in the fixtures and the chart's defaults

const CONFIG_PATHS = [
  ['server', 'standalone', 'config'],
  ['server', 'ha', 'config'],
  ['server', 'ha', 'raft', 'config'],
];

function yamlFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

function configsIn(values: unknown): string[] {
  const found: string[] = [];
  for (const path of CONFIG_PATHS) {
    let node: unknown = values;
    for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (typeof node === 'string') found.push(node);
  }
  return found;
}

const fixtureConfigs = yamlFiles(new URL('../../fixtures', import.meta.url).pathname).flatMap((file) => {
  try {
    return configsIn(load(readFileSync(file, 'utf8'))).map((config) => ({ file, config }));
  } catch {
    return []; // Invalid YAML fixtures test the YAML layer, not this one.
  }
});

/** The chart's values.yaml as data: JSON files, or the generated modules exporting `chartDefaults`. */
async function chartDefaultValues(): Promise<unknown[]> {
  const folder = new URL('../../src/model/chart-defaults/', import.meta.url);
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    return [];
  }
  const values: unknown[] = [];
  for (const entry of entries) {
    const url = new URL(entry, folder);
    if (entry.endsWith('.json')) values.push(JSON.parse(readFileSync(url, 'utf8')));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) {
      const module = (await import(pathToFileURL(url.pathname).href)) as { chartDefaults?: unknown };
      if (module.chartDefaults !== undefined) values.push(module.chartDefaults);
    }
  }
  return values;
}

const defaultConfigs = (await chartDefaultValues()).flatMap(configsIn);

describe('js-hcl-parser agreement on real configs', () => {
  it(`agrees on the ${fixtureConfigs.length} configs embedded in fixtures`, () => {
    const mismatches = fixtureConfigs.flatMap(({ file, config }) => {
      const outcome = compare(config);
      return typeof outcome === 'string' ? [] : [`${file}: ${outcome.mismatch}`];
    });
    expect(mismatches).toEqual([]);
  });

  it.skipIf(defaultConfigs.length === 0)(
    `agrees on the ${defaultConfigs.length} default configs of the chart versions in src/model/chart-defaults`,
    () => {
      const result = tally(defaultConfigs);
      expect(result.mismatches).toEqual([]);
      expect(result.accepted).toBe(defaultConfigs.length);
    },
  );
});

// -----------------------------------------------------------------------------------------------
// (b) Generated and mutated configs

const HCL_VALID = 250;
const HCL_MUTATED = 250;
const JSON_VALID = 80;
const JSON_MUTATED = 120;
const GENERATED = HCL_VALID + HCL_MUTATED + JSON_VALID + JSON_MUTATED;

function generatedCases(): { valid: string[]; mutated: string[] } {
  const random = new Random(0x5eed);
  const valid: string[] = [];
  const mutated: string[] = [];
  for (let i = 0; i < HCL_VALID; i++) valid.push(generateHcl(random, { hcl2: false }));
  for (let i = 0; i < HCL_MUTATED; i++) mutated.push(mutate(random, generateHcl(random, { hcl2: false })));
  for (let i = 0; i < JSON_VALID; i++) valid.push(generateJson(random));
  for (let i = 0; i < JSON_MUTATED; i++) mutated.push(mutate(random, generateJson(random)));
  return { valid, mutated };
}

describe('js-hcl-parser agreement on generated configs', () => {
  const { valid, mutated } = generatedCases();

  it('generates the same cases from the same seed', () => {
    const again = generatedCases();
    expect(again.valid).toEqual(valid);
    expect(again.mutated).toEqual(mutated);
    expect(valid.length + mutated.length).toBe(GENERATED);
  });

  it(`agrees with js-hcl-parser on ${GENERATED} generated configs`, () => {
    const unmutated = tally(valid);
    const broken = tally(mutated);
    expect([...unmutated.mismatches, ...broken.mismatches]).toEqual([]);
    // The generator must keep producing configs on both sides of the line, or the test proves little.
    expect(unmutated.accepted + unmutated.excluded).toBeGreaterThan(valid.length * 0.6);
    expect(broken.rejected).toBeGreaterThan(mutated.length * 0.3);
    expect(broken.accepted).toBeGreaterThan(mutated.length * 0.15);
    expect(unmutated.excluded + broken.excluded).toBeLessThan(GENERATED * 0.05);
  });
});

// -----------------------------------------------------------------------------------------------
// (c) The HCL2-compatible subset against hcl2-parser

/**
 * hcl2json and HCL v1 shape the same config differently: HCL v1 wraps every block and object
 * value in an array of objects (`listener: [{tcp: [{...}]}]`), hcl2json nests labels as objects
 * and groups same-labelled blocks (`listener: {tcp: [{...}, {...}]}`), and object attributes stay
 * plain objects. Both reduce to the same sorted list of leaves `path=value`, where the path
 * drops array indexes of arrays holding only objects (blocks), keeps them for other arrays, and
 * empty objects and arrays are leaves of their own.
 */
function leaves(value: unknown, path = '', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${path}=[]`);
    else if (value.every((element) => element !== null && typeof element === 'object' && !Array.isArray(element))) {
      for (const element of value) leaves(element, path, out);
    } else value.forEach((element, index) => leaves(element, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) out.push(`${path}={}`);
    for (const key of keys) leaves((value as Record<string, unknown>)[key], `${path}.${key}`, out);
  } else out.push(`${path}=${JSON.stringify(value)}`);
  return out;
}

const HCL2_CASES = 150;

describe('hcl2-parser agreement on the HCL2-compatible subset', () => {
  it('normalises both shapes of a block to the same leaves', () => {
    expect(leaves({ listener: [{ tcp: [{ a: 1 }] }, { tcp: [{ a: 2 }] }] }).sort()).toEqual(
      leaves({ listener: { tcp: [{ a: 1 }, { a: 2 }] } }).sort(),
    );
    expect(leaves({ a: [1, { b: [] }] })).toEqual(['.a[0]=1', '.a[1].b=[]']);
    expect(leaves({ a: [{ b: 1 }] })).not.toEqual(leaves({ a: [{ b: '1' }] }));
  });

  it(`agrees with hcl2-parser on ${HCL2_CASES} HCL2-compatible generated configs`, () => {
    const random = new Random(0x4c2);
    const mismatches: string[] = [];
    for (let i = 0; i < HCL2_CASES; i++) {
      const text = generateHcl(random, { hcl2: true });
      const file = parseHcl(text);
      let value: unknown;
      let error: unknown;
      try {
        [value, error] = hcl2.parseToObject(text);
      } catch (panic) {
        error = panic; // hcl2json panics on shapes it cannot convert
      }
      if (file.errors.length > 0 || error) {
        mismatches.push(`rejected: ours ${JSON.stringify(file.errors)}, hcl2 ${String(error)}\n  input: ${JSON.stringify(text)}`);
        continue;
      }
      const expected = leaves(value).sort();
      const actual = leaves(toPlain(file)).sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `leaves differ: ${JSON.stringify(actual.filter((leaf) => !expected.includes(leaf)))} vs ${JSON.stringify(expected.filter((leaf) => !actual.includes(leaf)))}\n  input: ${JSON.stringify(text)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
