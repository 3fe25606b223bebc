import { defineRule, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'listener-cluster-address',
  meta: {
    description: 'In HA, the cluster port of a TCP listener is one other pods can reach',
    severity: 'warning',
    tags: ['ha', 'network'],
    guide: 'Vault listener',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      missingClusterAddress:
        'Missing cluster_address on listener "tcp", and Vault derives "{{bind}}" from {{from}}: a loopback address, so standbys cannot forward requests to the active pod and raft peers cannot reach it',
      loopbackClusterAddress:
        'Expected cluster_address on listener "tcp" to listen on all interfaces like "[::]:8201", found "{{value}}"; other pods cannot reach a loopback address, so request forwarding and raft replication fail',
    },
    hints: {
      missingClusterAddress:
        'Set address = "[::]:8200" on the listener, so that the API listens on the pod IP the Services and raft joins use; Vault then derives cluster_address "[::]:8201".',
      loopbackClusterAddress: 'Set cluster_address = "[::]:8201".',
    },
  },
  check(context) {
    const listeners = context.model.clusterListeners;
    // Vault opens a cluster port per tcp listener; one that other pods reach (or one a Helm action decides) is enough.
    if (listeners.length === 0 || listeners.some((listener) => listener.bind === undefined || !listener.loopback)) return;
    const { clusterAddress, listener, source, address, bind = '' } = listeners[0]!;
    if (clusterAddress) return context.report({ node: clusterAddress, messageId: 'loopbackClusterAddress', data: { value: bind } });
    const from = source === 'default' ? `the default address "${address}" (the listener sets none)` : `address "${address}"`;
    context.report({ node: listener, messageId: 'missingClusterAddress', data: { bind, from } });
  },
});
