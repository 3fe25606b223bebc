import { defineRule, tlsListeners, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'tls-client-cert-conflict',
  meta: {
    description: 'No TCP listener both disables client certificates and requires them',
    severity: 'error',
    tags: ['tls', 'security', 'hardening'],
    guide: 'Production hardening (tls_require_and_verify_client_cert)',
    messageGuides: {
      conflictingClientCerts: 'Production hardening; listener "tcp" docs (tls_require_and_verify_client_cert)',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      conflictingClientCerts:
        'Unexpected tls_disable_client_certs = {{disable}} together with tls_require_and_verify_client_cert = {{require}} on listener "tcp"; the two are mutually exclusive and Vault refuses to start',
    },
    hints: {
      conflictingClientCerts:
        'Remove tls_disable_client_certs to require client certificates (mTLS), or remove tls_require_and_verify_client_cert to not ask for them.',
    },
  },
  check(context) {
    // Without TLS Vault builds no TLS config, and never compares the two settings.
    for (const listener of context.fact(tlsListeners)) {
      const disable = listener.body.attr('tls_disable_client_certs');
      const require = listener.body.attr('tls_require_and_verify_client_cert');
      if (!disable || !require || disable.templated || require.templated) continue;
      if (disable.truth === true && require.truth === true) {
        context.report({
          node: disable,
          messageId: 'conflictingClientCerts',
          data: { disable: JSON.stringify(disable.value), require: JSON.stringify(require.value) },
        });
      }
    }
  },
});
