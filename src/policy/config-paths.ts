import { caseInsensitiveAt, LOWERCASE_LABELS } from '../model/config/vocabulary.js';
import { knownKeysAt, suggestKey } from '../schemas/suggest.js';
import { formatPath, segmentNames, type PathSegment } from './path.js';
import { pathMismatch, shippedSchema } from './values-paths.js';

/**
 * Why a `target: config` path can never match, or undefined when some Vault config could hold it.
 * The path is checked against schemas/vault-config.schema.json, the schema the config's own
 * unknown-key findings use, with the config target's shape: a block written once is also a list of
 * one (`retry_join.leader_api_addr` and `retry_join[*].leader_api_addr`, `listener.tcp.address`),
 * and keys match without case where Vault matches them so (the top level, listeners, telemetry,
 * and the type labels Vault lower-cases). Below an open object (a seal's parameters) anything goes.
 */
export function configPathProblem(path: readonly PathSegment[]): string | undefined {
  const schema = shippedSchema('vault-config.schema.json');
  // Without its own schema the check never refuses a policy.
  if (!schema || path.length === 0) return undefined;
  const mismatch = pathMismatch(schema, path, { blocks: true, spell: vaultSpelling(schema) });
  if (!mismatch) return undefined;
  if (mismatch.key === '') return 'no Vault config has a value there';
  const parent = formatPath(segmentNames(path.slice(0, mismatch.index)));
  const suggestion = suggestKey(mismatch.key, mismatch.known);
  return `${parent === '' ? 'the top level' : parent} of a Vault config has no key "${mismatch.key}"${
    suggestion === undefined ? '' : `; did you mean "${suggestion}"?`
  }`;
}

/** The schema's spelling of a key Vault reads without case (`Cluster_Name`, a `TCP` listener); other keys as written. */
function vaultSpelling(schema: object): (prefix: readonly (string | number)[], key: string) => string {
  return (prefix, key) => {
    const names = prefix.map(String);
    const lowerLabel = names.length === 1 && LOWERCASE_LABELS.has(names[0]!);
    if (!lowerLabel && !caseInsensitiveAt(names)) return key;
    const known = knownKeysAt(schema, prefix);
    if (known.includes(key)) return key;
    return known.find((candidate) => candidate.toLowerCase() === key.toLowerCase()) ?? key;
  };
}
