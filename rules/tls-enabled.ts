import { defineRule, vaultBool, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'tls-enabled',
  meta: {
    description: 'The chart speaks HTTPS to Vault and every TCP listener serves TLS',
    severity: 'error',
    tags: ['tls', 'security'],
    guide: 'Vault listener',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      chartTlsDisabled: 'Expected global.tlsDisable to be false, found {{value}}; the chart then points probes, the injector and VAULT_ADDR at plain http (guide: "Vault listener", TLS should always be configured in production)',
      listenerTlsDisabled: 'Disabled TLS on listener "tcp": tls_disable = {{value}} serves the Vault API in plain text (guide: "Vault listener")',
      listenerTlsDisableInvalid: 'Expected tls_disable on listener "tcp" to be a boolean, found {{value}}; Vault refuses to start',
      missingCertFile: 'Missing tls_cert_file on listener "tcp"; without a certificate Vault cannot serve TLS (guide: "Vault listener")',
      missingKeyFile: 'Missing tls_key_file on listener "tcp"; without the private key Vault cannot serve TLS (guide: "Vault listener")',
    },
    hints: {
      chartTlsDisabled: 'Set global.tlsDisable: false.',
      listenerTlsDisabled: 'Remove tls_disable and set tls_cert_file and tls_key_file to a mounted certificate, e.g. /vault/userconfig/tls-server/tls.crt.',
      listenerTlsDisableInvalid: 'Use tls_disable = false, or remove the line.',
      missingCertFile: 'Add tls_cert_file = "/vault/userconfig/<secret>/tls.crt" and mount the secret with server.extraVolumes.',
      missingKeyFile: 'Add tls_key_file = "/vault/userconfig/<secret>/tls.key" and mount the secret with server.extraVolumes.',
    },
  },
  check(context) {
    const { model } = context;
    const tlsDisable = model.get('global.tlsDisable');
    if (tlsDisable && !model.chartTls) {
      context.report({ node: tlsDisable, messageId: 'chartTlsDisabled', data: { value: JSON.stringify(tlsDisable.value) } });
    }
    const config = model.parsedConfig;
    if (!config) return;
    for (const listener of config.root.blocks('listener')) {
      if (listener.label !== 'tcp') continue;
      const disable = listener.body.attr('tls_disable');
      const disabled = disable ? vaultBool(disable.value) : false;
      if (disable && disabled === 'invalid') {
        context.report({ node: disable, messageId: 'listenerTlsDisableInvalid', data: { value: JSON.stringify(disable.value) } });
        continue;
      }
      if (disable && disabled) {
        context.report({ node: disable, messageId: 'listenerTlsDisabled', data: { value: JSON.stringify(disable.value) } });
        continue;
      }
      if (!listener.body.attr('tls_cert_file')) context.report({ node: listener, messageId: 'missingCertFile' });
      if (!listener.body.attr('tls_key_file')) context.report({ node: listener, messageId: 'missingKeyFile' });
    }
  },
});
