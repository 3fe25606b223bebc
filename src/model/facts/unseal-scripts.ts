import type { ConfiguredRelease } from '../config/release.js';
import type { Locatable, Place, ValueNode } from '../values/tree.js';
import type { SecretFact } from '../secrets.js';
import type { SealFact } from './seals.js';
import { SERVER_POD_MODES } from './rendered.js';

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
  /** Key shares written in plain text as the argument of `vault operator unseal`: known secrets, masked in every output. */
  keyShares: KeyShare[];
}

/** An unseal or recovery key share written in plain text in a script. */
export interface KeyShare extends Locatable {
  /** The share itself, kept only to scrub it from any output. */
  value: string;
}

/**
 * A word that can only be a key share given to `vault operator unseal`: not a flag, no shell
 * expansion or quoting left, base64 or hex of at least 16 characters (Vault's shares are 44 base64
 * or 64 hex characters; the shortest sensible ones are still far longer than a placeholder word),
 * not starting with `/` (a path to a key file).
 */
const SHARE = /^[A-Za-z0-9+][A-Za-z0-9+/]{15,}={0,2}$/;

/**
 * The key shares written literally among the words after `vault operator unseal` (quoted ones too),
 * up to the end of the command and at most 600 characters, with their offsets in `text`.
 */
function sharesIn(text: string, from: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const rest = text.slice(from, from + 600);
  const stop = rest.search(/[\n;&|<>#)]/);
  for (const word of (stop < 0 ? rest : rest.slice(0, stop)).matchAll(/\S+/g)) {
    // A variable or command substitution supplies the key from elsewhere: nothing after it is a literal argument.
    if (/[$`]/.test(word[0])) break;
    const start = from + word.index + (/^["']/.test(word[0]) ? 1 : 0);
    const end = from + word.index + word[0].length - (/["']$/.test(word[0]) && word[0].length > 1 ? 1 : 0);
    if (SHARE.test(text.slice(start, end))) out.push({ start, end });
  }
  return out;
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
  /** For `unseal`: the key shares written literally as its argument. */
  shares?: { start: number; end: number }[];
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
      const end = match.index + match[0].trimEnd().length;
      steps.push({
        kind: 'unseal',
        start: match.index,
        end,
        recovery: false,
        shares: sharesIn(text, match.index + match[0].length - flags.length),
      });
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
  for (const node of model.userStrings) {
    if (configSources.has(node)) continue;
    const text = node.value as string;
    // Exactly the strings stepsOf can find a step in: OPERATOR needs `operator`, an HTTP init `/v1/sys/init`,
    // a stored key one of KEY_WORDS. Most strings (image names, paths under /vault) have none of them.
    if (!text.includes('operator') && !text.includes('sys/init') && !KEY_WORDS.test(text)) continue;
    const steps = stepsOf(text);
    if (steps.length === 0) continue;
    const main = steps.reduce((best, step) => (PRIORITY[step.kind] < PRIORITY[best.kind] ? step : best));
    const at = (span: { start: number; end: number }): Locatable => ({ place: (): Place => node.placeOfSpan(span.start, span.end) });
    out.push({
      kind: main.kind,
      keys: autoUnseal || main.recovery ? 'recovery' : 'unseal',
      where: node.path.join('.'),
      place: at(main).place,
      related: steps.filter((step) => step !== main).map(at),
      keyShares: steps.flatMap((step) => step.shares ?? []).map((share) => ({ ...at(share), value: text.slice(share.start, share.end) })),
    });
  }
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
    const keyShares = init
      ? []
      : items.slice(at + 3).flatMap((item) => {
          const word = typeof item.value === 'string' ? item.value.trim() : '';
          return SHARE.test(word) ? [{ value: word, place: () => item.place() }] : [];
        });
    const place: Place = first.layer === last.layer && !first.approximate && !last.approximate ? { ...first, end: last.end } : last;
    out.push({
      kind: init ? 'init' : 'unseal',
      keys: autoUnseal || /-recovery-shares/.test(flags) ? 'recovery' : 'unseal',
      where: node.path.join('.'),
      place: () => place,
      related: [],
      keyShares,
    });
  }
}

/** The credentials written inside the steps of the unseal-key scripts, and which script holds each. */
export interface SecretsInUnsealSteps {
  byScript: Map<UnsealKeyScript, SecretFact[]>;
  owned: Set<SecretFact>;
}

/**
 * Credentials written inside a step of an unseal-key script a server pod runs, such as a root token
 * echoed into a file: one root cause with the step, whose fix (remove the step) removes both. The
 * step's finding carries them as related locations; the secret check leaves them out. Empty when
 * no server runs the scripts. Steps of one layer never overlap (one per line, or one exec form),
 * so each credential finds its step by binary search: O((steps + credentials) log steps).
 */
export function secretsInUnsealSteps(model: {
  readonly mode: string;
  readonly unsealKeyScripts: UnsealKeyScript[];
  readonly secrets: SecretFact[];
}): SecretsInUnsealSteps {
  const out: SecretsInUnsealSteps = { byScript: new Map(), owned: new Set() };
  if (!SERVER_POD_MODES.has(model.mode) || model.unsealKeyScripts.length === 0) return out;
  const byLayer = new Map<Place['layer'], { start: number; end: number; script: UnsealKeyScript }[]>();
  for (const script of model.unsealKeyScripts) {
    for (const step of [script, ...script.related]) {
      const { layer, start, end } = step.place();
      let list = byLayer.get(layer);
      if (!list) byLayer.set(layer, (list = []));
      list.push({ start, end, script });
    }
  }
  for (const list of byLayer.values()) list.sort((a, b) => a.start - b.start);
  for (const secret of model.secrets) {
    const { layer, start, end } = secret.place();
    const list = byLayer.get(layer);
    if (!list) continue;
    // The last step starting before the credential ends is the only one that can hold it.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.start < end) low = mid + 1;
      else high = mid;
    }
    const step = list[low - 1];
    if (!step || step.start > start || step.end < end) continue;
    out.owned.add(secret);
    out.byScript.set(step.script, [...(out.byScript.get(step.script) ?? []), secret]);
  }
  return out;
}
