import { defineRule } from '../src/engine/index.js';

export default defineRule({
  id: 'ingress-tls-passthrough',
  meta: {
    description: 'An Ingress, Route or HTTPRoute in front of Vault passes TLS through to Vault',
    severity: 'warning',
    tags: ['tls', 'network', 'security'],
    guide: 'Load balancers, ingress, and replication traffic',
    messages: {
      noClientTls: `Missing TLS on {{kind}} "{{name}}" ({{controller}}): server.ingress.tls is empty and TLS is not passed through to Vault, so clients send Vault tokens and secrets over plain HTTP`,
      terminatesTls: `Missing TLS passthrough on {{kind}} "{{name}}" ({{controller}}): the controller terminates TLS, so Vault tokens and secrets cross it in clear text and clients lose end-to-end encryption with Vault`,
      reencryptsTls: `Unexpected TLS re-encryption on {{kind}} "{{name}}" ({{controller}}): the connection to Vault is encrypted again, but the controller decrypts tokens and secrets in between, which end-to-end TLS avoids`,
    },
    hints: {
      noClientTls:
        'Serve TLS to clients: add server.ingress.tls with the secret holding the certificate of the Ingress hosts (- secretName: vault-ingress-tls, hosts: [<host>]){{endToEnd}}.',
      terminatesTls:
        'To keep end-to-end TLS: {{fix}}. The guide recommends Layer 4 load balancing for Vault; if terminating at the controller is a deliberate choice, disable this rule for the line with the reason.',
      reencryptsTls:
        'To keep end-to-end TLS: {{fix}}. Re-encryption is acceptable only if the controller is trusted with Vault traffic: then disable this rule for the line with the reason.',
    },
    // Re-encryption keeps the wire encrypted: a weaker finding than terminating TLS outright; plain HTTP to clients is the strongest.
    messageSeverities: { reencryptsTls: 'info', noClientTls: 'error' },
  },
  check(context) {
    const { model } = context;
    for (const exposure of model.l7Exposures) {
      if (exposure.clientTls === false) {
        const endToEnd = model.parsedConfig?.servesTls === true ? `; better still, keep TLS end to end: ${exposure.fix}` : '';
        context.report({
          node: exposure.tlsNode ?? exposure.node,
          messageId: 'noClientTls',
          data: { kind: exposure.kind, name: exposure.name, controller: exposure.controller, endToEnd },
        });
        continue;
      }
      // Passing TLS through (or re-encrypting) needs a Vault listener that serves TLS; a plain-HTTP listener is tls-enabled's finding.
      if (exposure.tls === 'passthrough' || model.parsedConfig?.servesTls !== true) continue;
      const data = { kind: exposure.kind, name: exposure.name, controller: exposure.controller, fix: exposure.fix };
      context.report({ node: exposure.node, messageId: exposure.tls === 'reencrypt' ? 'reencryptsTls' : 'terminatesTls', data });
    }
  },
});
