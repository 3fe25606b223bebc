import { defineRule, tlsListeners, CONFIG_MODES } from '../src/engine/index.js';

const ORDER = ['tls10', 'tls11', 'tls12', 'tls13'];

export default defineRule({
  id: 'tls-min-version',
  meta: {
    description: 'TCP listeners refuse TLS 1.0 and 1.1',
    severity: 'error',
    tags: ['tls', 'security', 'hardening'],
    guide: 'Production hardening (tls_min_version)',
    messageGuides: {
      insecureMinVersion: 'Production hardening; listener "tcp" docs (TLS 1.1 and lower are insecure)',
      belowMinVersion: 'Production hardening ("If possible, use TLS 1.3")',
      missingMinVersion: 'Production hardening ("If possible, use TLS 1.3")',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      insecureMinVersion:
        'Expected tls_min_version on listener "tcp" to be "tls12" or "tls13", found "{{value}}"; TLS 1.1 and lower are widely considered insecure',
      belowMinVersion:
        'Expected tls_min_version on listener "tcp" to be "{{minimum}}", found "{{value}}"; the minVersion option asks for TLS 1.3 only',
      missingMinVersion:
        'Missing tls_min_version on listener "tcp": Vault then accepts TLS 1.2, and the minVersion option asks for "{{minimum}}"',
    },
    hints: {
      insecureMinVersion: 'Set tls_min_version = "tls12", or "tls13" when every client supports it.',
      belowMinVersion: 'Set tls_min_version = "{{minimum}}".',
      missingMinVersion: 'Add tls_min_version = "{{minimum}}" to the listener.',
    },
    options: {
      minVersion: {
        type: 'string',
        enum: ['tls12', 'tls13'],
        default: 'tls12',
        strict: 'tls13',
        description: 'The lowest `tls_min_version` accepted; with `"tls13"` an unset `tls_min_version` is reported too',
      },
    },
  },
  check(context) {
    const { model, options } = context;
    if (!model.parsedConfig) return;
    const minimum = ORDER.includes(options.minVersion) ? options.minVersion : 'tls12';
    for (const listener of context.fact(tlsListeners)) {
      const attr = listener.body.attr('tls_min_version');
      if (!attr) {
        if (minimum !== 'tls12') context.report({ node: listener, messageId: 'missingMinVersion', data: { minimum } });
        continue;
      }
      // Values Vault does not know are a schema finding (Vault refuses to start), not a weak version.
      const rank = typeof attr.value === 'string' && !attr.templated ? ORDER.indexOf(attr.value) : -1;
      if (rank < 0) continue;
      if (rank < 2) context.report({ node: attr, messageId: 'insecureMinVersion', data: { value: String(attr.value) } });
      else if (rank < ORDER.indexOf(minimum))
        context.report({ node: attr, messageId: 'belowMinVersion', data: { value: String(attr.value), minimum } });
    }
  },
});
