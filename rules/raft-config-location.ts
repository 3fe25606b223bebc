import { defineRule, pathCovers, raftSwitchOn } from '../src/engine/index.js';

export default defineRule({
  id: 'raft-config-location',
  meta: {
    description: 'The Vault config sits where the chart renders it, raft storage where raft is enabled, its data on the data volume',
    severity: 'error',
    tags: ['raft', 'storage', 'ha'],
    guide: 'Vault storage configuration',
    messageGuides: {
      pathOffVolume: 'Stateful storage',
    },
    appliesTo: { modes: ['standalone', 'ha-raft', 'ha-other', 'none'] },
    messages: {
      ignoredRaftStorage:
        'Unexpected storage "raft" in {{path}}, a config the chart does not render in this deployment (it renders {{live}}), so Vault never runs with it',
      ignoredConfig:
        'Unexpected config in {{path}}: the chart ignores it and renders {{live}} instead, here its own default config with TLS off',
      missingRaftStorage:
        'Missing storage "raft" in {{path}} although server.ha.raft.enabled is on; the chart prepares raft volumes and node ids, but Vault runs with {{storage}}',
      raftNotEnabled:
        'Unexpected storage "raft" in {{path}} while server.ha.raft.enabled is off; the chart then creates no data volume for the pods and ignores setNodeId',
      missingRaftPath: 'Missing path in storage "raft"; Vault refuses to start without it (\'path\' must be set)',
      pathOffVolume:
        'Expected the raft path to lie under server.dataStorage.mountPath "{{mountPath}}", found "{{value}}"; Vault writes its data to the container\'s ephemeral filesystem and loses it when the pod is rescheduled',
    },
    hints: {
      ignoredRaftStorage: '{{fix}}',
      ignoredConfig: 'Move this config to {{live}}.',
      missingRaftStorage: 'Add storage "raft" { path = "/vault/data" … } to {{path}}, or turn server.ha.raft.enabled off.',
      raftNotEnabled: 'Set server.ha.raft.enabled: true and move the config to server.ha.raft.config.',
      missingRaftPath: 'Add path = "{{mountPath}}" to storage "raft".',
      pathOffVolume: 'Set path = "{{mountPath}}" (or a directory below it).',
    },
  },
  check(context) {
    const { model } = context;
    const live = model.configPath?.join('.') ?? 'no config';
    const misplaced = model.misplacedConfig;
    for (const ignored of model.ignoredConfigs) {
      const path = ignored.source.path.join('.');
      const enable = model.isHa ? 'server.ha.raft.enabled: true' : 'server.ha.enabled: true and server.ha.raft.enabled: true';
      const fix =
        path === 'server.ha.raft.config'
          ? `Set ${enable}.`
          : `Move this config to server.ha.raft.config${model.raftSelected ? '' : ` and set ${enable}`}.`;
      const raftStorage = ignored.ok ? ignored.raftStorage : undefined;
      if (raftStorage) context.report({ node: raftStorage, messageId: 'ignoredRaftStorage', data: { path, live, fix } });
      else if (ignored === misplaced)
        context.report({ node: { place: () => ignored.source.keyPlace() }, messageId: 'ignoredConfig', data: { path, live } });
    }
    // A misplaced config is linted as if live (model.parsedConfig), but where raft belongs depends on where it moves.
    const config = model.parsedConfig;
    if (!config) return;
    const raft = config.raftStorage;
    const path = config.source.path.join('.');
    const mountPath = String(model.valueOf('server.dataStorage.mountPath') ?? '/vault/data');
    if (config !== misplaced && !raft) {
      if (model.raftSelected && config.isUserSet) {
        const storage = model.storageType ? `storage "${model.storageType}"` : 'no storage stanza at all';
        context.report({ node: { place: () => config.source.keyPlace() }, messageId: 'missingRaftStorage', data: { path, storage } });
      }
      return;
    }
    if (!raft) return;
    if (config !== misplaced && model.isHa && !context.fact(raftSwitchOn))
      context.report({ node: raft, messageId: 'raftNotEnabled', data: { path } });
    // VAULT_RAFT_PATH overrides the stanza's path.
    const env = model.env.get('VAULT_RAFT_PATH');
    const attr = raft.body.attr('path');
    const target =
      env?.source === 'literal'
        ? { node: env.node, value: env.value, templated: false }
        : attr && { node: attr, value: attr.value, templated: attr.templated };
    if (!target) {
      context.report({ node: raft, messageId: 'missingRaftPath', data: { mountPath } });
      return;
    }
    // Without a data volume persistent-storage reports the real problem; templated paths are unknown.
    if (!model.dataStorageRendered || target.templated || typeof target.value !== 'string') return;
    if (!pathCovers(mountPath, target.value))
      context.report({ node: target.node, messageId: 'pathOffVolume', data: { mountPath, value: target.value } });
  },
});
