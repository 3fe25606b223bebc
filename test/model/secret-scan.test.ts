// vitest: isolate (checks that a run without candidate strings never loads secretlint).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { isSecretCandidate, secretlintLoaded } from '../../src/model/secret-scan.js';
import { modelOf } from '../helpers/model.js';

const GUIDE = readFileSync(new URL('../../fixtures/guide/override-values.yml', import.meta.url), 'utf8');

/** A deterministic run of token characters, so no sample is a real credential. */
const run = (length: number): string => Array.from({ length }, (_, i) => 'AbcdEFGh1jk2Lmn3PqrsTuv4wxYz5'[i % 29]).join('');
const PEM_BODY =
  'MIIEvXPdj9vsx3dzgtqWMC/Ng3mhncsvGHJNJBeJz+OxogqY+2X2c6e9naYonwPUhxAPCTDhPZkHx3ZTcJfXMoQ7o0t/AakVdadHaP+N/u7XFbVBUMI6g0kHEZDEG2Yb';
/** base64url of a JSON object, as 1Password service account tokens carry one. */
function opsToken(): string {
  let json = `{"signInAddress":"team.1password.example","userAuth":{"method":"SRPg-4096","alg":"PBES2g-HS256"},"x":"`;
  while ((json.length + 2) % 3 !== 1) json += 'y';
  return `ops_${Buffer.from(`${json}"}`).toString('base64')}`;
}

/** One credential per rule of secretlint's recommended preset, each written as a values file might hold it. */
const SAMPLES: Record<string, string> = {
  aws: `aws_secret_access_key: HLxDsCxqjBLd3qbJskH53rGTD/2U3OpSH5r44wLz`,
  gcp: `{"type": "service_account", "private_key_id": "3f1c0e9a", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY}\\n-----END PRIVATE KEY-----\\n"}`,
  npm: `npm_${run(36)}`,
  slack: `xoxb-1234567890-${run(24)}`,
  basicauth: 'https://deployer:Xk29sLq7Pw@artifacts.corp.example.net/x',
  openai: `sk-${run(20)}T3BlbkFJ${run(20)}`,
  anthropic: `sk-ant-api03-${run(93)}AA`,
  groq: `gsk_${run(52)}`,
  huggingface: 'hf_abcdefghijklmnopqrstuvwxyzabcdefgh',
  linear: `lin_api_${run(40)}`,
  notion: `ntn_12345678901${run(35)}`,
  privatekey: `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`,
  sendgrid: `SG.${run(22)}.${run(43)}`,
  shopify: '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',
  github: `ghp_${run(36)}`,
  gitlab: `glpat-${run(20)}`,
  grafana: `glsa_${run(32)}_0123abcd`,
  '1password': opsToken(),
  'database-connection-string': 'postgres://app:Qz7vLp2Wk9Rt@db.internal:5432/app',
  'hashicorp-vault': `hvs.${run(95)}`,
  vercel: `vcp_${run(24)}`,
  databricks: 'dapi0123456789abcdef0123456789abcdef',
  docker: `dckr_pat_${run(27)}`,
  figma: `figd_${run(44)}`,
};
/** Rules of the preset that detect nothing themselves. */
const FILTERS = new Set(['filter-comments']);

describe('secret scan', () => {
  // First in the file: module state is fresh per test file, so nothing has loaded secretlint yet.
  it('does not load secretlint for a release without candidate strings (the guide example)', async () => {
    const model = await modelOf(GUIDE);
    expect(model.secrets).toEqual([]);
    expect(secretlintLoaded()).toBe(false);
  });

  it('has a sample for every rule of the preset, and the prefilter lets each through to the rule that finds it', async () => {
    const { secretlintHits } = await import('../../src/model/secretlint.js');
    const ids = presetRules.map((rule) => rule.meta.id.replace('@secretlint/secretlint-rule-', '')).filter((id) => !FILTERS.has(id));
    expect(Object.keys(SAMPLES).sort()).toEqual(ids.sort());
    const samples = Object.entries(SAMPLES);
    for (const [id, sample] of samples) expect(isSecretCandidate(sample), id).toBe(true);
    // One batch, as a release's strings are scanned: each hit comes back to its own string, inside it.
    const results = await secretlintHits(samples.map(([, sample]) => ({ content: sample, json: sample.startsWith('{') })));
    samples.forEach(([id, sample], i) => {
      expect(
        results[i]!.map((hit) => hit.rule),
        id,
      ).toContain(`secretlint-rule-${id}`);
      for (const hit of results[i]!) expect(hit.end, id).toBeLessThanOrEqual(sample.length);
    });
  });

  it('does not let a secretlint-disable comment in one string silence another, nor scan more than the stated number of JSON documents one by one', async () => {
    const { secretlintHits, MAX_JSON_DOCUMENTS } = await import('../../src/model/secretlint.js');
    const disabled = await secretlintHits([
      { content: '# secretlint-disable', json: false },
      { content: SAMPLES.github!, json: false },
    ]);
    expect(disabled[1]!.map((hit) => hit.rule)).toEqual(['secretlint-rule-github']);
    const many = Array.from({ length: MAX_JSON_DOCUMENTS + 1 }, () => ({ content: SAMPLES.gcp!, json: true }));
    const results = await secretlintHits(many);
    expect(results[0]!.map((hit) => hit.rule)).toContain('secretlint-rule-gcp');
    // Past the bound, the document is scanned as text: its private key is still found.
    expect(results[MAX_JSON_DOCUMENTS]!.map((hit) => hit.rule)).toEqual(['secretlint-rule-privatekey']);
  });

  it('scans a string longer than one call in overlapping windows, finding a secret on a window boundary once', async () => {
    const { secretlintHits, CHUNK } = await import('../../src/model/secretlint.js');
    const url = SAMPLES['database-connection-string']!;
    const filler = (length: number): string => 'echo ok\n'.repeat(Math.ceil(length / 8)).slice(0, length);
    const text = `${filler(CHUNK - 20)}${url}\n${filler(CHUNK)}${SAMPLES.github}\n`;
    const [hits] = await secretlintHits([{ content: text, json: false }]);
    expect(hits!.map((hit) => text.slice(hit.start, hit.end))).toEqual([url, SAMPLES.github]);
  });

  it("takes none of secretlint's profiling marks, which it would keep and search for every call of a run", async () => {
    const { secretlintHits } = await import('../../src/model/secretlint.js');
    const [hits] = await secretlintHits([{ content: `token: ${SAMPLES.github}\n`, json: false }]);
    expect(hits).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(performance.getEntriesByType('mark').filter((entry) => entry.name.startsWith('@core>'))).toEqual([]);
  });

  it('keeps ordinary values out of the prefilter', () => {
    for (const text of [
      '/vault/userconfig/vault-server-tls/vault.crt',
      'https://vault-0.vault-internal:8200',
      'arn:aws:iam::123456789012:role/vault-kms',
      'hashicorp/vault-k8s',
      'hvs.short',
      'sha256:0f4b0f2c6fb8a1b6e3c1e7f5a2b9d8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1',
    ])
      expect(isSecretCandidate(text), text).toBe(false);
  });

  it('finds secrets in a layer a later layer overrides, so that they stay masked', async () => {
    const token = `hvs.${run(28)}`;
    const model = await modelOf([`server:\n  appTeam:\n    token: ${token}\n`, `server:\n  appTeam:\n    token: $(TOKEN)\n`]);
    expect(model.secrets).toEqual([]);
    expect(model.knownSecrets).toContain(token);
  });

  it('reports Vault tokens of every length secretlint does not, but not token-shaped placeholders or words', async () => {
    const model = await modelOf(`
      server:
        a: hvs.${run(26)}
        b: s.Ab3dEfGh1jKlMn0pQrStUvWx
        c: hvs.XXXXXXXXXXXXXXXXXXXXXXXXXXXX
        d: s.abcdefghijklmnopqrstuvwx
        e: vault.s.Ab3dEfGh1jKlMn0pQrStUvWx.example
    `);
    expect(model.secrets.map((secret) => `${secret.where} ${secret.detector}`)).toEqual(['server.a Vault token', 'server.b Vault token']);
  });
});
