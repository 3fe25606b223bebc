import { defineRule, HA_MODES, type Locatable } from '../src/engine/index.js';

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
      missingCa:
        "Missing leader_ca_cert_file in {{where}}: the listener serves TLS, so the joining pod cannot verify the leader's certificate and never joins the cluster",
      unpairedClientCert:
        'Missing {{missing}} in {{where}}: {{present}} is set without it, and Vault presents a client certificate only with its key',
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
    // One finding per omission: the same attribute left out of several joins is one mistake, at
    // the first join, with the others related.
    const found = new Map<string, { messageId: 'missingCa' | 'unpairedClientCert'; data: Record<string, string>; nodes: Locatable[] }>();
    const note = (messageId: 'missingCa' | 'unpairedClientCert', node: Locatable, data: Record<string, string> = {}): void => {
      const key = `${messageId}\u0000${data.present ?? ''}`;
      const entry = found.get(key) ?? { messageId, data, nodes: [] };
      entry.nodes.push(node);
      found.set(key, entry);
    };
    for (const join of raft.body.blocks('retry_join')) {
      if (!join.body.attr('leader_ca_cert_file') && !join.body.attr('leader_ca_cert')) note('missingCa', join);
      for (const [cert, key] of PAIRS) {
        const certAttr = join.body.attr(cert);
        const keyAttr = join.body.attr(key);
        if (certAttr && !keyAttr) note('unpairedClientCert', certAttr, { present: cert, missing: key });
        if (keyAttr && !certAttr) note('unpairedClientCert', keyAttr, { present: key, missing: cert });
      }
    }
    for (const {
      messageId,
      data,
      nodes: [first, ...rest],
    } of found.values()) {
      const where = rest.length === 0 ? 'retry_join' : `${rest.length + 1} retry_join blocks`;
      context.report({
        node: first!,
        messageId,
        data: { ...data, where },
        related: rest.map((node) => ({ node, message: 'the same omission' })),
      });
    }
  },
});
