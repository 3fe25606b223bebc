import { defineRule, CONFIG_MODES, GUIDE_CA_FILE, guideCaMount, serverAddrOverride, type ConfigValue } from '../src/engine/index.js';

const LISTENER_FIX =
  'set tls_cert_file and tls_key_file on listener "tcp" to a mounted certificate (e.g. /vault/userconfig/tls-server/tls.crt and tls.key from server.extraVolumes) and remove tls_disable';

export default defineRule({
  id: 'tls-enabled',
  meta: {
    description: 'The chart speaks HTTPS to Vault and every TCP listener serves TLS',
    severity: 'error',
    tags: ['tls', 'security'],
    guide: 'Vault listener',
    messageGuides: {
      tlsDisabled: 'Vault listener (TLS should always be configured in production)',
      chartTlsDisabled: 'Vault listener (TLS should always be configured in production)',
      listenerTlsDisabled: 'Vault listener (TLS should always be configured in production)',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      tlsDisabled:
        'Disabled TLS on listener "tcp" (tls_disable = {{value}}) and in the chart (global.tlsDisable: {{chart}}): Vault serves its API in plain text and the chart\'s probes, injector address and VAULT_ADDR use plain http',
      chartTlsDisabled:
        'Expected global.tlsDisable to be false, found {{value}}; the listener serves TLS but the chart points its probes, injector address and VAULT_ADDR at plain http',
      listenerTlsDisabled:
        'Disabled TLS on listener "tcp": tls_disable = {{value}} serves the Vault API in plain text while global.tlsDisable is false, so the chart\'s probes and its VAULT_ADDR use https and the pods never become Ready',
      listenerTlsDisableInvalid: 'Expected tls_disable on listener "tcp" to be a boolean, found {{value}}; Vault refuses to start',
      missingCertFile: 'Missing tls_cert_file on listener "tcp"; without a certificate Vault cannot serve TLS',
      missingKeyFile: 'Missing tls_key_file on listener "tcp"; without the private key Vault cannot serve TLS',
      missingCertificate:
        'Missing tls_cert_file and tls_key_file on listener "tcp"; TLS is on (no tls_disable) but without a certificate and its key Vault refuses to start',
    },
    hints: {
      tlsDisabled: `Make both changes together: ${LISTENER_FIX}, and set global.tlsDisable: false{{joins}}{{addr}}; either one alone leaves the pods unready.`,
      chartTlsDisabled: 'Set global.tlsDisable: false{{addr}}.',
      listenerTlsDisabled: `Keep global.tlsDisable: false and ${LISTENER_FIX}{{joins}}{{addr}}.`,
      listenerTlsDisableInvalid: 'Use tls_disable = false, or remove the line.',
      missingCertFile: 'Add tls_cert_file = "/vault/userconfig/<secret>/tls.crt" and mount the secret with server.extraVolumes.',
      missingKeyFile: 'Add tls_key_file = "/vault/userconfig/<secret>/tls.key" and mount the secret with server.extraVolumes.',
      missingCertificate:
        'Add tls_cert_file = "/vault/userconfig/<secret>/tls.crt" and tls_key_file = "/vault/userconfig/<secret>/tls.key", and mount the secret with server.extraVolumes.',
    },
  },
  check(context) {
    const { model } = context;
    const tlsDisable = model.get('global.tlsDisable')!;
    // A value a templated values file prints is unknown: never quote its placeholder, never call it on or off.
    const chart = tlsDisable.templated ? '(a template value)' : JSON.stringify(tlsDisable.value);
    const config = model.parsedConfig;
    const off: ConfigValue[] = [];
    for (const listener of config?.tcpListeners ?? []) {
      const disable = listener.body.attr('tls_disable');
      const disabled = disable ? disable.truth : false;
      if (disable && disabled === 'invalid')
        context.report({ node: disable, messageId: 'listenerTlsDisableInvalid', data: { value: JSON.stringify(disable.value) } });
      else if (disable && disabled) off.push(disable);
      else {
        const cert = listener.body.attr('tls_cert_file');
        const key = listener.body.attr('tls_key_file');
        // Neither half is one omission, the certificate; one half alone names the other.
        if (!cert || !key)
          context.report({
            node: listener,
            messageId: !cert && !key ? 'missingCertificate' : !cert ? 'missingCertFile' : 'missingKeyFile',
          });
      }
    }
    // A VAULT_ADDR override is the same decision seen from the vault CLI in the pods: over plain http it
    // changes with the fix (to https, with the CA, never the other way); over https it already fails
    // against a plain-text listener.
    const override = context.fact(serverAddrOverride);
    const overHttp = override !== undefined && /^http:\/\//i.test(override.text!.trim());
    // The CA file the hint names must exist in the pods once pasted: the mount comes with it.
    const mountCa = context.fact(guideCaMount);
    const ca = model.env.has('VAULT_CACERT') || model.env.has('VAULT_CAPATH') ? '' : ` next to VAULT_CACERT: ${GUIDE_CA_FILE}${mountCa}`;
    const addr = overHttp ? `, and write server.extraEnvironmentVars.VAULT_ADDR with https:// (or remove it)${ca}` : '';
    const addrRelated = (bothOff: boolean) =>
      override && overHttp
        ? [
            {
              node: override.node,
              message: 'VAULT_ADDR: vault commands in the pods use this plain-http address; it needs https:// with the fix',
            },
          ]
        : override && bothOff && /^https:\/\//i.test(override.text!.trim())
          ? [
              {
                node: override.node,
                message: 'VAULT_ADDR: vault commands in the pods speak https to the plain-text listener and fail until the fix',
              },
            ]
          : [];
    const [first, ...others] = off;
    if (!first) {
      if (!model.chartTls && !tlsDisable.templated)
        context.report({ node: tlsDisable, messageId: 'chartTlsDisabled', data: { value: chart, addr }, related: addrRelated(false) });
      return;
    }
    // One decision, one finding: at the first plain-text listener, where the certificate goes; the
    // other plain-text listeners, the chart switch and plain-http joins (they break once TLS is on) ride along.
    // Joins that break once the listener serves TLS: over http, or without the leader's CA.
    const joinsToFix = model.raftJoins.filter(
      (join) => join.url?.scheme === 'http' || (!join.block.body.attr('leader_ca_cert_file') && !join.block.body.attr('leader_ca_cert')),
    );
    const related = [
      ...others.map((node) => ({ node, message: 'another listener "tcp" with TLS disabled' })),
      ...(tlsDisable.isUserSet
        ? [
            {
              node: tlsDisable,
              message: model.chartTls
                ? 'global.tlsDisable: false makes the chart use https'
                : 'global.tlsDisable: the chart side of the same switch',
            },
          ]
        : []),
      ...joinsToFix.map((join) => ({
        node: join.address ?? join.block,
        message: 'retry_join: needs https:// and leader_ca_cert_file once the listener serves TLS',
      })),
      ...addrRelated(!model.chartTls),
    ];
    const joins =
      joinsToFix.length > 0
        ? `, and give every retry_join an https:// leader_api_addr and leader_ca_cert_file (e.g. ${GUIDE_CA_FILE}${mountCa})`
        : '';
    const data = { value: JSON.stringify(first.value), chart, joins, addr };
    context.report({ node: first, messageId: model.chartTls ? 'listenerTlsDisabled' : 'tlsDisabled', data, related });
  },
});
