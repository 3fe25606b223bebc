import { defineRule, raftSwitchOn, setNodeIdOn, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'raft-node-id',
  meta: {
    description: 'Raft nodes are named after their pods (server.ha.raft.setNodeId or node_id)',
    severity: 'warning',
    tags: ['raft', 'ha', 'operations'],
    guide: 'Vault storage configuration',
    messageGuides: {
      missingNodeId: 'Using Helm charts (the override-values example sets setNodeId: true)',
      nodeIdDisabled: 'Using Helm charts (the override-values example sets setNodeId: true)',
    },
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      missingNodeId:
        'Missing server.ha.raft.setNodeId (or node_id in storage "raft"); each raft node then gets a random id instead of its pod name, so peers in "vault operator raft list-peers" cannot be matched to pods, and a pod that comes back with a new volume joins under a new id next to its dead old one',
      nodeIdDisabled:
        'Expected server.ha.raft.setNodeId to be true, found {{value}}; each raft node then gets a random id instead of its pod name, and a pod that comes back with a new volume joins under a new id next to its dead old one',
      setNodeIdIgnored:
        'Unexpected server.ha.raft.setNodeId: {{value}} without server.ha.raft.enabled: true; the chart sets VAULT_RAFT_NODE_ID only for raft-enabled releases, so each raft node gets a random id instead of its pod name',
    },
    hints: {
      missingNodeId:
        'Set server.ha.raft.setNodeId: true (the chart then sets VAULT_RAFT_NODE_ID to the pod name), or node_id in the storage "raft" stanza.',
      nodeIdDisabled: 'Set server.ha.raft.setNodeId: true.',
      setNodeIdIgnored:
        'Set server.ha.raft.enabled: true and move the config to server.ha.raft.config, or set node_id in the storage "raft" stanza.',
    },
  },
  check(context) {
    const { model } = context;
    const raft = model.parsedConfig?.raftStorage;
    if (!raft) return;
    if (raft.body.attr('node_id') || model.env.has('VAULT_RAFT_NODE_ID')) return;
    const setNodeId = model.get('server.ha.raft.setNodeId');
    if (setNodeId && context.fact(setNodeIdOn)) {
      // The chart tests both switches with eq "true" before it sets VAULT_RAFT_NODE_ID.
      if (!context.fact(raftSwitchOn))
        context.report({ node: setNodeId, messageId: 'setNodeIdIgnored', data: { value: JSON.stringify(setNodeId.value) } });
      return;
    }
    if (setNodeId?.isUserSet)
      context.report({ node: setNodeId, messageId: 'nodeIdDisabled', data: { value: JSON.stringify(setNodeId.value) } });
    else context.reportMissing({ path: 'server.ha.raft.setNodeId', messageId: 'missingNodeId' });
  },
});
