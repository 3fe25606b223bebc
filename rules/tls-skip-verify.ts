import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'tls-skip-verify',
  meta: {
    description: 'Vault verifies the TLS certificates of its transit seal and Consul',
    severity: 'warning',
    tags: ['security', 'tls', 'hardening'],
    guide: 'Production hardening (tls_skip_verify)',
    messageGuides: {
      skipVerify: 'Production hardening; the Vault docs call tls_skip_verify "highly discouraged"',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      skipVerify:
        'Expected tls_skip_verify in {{stanza}} to be false, found {{value}}; Vault then accepts any certificate from {{peer}}, so anyone on the path can read the traffic and its token',
    },
    hints: {
      skipVerify:
        'Remove tls_skip_verify and set {{caKey}} to the CA that signed the {{peer}} certificate, mounted from a Kubernetes Secret under /vault/userconfig.',
    },
  },
  check(context) {
    const { model } = context;
    const root = model.parsedConfig?.root;
    if (!root) return;
    const checked = [
      ...['seal', 'hsm', 'kms'].map((name) => ({ name, label: 'transit', peer: 'the transit Vault', caKey: 'tls_ca_cert' })),
      ...['storage', 'backend', 'ha_storage', 'ha_backend', 'service_registration'].map((name) => ({
        name,
        label: 'consul',
        peer: 'Consul',
        caKey: 'tls_ca_file',
      })),
    ];
    for (const { name, label, peer, caKey } of checked) {
      for (const block of root.blocks(name)) {
        if (block.label !== label) continue;
        const attr = block.body.attr('tls_skip_verify');
        if (!attr || attr.templated || attr.truth !== true) continue;
        context.report({
          node: attr,
          messageId: 'skipVerify',
          data: { stanza: `${name} "${label}"`, peer, caKey, value: JSON.stringify(attr.value) },
        });
      }
    }
  },
});
