import { defineRule, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'retry-join-matches-replicas',
  meta: {
    description: 'Raft retry_join lists exactly one correct address per pod, or uses auto_join',
    severity: 'error',
    tags: ['ha', 'raft'],
    guide: 'Vault storage configuration',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      missingPeer: 'Missing retry_join for pod "{{host}}"; with {{replicas}} replicas each pod needs one entry so any of them can lead the join (guide: "Vault storage configuration")',
      extraPeer: 'Unexpected retry_join for pod "{{host}}"; the StatefulSet runs only {{replicas}} pods (0 to {{last}}), so this peer never answers',
      duplicatePeer: 'Duplicate retry_join for pod "{{host}}"; another entry already names it',
      missingAddress: 'Missing leader_api_addr in retry_join; without it (or auto_join) the entry names no peer',
      malformedAddress: 'Expected leader_api_addr to be a URL like "{{example}}", found "{{value}}"',
      wrongHost: 'Expected leader_api_addr host to be "<pod>.{{fullname}}-internal" for release "{{release}}", found "{{host}}"; pods of this release are {{fullname}}-0 to {{fullname}}-{{last}}',
      wrongNamespace: 'Expected the namespace in leader_api_addr to be "{{namespace}}", found "{{found}}"',
      wrongScheme: 'Expected leader_api_addr to use {{expected}}, found "{{scheme}}"; the listener {{reason}}',
      wrongPort: 'Expected leader_api_addr to use port 8200, the Vault API port of the pods, found {{port}}',
      joinsUnknown: 'Cannot tell whether retry_join names each of the {{replicas}} pods: Helm template logic the linter does not evaluate decides the stanzas, so missing peers are not checked (guide: "Vault storage configuration")',
    },
    hints: {
      missingPeer: 'Add retry_join { leader_api_addr = "{{example}}" } inside storage "raft".',
      extraPeer: 'Remove this retry_join block, or raise server.ha.replicas.',
      duplicatePeer: 'Remove the duplicate retry_join block.',
      missingAddress: 'Add leader_api_addr = "<scheme>://<fullname>-<i>.<fullname>-internal:8200".',
      malformedAddress: 'Write the address as {{example}}.',
      wrongHost: 'Use "{{example}}"; pass --release-name if the release is not called "{{release}}".',
      wrongNamespace: 'Use the namespace the release is installed in, or the short form "<pod>.{{fullname}}-internal".',
      wrongScheme: 'Use {{expected}}://',
      wrongPort: 'Use port 8200.',
    },
    messageSeverities: { joinsUnknown: 'info' },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    const raft = config?.raftStorage;
    if (!config || !raft) return;
    const joins = model.raftJoins;
    if (joins.some((join) => join.autoJoin !== undefined)) return;
    const { fullname, replicas } = model;
    const scheme = config.servesTls ? 'https' : 'http';
    const base = { fullname, release: model.releaseName, replicas, last: replicas - 1 };
    const example = (i: number): string => `${scheme}://${fullname}-${i}.${fullname}-internal:8200`;
    const seen = new Set<number>();
    for (const { block, address, url, malformed } of joins) {
      if (!address) context.report({ node: block, messageId: 'missingAddress' });
      else if (malformed) context.report({ node: address, messageId: 'malformedAddress', data: { ...base, value: String(address.value), example: example(0) } });
      if (!address || !url) continue;
      if (url.pod === undefined) {
        context.report({ node: address, messageId: 'wrongHost', data: { ...base, host: url.host, example: example(seen.size) } });
        continue;
      }
      const host = `${fullname}-${url.pod}.${fullname}-internal`;
      if (url.namespace !== undefined && model.namespaceKnown && url.namespace !== model.namespace) {
        context.report({ node: address, messageId: 'wrongNamespace', data: { ...base, namespace: model.namespace, found: url.namespace } });
      }
      if (url.scheme !== scheme) {
        context.report({ node: address, messageId: 'wrongScheme', data: { ...base, expected: scheme, scheme: url.scheme, reason: config.servesTls ? 'serves TLS' : 'has TLS disabled' } });
      }
      if (url.port !== '8200') {
        context.report({ node: address, messageId: 'wrongPort', data: { ...base, port: url.port ?? `none (so ${url.scheme === 'https' ? '443' : '80'})` } });
      }
      if (url.pod >= replicas) context.report({ node: address, messageId: 'extraPeer', data: { ...base, host } });
      else if (seen.has(url.pod)) context.report({ node: address, messageId: 'duplicatePeer', data: { ...base, host } });
      seen.add(url.pod);
    }
    if (model.raftJoinsUnknown) {
      context.report({ node: raft, messageId: 'joinsUnknown', data: base });
      return;
    }
    for (let i = 0; i < replicas; i++) {
      if (!seen.has(i)) context.report({ node: raft, messageId: 'missingPeer', data: { ...base, host: `${fullname}-${i}.${fullname}-internal`, example: example(i) } });
    }
  },
});
