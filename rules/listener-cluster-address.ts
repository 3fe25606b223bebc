import { defineRule, HA_MODES } from '../src/engine/index.js';

const LOOPBACK = /^(127\.|localhost\b|\[::1\])/i;

export default defineRule({
  id: 'listener-cluster-address',
  meta: {
    description: 'In HA, the TCP listener sets a cluster_address other pods can reach',
    severity: 'warning',
    tags: ['ha', 'network'],
    guide: 'Vault listener',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      missingClusterAddress: 'Missing cluster_address on listener "tcp" in HA mode; standbys forward requests to the active pod over the cluster port, and the guide sets cluster_address = "[::]:8201" rather than leaving it derived from address (guide: "Vault listener")',
      loopbackClusterAddress: 'Expected cluster_address on listener "tcp" to listen on all interfaces like "[::]:8201", found "{{value}}"; other pods cannot reach a loopback address, so request forwarding and raft replication fail (guide: "Vault listener")',
    },
    hints: {
      missingClusterAddress: 'Add cluster_address = "[::]:8201" to the listener.',
      loopbackClusterAddress: 'Set cluster_address = "[::]:8201".',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    const listeners = config.tcpListeners;
    const addresses = listeners.map((listener) => listener.body.attr('cluster_address')).filter((attr) => attr !== undefined);
    // One cluster listener is enough: Vault serves the cluster port on each listener's address.
    if (listeners.length > 0 && addresses.length === 0) context.report({ node: listeners[0]!, messageId: 'missingClusterAddress' });
    for (const attr of addresses) {
      if (attr.templated || typeof attr.value !== 'string') continue;
      if (LOOPBACK.test(attr.value.trim())) context.report({ node: attr, messageId: 'loopbackClusterAddress', data: { value: attr.value } });
    }
  },
});
