/**
 * secretlint's recommended rule preset, run over one text at a time. This module is imported only
 * when a release has a string that passes the cheap prefilter in `secret-scan.ts`: loading the
 * preset costs tens of milliseconds, which most values files never pay.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

/** A span of a text that a secretlint rule reports as a credential. */
export interface SecretlintHit {
  start: number;
  end: number;
  /** The reporting rule without its package scope: `secretlint-rule-privatekey`. */
  rule: string;
  messageId: string;
}

const CONFIG = { rules: [{ id: recommended.meta.id, rule: recommended }] };

/**
 * The credentials secretlint finds in `content`. `json` marks a text that is a JSON document
 * (secretlint's GCP rule reads service-account keys only from `.json` sources).
 */
export async function secretlintHits(content: string, json: boolean): Promise<SecretlintHit[]> {
  const result = await lintSource({
    source: { content, filePath: json ? 'value.json' : 'value.txt', ext: json ? '.json' : '.txt', contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  return result.messages.map((message) => {
    const [start, end] = exactRange(content, message.range, message.data);
    return { start, end, rule: message.ruleId.replace(/^@secretlint\//, ''), messageId: message.messageId };
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
    const at = content.indexOf(value, start);
    if (at >= 0 && at <= end) return [at, at + value.length];
  }
  return [start, end];
}
