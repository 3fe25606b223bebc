import { defineRule } from '../src/engine/index.js';

const ADDRESS = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?\/?$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule({
  id: 'retry-join-matches-replicas',
  meta: {
    description: 'Raft retry_join lists exactly one correct address per pod, or uses auto_join',
    severity: 'error',
    tags: ['ha', 'raft'],
    guide: 'Vault storage configuration',
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
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    const raft = config?.raftStorage;
    if (!config || !raft || !model.isHa || model.replicas < 2) return;
    const joins = raft.body.blocks('retry_join');
    if (joins.some((join) => join.body.attr('auto_join') !== undefined)) return;
    const { fullname, replicas } = model;
    const scheme = config.servesTls ? 'https' : 'http';
    const base = { fullname, release: model.releaseName, replicas, last: replicas - 1 };
    const example = (i: number): string => `${scheme}://${fullname}-${i}.${fullname}-internal:8200`;
    const host = new RegExp(`^${escape(fullname)}-(\\d+)\\.${escape(fullname)}-internal(?:\\.([a-z0-9-]+)\\.svc(?:\\.[a-z0-9.-]+)?)?\\.?$`);
    const seen = new Set<number>();
    for (const join of joins) {
      const attr = join.body.attr('leader_api_addr');
      if (!attr) {
        context.report({ node: join, messageId: 'missingAddress' });
        continue;
      }
      if (attr.templated || typeof attr.value !== 'string') continue;
      const match = ADDRESS.exec(attr.value.trim());
      if (!match) {
        context.report({ node: attr, messageId: 'malformedAddress', data: { ...base, value: attr.value, example: example(0) } });
        continue;
      }
      const [, foundScheme = '', foundHost = '', port] = match;
      const hostMatch = host.exec(foundHost.toLowerCase());
      if (!hostMatch) {
        context.report({ node: attr, messageId: 'wrongHost', data: { ...base, host: foundHost, example: example(seen.size) } });
        continue;
      }
      const index = Number(hostMatch[1]);
      const podHost = `${fullname}-${index}.${fullname}-internal`;
      const namespace = hostMatch[2];
      if (namespace !== undefined && model.namespaceKnown && namespace !== model.namespace) {
        context.report({ node: attr, messageId: 'wrongNamespace', data: { ...base, namespace: model.namespace, found: namespace } });
      }
      if (foundScheme.toLowerCase() !== scheme) {
        const reason = config.servesTls ? 'serves TLS' : 'has TLS disabled';
        context.report({ node: attr, messageId: 'wrongScheme', data: { ...base, expected: scheme, scheme: foundScheme, reason } });
      }
      if (port !== '8200') {
        const defaultPort = foundScheme.toLowerCase() === 'https' ? '443' : '80';
        context.report({ node: attr, messageId: 'wrongPort', data: { ...base, port: port ?? `none (so ${defaultPort})` } });
      }
      if (index >= replicas) context.report({ node: attr, messageId: 'extraPeer', data: { ...base, host: podHost } });
      else if (seen.has(index)) context.report({ node: attr, messageId: 'duplicatePeer', data: { ...base, host: podHost } });
      seen.add(index);
    }
    for (let i = 0; i < replicas; i++) {
      if (seen.has(i)) continue;
      context.report({ node: raft, messageId: 'missingPeer', data: { ...base, host: `${fullname}-${i}.${fullname}-internal`, example: example(i) } });
    }
  },
});
