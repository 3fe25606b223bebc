import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'tls-ca-env',
  meta: {
    description: 'With TLS on, VAULT_CACERT lets the vault CLI in the pods trust the server certificate',
    severity: 'warning',
    tags: ['tls', 'operations'],
    guide: 'TLS certificates',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingCaCert:
        'Missing VAULT_CACERT in server.extraEnvironmentVars: the listener serves TLS, so vault commands run inside the pods (operator init, unseal, raft list-peers) cannot verify the server certificate',
      emptyCaCert:
        'Expected VAULT_CACERT to name the CA certificate file, found "{{value}}"; the vault CLI in the pods then cannot verify the server certificate',
    },
    hints: {
      missingCaCert:
        'Add server.extraEnvironmentVars.VAULT_CACERT: /vault/userconfig/<ca-secret>/ca.crt and mount that secret with server.extraVolumes.',
      emptyCaCert: 'Set VAULT_CACERT to the mounted CA file, e.g. /vault/userconfig/tls-ca/ca.crt.',
    },
  },
  check(context) {
    const { model } = context;
    if (!model.chartTls || !model.parsedConfig?.servesTls) return;
    // VAULT_CAPATH (a directory of CAs) is the CLI's other way to trust a CA.
    const env = model.env.get('VAULT_CACERT') ?? model.env.get('VAULT_CAPATH');
    if (!env) {
      context.reportMissing({ path: 'server.extraEnvironmentVars.VAULT_CACERT', messageId: 'missingCaCert' });
      return;
    }
    if (env.source === 'literal' && (env.value === null || env.value === undefined || String(env.value).trim() === '')) {
      context.report({
        node: env.node,
        messageId: 'emptyCaCert',
        data: { value: env.value === null || env.value === undefined ? '' : String(env.value) },
      });
    }
  },
});
