import rule from '../../rules/tls-enabled.js';
import { testRule } from '../helpers/rule-tester.js';

const LISTENER_TLS = `
      listener "tcp" {
        address       = "[::]:8200"
        tls_cert_file = "/vault/userconfig/tls/tls.crt"
        tls_key_file  = "/vault/userconfig/tls/tls.key"
      }
      storage "file" { path = "/vault/data" }`;

testRule(rule, {
  valid: [
    { name: 'dev mode always serves plain HTTP: asking for chart TLS would break its probes', code: `
      global:
        tlsDisable: true
      server:
        dev:
          enabled: true
    ` },
    { name: 'TLS in the chart and the listener', code: `
      global:
        tlsDisable: false
      server:
        standalone:
          config: |${LISTENER_TLS.replace(/\n {6}/g, '\n            ')}
    ` },
    { name: 'external Vault: nothing rendered', code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
    ` },
    { name: 'tls_disable = false spelled as a string', code: `
      global:
        tlsDisable: false
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_disable   = "false"
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    ` },
  ],
  invalid: [
    {
      name: 'the string "false" is truthy to the chart',
      code: `
        global:
          tlsDisable: "false"
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'chartTlsDisabled', line: 2, column: 15, endLine: 2, endColumn: 22, message: 'found "false"' }],
    },
    {
      name: 'the chart default config disables TLS: reported at the nearest written key',
      code: `
        global:
          tlsDisable: false
        server:
          image:
            tag: "1.16.1"
      `,
      errors: [{ messageId: 'listenerTlsDisabled', line: 3, column: 1, endLine: 3, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'tls_disable = 1 inside a literal block maps exactly',
      code: `
        global:
          tlsDisable: false
        server:
          ha:
            enabled: true
            config: |
              listener "tcp" {
                address     = "[::]:8200"
                tls_disable = 1
              }
      `,
      errors: [{ messageId: 'listenerTlsDisabled', line: 9, column: 23, endLine: 9, endColumn: 24 }],
    },
    {
      name: 'a value Vault cannot read as a boolean',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_disable = "yes"
              }
      `,
      errors: [{ messageId: 'listenerTlsDisableInvalid', line: 7, column: 23, endLine: 7, endColumn: 28 }],
    },
    {
      name: 'certificate and key missing, reported at the listener header',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                address = "[::]:8200"
              }
      `,
      errors: [
        { messageId: 'missingCertFile', line: 6, column: 7, endLine: 6, endColumn: 21 },
        { messageId: 'missingKeyFile', line: 6, column: 7, endLine: 6, endColumn: 21 },
      ],
    },
    {
      name: 'an escaped one-line config maps to the whole scalar, marked approximate',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: "listener \\"tcp\\" {\\n  tls_disable = true\\n}\\n"
      `,
      errors: [{ messageId: 'listenerTlsDisabled', line: 5, column: 13, endLine: 5, endColumn: 60, approximate: true }],
    },
  ],
});
