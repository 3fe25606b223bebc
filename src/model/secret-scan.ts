import type { ConfiguredRelease } from './config/release.js';
import { walkStrings, type Place, type ValueNode } from './values/tree.js';
import { GCP_KEY, type DetectedSecret } from './secrets.js';

let secretlintModule: Promise<typeof import('./secretlint.js')> | undefined;

function loadSecretlint(): Promise<typeof import('./secretlint.js')> {
  secretlintModule ??= import('./secretlint.js');
  return secretlintModule;
}

/** Whether this process has loaded secretlint (for tests of what gets loaded). */
export function secretlintLoaded(): boolean {
  return secretlintModule !== undefined;
}

/** One string to scan: its decoded value, and the way back to the values file from an offset in it. */
interface ScanText {
  value: string;
  name: string;
  /** Where it is, for a finding: built only for a text that holds a secret. */
  where(): string;
  placeOfSpan(start: number, end: number): Place;
}

/**
 * Cheap prefilter: the literal anchors secretlint's recommended rules need, one per rule family
 * (PEM headers, URL credentials, the AWS secret key name, token prefixes). A string without any
 * never reaches secretlint, and a file whose strings have none never loads it. A URL credential's
 * scan stops at the next `/`, so the scans from two `://` never overlap: linear without a count
 * (a counted repetition there made the ReDoS checker's fuzzing report it as polynomial now and then).
 * `test/model/secret-scan.test.ts` checks that every rule of the preset is reached through it.
 */
const CANDIDATE =
  /-----BEGIN|:\/\/[^\s/@]+@|(?:SECRET|[Ss]ecret)_?(?:ACCESS|[Aa]ccess)_?(?:KEY|[Kk]ey)|_authToken=|hooks\.slack\.com|T3BlbkFJ|\b(?:npm|gsk|hf|lin_api|ntn|shp(?:pa|ca|at|ss)|gh[pousr]|github_pat|glc|glsa|vc[pirak]|dckr_pat|figd)_|\b(?:xox[bpaor]|xapp|glpat|sk-ant)-|\bSG\.|\bops_ey|\bhv[sbr]\.[\w-]{90}|\bdapi[0-9a-fA-F]|"private_key"/;

/** Whether a string may hold a credential secretlint's recommended preset detects. */
export function isSecretCandidate(text: string): boolean {
  return CANDIDATE.test(text);
}

/**
 * Vault tokens of any length (secretlint's rule wants the 90+ characters of current service
 * tokens): `hvs.`/`hvb.`/`hvr.` tokens and the 24-character `s.` tokens of Vault before 1.10.
 */
const VAULT_TOKEN = /\bhv[sbr]\.[A-Za-z0-9_-]{24,300}(?![A-Za-z0-9_-])/g;
const LEGACY_VAULT_TOKEN = /\bs\.[A-Za-z0-9]{24}(?![A-Za-z0-9_.-])/g;
/** A placeholder in a token's shape: a long run of one character, or a word people put there. */
const PLACEHOLDER = /(.)\1{5}|example|placeholder|changeme|redacted|your_?token/i;

function vaultTokens(text: string): Hit[] {
  const out: Hit[] = [];
  // Both shapes hold a dot; most strings have none and skip the two scans.
  if (!text.includes('.')) return out;
  for (const match of text.matchAll(VAULT_TOKEN)) {
    if (!PLACEHOLDER.test(match[0])) out.push({ start: match.index, end: match.index + match[0].length, detector: 'Vault token' });
  }
  for (const match of text.matchAll(LEGACY_VAULT_TOKEN)) {
    const body = match[0].slice(2);
    // A random base62 token has all three classes; a dotted word (`s.abcdefghijklmnopqrstuvwx`) does not.
    if (/[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body) && !PLACEHOLDER.test(body))
      out.push({ start: match.index, end: match.index + match[0].length, detector: 'Vault token' });
  }
  return out;
}

/** secretlint's rule names, as words for a message. */
const DETECTORS: Record<string, string> = {
  'secretlint-rule-privatekey': 'PEM private key',
  'secretlint-rule-gcp': GCP_KEY,
  'secretlint-rule-aws': 'AWS secret access key',
  'secretlint-rule-database-connection-string': 'database URL with a password',
  'secretlint-rule-basicauth': 'URL with a user name and password',
  'secretlint-rule-hashicorp-vault': 'Vault token',
  'secretlint-rule-github': 'GitHub token',
  'secretlint-rule-gitlab': 'GitLab token',
  'secretlint-rule-slack': 'Slack token',
  'secretlint-rule-npm': 'npm token',
  'secretlint-rule-openai': 'OpenAI API key',
  'secretlint-rule-anthropic': 'Anthropic API key',
  'secretlint-rule-1password': '1Password service account token',
};

function detectorName(rule: string): string {
  return DETECTORS[rule] ?? `${rule.replace(/^secretlint-rule-/, '')} credential`;
}

interface Hit {
  start: number;
  end: number;
  detector: string;
}

/**
 * The strings of a release a credential can hide in: every string the user wrote in the values
 * (except an embedded Vault config as a whole), those of the `shadowed` values a later pair
 * replaced (a template's branches, a key written twice), and every literal string of the user's configs.
 */
export function secretScanTexts(model: ConfiguredRelease, shadowed: readonly ValueNode[] = []): ScanText[] {
  const configs = model.userConfigs;
  const configSources = new Set<ValueNode>(configs.map((config) => config.source));
  const out: ScanText[] = [];
  const visit = (node: ValueNode): void => {
    if (configSources.has(node)) return;
    out.push({
      value: node.value as string,
      name: String(node.key ?? ''),
      where: () => node.path.join('.'),
      placeOfSpan: (start, end) => node.placeOfSpan(start, end),
    });
  };
  for (const node of model.userStrings) visit(node);
  for (const node of shadowed) walkStrings(node, visit);
  for (const config of configs) {
    const file = config.source.path.join('.');
    for (const attr of config.strings()) {
      if (attr.templated) continue;
      out.push({
        value: attr.value as string,
        name: attr.name,
        where: () => `${file}: ${attr.path.filter((segment) => typeof segment === 'string').join('.')}`,
        placeOfSpan: (start, end) => attr.placeOfSpan(start, end),
      });
    }
  }
  return out;
}

/**
 * Every credential in the texts, one per secret: overlapping or nested hits (a GCP key file and
 * the PEM key inside it) are one. secretlint is imported only when some text passes the prefilter.
 */
export async function detectSecrets(texts: readonly ScanText[]): Promise<DetectedSecret[]> {
  const candidates = texts.filter((text) => isSecretCandidate(text.name) || isSecretCandidate(text.value));
  const found = new Map<ScanText, Hit[]>();
  if (candidates.length > 0) {
    const { secretlintHits } = await loadSecretlint();
    // The key gives rules that read `name: value` (the AWS secret key rule) their context; JSON is scanned as a document.
    const prefixes = candidates.map((text) => (isJsonDocument(text.value) || text.name === '' ? '' : `${text.name}: `));
    const results = await secretlintHits(
      candidates.map((text, i) => ({ content: prefixes[i]! + text.value, json: isJsonDocument(text.value) })),
    );
    candidates.forEach((text, i) => {
      const prefix = prefixes[i]!.length;
      const hits: Hit[] = [];
      for (const hit of results[i]!) {
        const start = Math.max(hit.start - prefix, 0);
        let end = hit.end - prefix;
        // A whole-document hit ends with the block scalar's last line break, which is no part of the secret.
        while (end > start && /\s/.test(text.value[end - 1]!)) end--;
        if (end > start) hits.push({ start, end, detector: detectorName(hit.rule) });
      }
      found.set(text, hits);
    });
  }
  const out: DetectedSecret[] = [];
  for (const text of texts) {
    for (const hit of mergeHits([...vaultTokens(text.value), ...(found.get(text) ?? [])])) {
      out.push({
        detector: hit.detector,
        name: text.name,
        where: text.where(),
        value: text.value.slice(hit.start, hit.end),
        place: () => text.placeOfSpan(hit.start, hit.end),
      });
    }
  }
  return out;
}

function isJsonDocument(value: string): boolean {
  return value.trimStart().startsWith('{');
}

/** Hits in order, those that overlap merged into the first (outermost) one. */
function mergeHits(hits: Hit[]): Hit[] {
  const sorted = hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const hit of sorted) {
    const last = out.at(-1);
    if (last && hit.start < last.end) last.end = Math.max(last.end, hit.end);
    else out.push({ ...hit });
  }
  return out;
}
