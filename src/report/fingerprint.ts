import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types.js';

/**
 * Fingerprints that keep a finding's identity across commits that move it, for SARIF
 * (`partialFingerprints`) and GitLab Code Quality (`fingerprint`): a hash of what identifies the
 * problem (rule, message kind, file, YAML and HCL path), never of line numbers or the text around
 * it, and the occurrence of that hash in the file, which tells identical keys apart as code
 * scanning's own line hashes do. One instance per file of a report.
 */
export class Fingerprints {
  private readonly occurrences = new Map<string, number>();

  /** `<sha256 hex>:<occurrence>` of the next finding of the file; `file` is the name the report gives it. */
  next(finding: Finding, file: string): string {
    const { location } = finding;
    const key = JSON.stringify([finding.ruleId, finding.messageId, file, location.yamlPath ?? [], location.hclPath ?? []]);
    const hash = createHash('sha256').update(key).digest('hex');
    const count = (this.occurrences.get(hash) ?? 0) + 1;
    this.occurrences.set(hash, count);
    return `${hash}:${count}`;
  }
}
