import { defineRule, HA_MODES } from '../src/engine/index.js';

/** The client certificate and key, in the file form and the inline PEM form. */
const PAIRS = [
  ['leader_client_cert_file', 'leader_client_key_file'],
  ['leader_client_cert', 'leader_client_key'],
] as const;

export default defineRule({
  id: 'retry-join-tls',
  meta: {
    description: 'With TLS on, every raft retry_join names the CA of the leader and pairs a client certificate with its key',
    severity: 'error',
    tags: ['tls', 'raft', 'ha'],
    guide: 'Vault storage configuration',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      missingCa: 'Missing leader_ca_cert_file in retry_join: the listener serves TLS, so the joining pod cannot verify the leader\'s certificate and never joins the cluster (guide: "Vault storage configuration")',
      unpairedClientCert: 'Missing {{missing}} in retry_join: {{present}} is set without it, and Vault presents a client certificate only with its key (guide: "Vault storage configuration")',
    },
    hints: {
      missingCa: 'Add leader_ca_cert_file = "/vault/userconfig/<ca-secret>/ca.crt" (or the PEM in leader_ca_cert) to every retry_join.',
      unpairedClientCert: 'Add {{missing}} next to {{present}}, or remove {{present}}.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    const raft = config?.raftStorage;
    // Joins reach the leader's API listener: the chart's global.tlsDisable does not change that.
    if (!config || !raft || !config.servesTls) return;
    for (const join of raft.body.blocks('retry_join')) {
      if (!join.body.attr('leader_ca_cert_file') && !join.body.attr('leader_ca_cert')) context.report({ node: join, messageId: 'missingCa' });
      for (const [cert, key] of PAIRS) {
        const certAttr = join.body.attr(cert);
        const keyAttr = join.body.attr(key);
        if (certAttr && !keyAttr) context.report({ node: certAttr, messageId: 'unpairedClientCert', data: { present: cert, missing: key } });
        if (keyAttr && !certAttr) context.report({ node: keyAttr, messageId: 'unpairedClientCert', data: { present: key, missing: cert } });
      }
    }
  },
});
