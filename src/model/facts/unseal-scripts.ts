import type { ConfiguredRelease } from '../config/release.js';
import type { Locatable, Place, ValueNode } from '../values/tree.js';
import { walkStrings, type SecretFact } from '../secrets.js';
import type { SealFact } from './seals.js';

/**
 * A script in the values that creates, uses or keeps Vault's unseal (or recovery) keys or its root
 * token inside a pod: `postStart`, a container's `command`/`args`, a lifecycle hook, any string
 * holding shell. One per script, at the step that brings the keys into the pod.
 */
export interface UnsealKeyScript extends Locatable {
  /**
   * `init`: the script runs `vault operator init` (or PUTs `sys/init`), whose output holds the keys
   * and the initial root token; `unseal`: it runs `vault operator unseal`, so a key is in the pod;
   * `stored`: it writes keys or a root token to a file or to Vault.
   */
  kind: 'init' | 'unseal' | 'stored';
  /** `recovery` when the release auto-unseals or the init asks for recovery shares: init then yields recovery keys. */
  keys: 'unseal' | 'recovery';
  /** The values path of the string. */
  where: string;
  /** The other steps of the same script that handle the keys (writes, unseals). */
  related: Locatable[];
  /**
   * Unseal keys written into the script itself (`vault operator unseal <key>`, in any step): secrets
   * the run knows, so they are masked wherever the script is printed.
   */
  keyLiterals: { value: string; place: () => Place }[];
}

/**
 * The key argument of `vault operator unseal`: a share as Vault prints it (base64 or hex), not a
 * flag, a variable, a command substitution or a URL.
 */
const KEY_LITERAL = /^[A-Za-z0-9+/=_-]{16,}$/;

/**
 * The first argument of an unseal that is not a flag, if it is a key share: read from `from` (just
 * after `unseal`) to the end of the command, at most 500 characters, quotes around it dropped.
 */
function keyLiteralAfter(text: string, from: number): { start: number; value: string } | undefined {
  const rest = text.slice(from, from + 500);
  const command = rest.slice(0, rest.search(/[\n;&|#]|$/));
  for (const word of command.matchAll(/\S+/g)) {
    const bare = word[0].replace(/^["']|["']$/g, '');
    if (bare.startsWith('-')) continue;
    if (!KEY_LITERAL.test(bare)) return undefined;
    return { start: from + word.index + word[0].indexOf(bare), value: bare };
  }
  return undefined;
}

/**
 * One command of a shell line: `vault operator init` or `unseal` and its flags, up to the end of
 * the command (a line break, `;`, `&`, `|`, a redirection, a comment, or a closing quote or
 * parenthesis of a `$( … )`).
 */
const OPERATOR = /\bvault\s+operator\s+(init|unseal)\b([^\n;&|)"'<>#]{0,500})/g;
/** The HTTP form of init: a line with curl or wget that PUTs or posts data to `/v1/sys/init`. */
const HTTP_CLIENT = /\b(?:curl|wget)\b/;
const HTTP_WRITE = /-X\s*PUT|--request[=\s]+PUT|\s(?:-d|--data(?:-raw|-binary)?|--method=PUT|--post-data)[=\s]/;
/** A line that names the keys or the root token… */
const KEY_WORDS = /unseal_?keys?|recovery_?keys?|root_?token|keys_b64|keys_base64/i;
/** …and writes it somewhere: a redirection, `tee`, a Vault write. */
const KEY_WRITE = /(?:^|[^0-9&>])>>?\s*(?!\/dev\/null)[^\s&>]|\btee\b|\bvault\s+(?:kv\s+put|kv\s+patch|write)\b/;

/** Whether the init keeps its output encrypted: every share and the root token under PGP keys. */
function encryptedInit(flags: string): boolean {
  const shares = /-(?:recovery-)?pgp-keys[=\s]/.test(flags);
  return shares && /-root-token-pgp-key[=\s]/.test(flags);
}

interface Step {
  kind: UnsealKeyScript['kind'];
  start: number;
  end: number;
  recovery: boolean;
  /** An unseal key written as the argument, by its offset in the text. */
  key?: { start: number; value: string };
}

function stepsOf(text: string): Step[] {
  const steps: Step[] = [];
  for (const match of text.matchAll(OPERATOR)) {
    const flags = match[2] ?? '';
    if (match[1] === 'init') {
      // `-status` only asks whether Vault is initialised.
      if (/(^|\s)--?status\b/.test(flags) || encryptedInit(flags)) continue;
      steps.push({
        kind: 'init',
        start: match.index,
        end: match.index + match[0].trimEnd().length,
        recovery: /-recovery-shares/.test(flags),
      });
    } else if (!/(^|\s)--?help\b/.test(flags)) {
      const key = keyLiteralAfter(text, match.index + match[0].length - flags.length);
      steps.push({ kind: 'unseal', start: match.index, end: match.index + match[0].trimEnd().length, recovery: false, key });
    }
  }
  // Steps found above start in order within each pattern; one pass over their starts finds the lines that have one.
  const starts = steps.map((step) => step.start).sort((a, b) => a - b);
  let next = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    while (next < starts.length && starts[next]! < offset) next++;
    const hasStep = next < starts.length && starts[next]! < offset + line.length;
    const indent = line.length - line.trimStart().length;
    const whole = { start: offset + indent, end: offset + line.trimEnd().length, recovery: false };
    if (!hasStep && line.includes('/v1/sys/init') && HTTP_CLIENT.test(line) && HTTP_WRITE.test(line))
      steps.push({ kind: 'init', ...whole });
    else if (!hasStep && KEY_WORDS.test(line) && KEY_WRITE.test(line)) steps.push({ kind: 'stored', ...whole });
    offset += line.length + 1;
  }
  return steps.sort((a, b) => a.start - b.start);
}

const PRIORITY: Record<Step['kind'], number> = { init: 0, unseal: 1, stored: 2 };

/**
 * The scripts in the user's values that bring unseal keys or a root token into a pod. The finding
 * goes to the step that does it first in importance (init, then unseal, then a write); the other
 * steps of the same string are related. Vault config strings are not scripts and are not read.
 */
export function collectUnsealKeyScripts(model: ConfiguredRelease & { readonly seal: SealFact | undefined }): UnsealKeyScript[] {
  const configSources = new Set(model.userConfigs.map((config) => config.source));
  const autoUnseal = model.seal !== undefined && model.seal.type !== 'shamir';
  const out: UnsealKeyScript[] = [];
  walkStrings(model.values, (node) => {
    if (configSources.has(node)) return;
    const text = node.value as string;
    if (!text.includes('vault') && !text.includes('sys/init') && !KEY_WORDS.test(text)) return;
    const steps = stepsOf(text);
    if (steps.length === 0) return;
    const main = steps.reduce((best, step) => (PRIORITY[step.kind] < PRIORITY[best.kind] ? step : best));
    const at = (step: Step): Locatable => ({ place: (): Place => node.placeOfSpan(step.start, step.end) });
    out.push({
      kind: main.kind,
      keys: autoUnseal || main.recovery ? 'recovery' : 'unseal',
      where: node.path.join('.'),
      place: at(main).place,
      related: steps.filter((step) => step !== main).map(at),
      keyLiterals: steps.flatMap(({ key }) =>
        key ? [{ value: key.value, place: (): Place => node.placeOfSpan(key.start, key.start + key.value.length) }] : [],
      ),
    });
  });
  collectExecForms(model.values, autoUnseal, out);
  return out;
}

/**
 * Exec-form commands that need no shell: a list such as `postStart: [vault, operator, init, …]` or
 * a container's `command`, one word per item. Reported from `vault` to the subcommand.
 */
function collectExecForms(values: ValueNode, autoUnseal: boolean, out: UnsealKeyScript[]): void {
  const stack = [values];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node.isUserSet || node.kind === 'scalar') continue;
    for (const child of node.children.values()) stack.push(child);
    const items = node.items;
    for (const item of items) stack.push(item);
    const words = items.map((item) => (typeof item.value === 'string' ? item.value.trim() : ''));
    const at = words.findIndex(
      (word, i) => /(^|\/)vault$/.test(word) && words[i + 1] === 'operator' && /^(init|unseal)$/.test(words[i + 2] ?? ''),
    );
    if (at < 0) continue;
    const flags = words.slice(at + 3).join(' ');
    const init = words[at + 2] === 'init';
    if (init ? /(^|\s)--?status\b/.test(flags) || encryptedInit(`${flags} `) : /(^|\s)--?help\b/.test(flags)) continue;
    const first = items[at]!.place();
    const last = items[at + 2]!.place();
    const place: Place = first.layer === last.layer && !first.approximate && !last.approximate ? { ...first, end: last.end } : last;
    // The key share, one item of its own after the flags.
    const keyItem = init ? undefined : items.slice(at + 3).find((_, i) => !words[at + 3 + i]!.startsWith('-'));
    const keyLiterals =
      keyItem && KEY_LITERAL.test(words[items.indexOf(keyItem)]!)
        ? [{ value: words[items.indexOf(keyItem)]!, place: () => keyItem.place() }]
        : [];
    out.push({
      kind: init ? 'init' : 'unseal',
      keys: autoUnseal || /-recovery-shares/.test(flags) ? 'recovery' : 'unseal',
      where: node.path.join('.'),
      place: () => place,
      related: [],
      keyLiterals,
    });
  }
}

/** The unseal keys written into scripts, as secrets of the run (reported by no-unseal-keys-in-pod, masked everywhere). */
export function unsealKeySecrets(scripts: readonly UnsealKeyScript[]): SecretFact[] {
  return scripts.flatMap((script) =>
    script.keyLiterals.map((key) => ({
      kind: 'unsealKey' as const,
      name: 'unseal key',
      where: script.where,
      value: key.value,
      place: key.place,
    })),
  );
}
