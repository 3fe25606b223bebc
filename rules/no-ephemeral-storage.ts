import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

const IN_MEMORY = new Set(['inmem', 'inmem_ha', 'inmem_transactional', 'inmem_transactional_ha']);

export default defineRule({
  id: 'no-ephemeral-storage',
  meta: {
    description: 'Vault does not keep its data in memory, nor in one file directory per pod of a replicated release',
    severity: 'error',
    tags: ['storage', 'hardening'],
    guide: 'Production hardening (storage)',
    messageGuides: {
      inmemStorage: 'Production hardening (in-memory storage is for development only)',
      fileStorageReplicated: 'Production hardening (filesystem storage has no HA)',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      inmemStorage: 'Unexpected storage "{{type}}": Vault keeps all its data in memory and loses it whenever the pod restarts',
      fileStorageReplicated:
        'Unexpected storage "{{type}}" with {{replicas}} replicas: each pod writes its own data directory, so the pods never share data and the cluster cannot fail over',
    },
    hints: {
      inmemStorage:
        'Use storage "raft" { path = "/vault/data" } (with server.ha.raft.enabled: true for several replicas) on the volume of server.dataStorage.',
      fileStorageReplicated:
        'Use storage "raft" with server.ha.raft.enabled: true for several replicas, or run one replica with file storage.',
    },
  },
  check(context) {
    const { model } = context;
    const root = model.parsedConfig?.root;
    if (!root) return;
    for (const storage of [...root.blocks('storage'), ...root.blocks('backend')]) {
      const type = storage.label?.toLowerCase() ?? '';
      if (IN_MEMORY.has(type)) context.report({ node: storage, messageId: 'inmemStorage', data: { type } });
      else if ((type === 'file' || type === 'filesystem') && model.replicas > 1)
        context.report({ node: storage, messageId: 'fileStorageReplicated', data: { type, replicas: model.replicas } });
    }
  },
});
