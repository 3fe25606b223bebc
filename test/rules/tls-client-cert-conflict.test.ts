import rule from '../../rules/tls-client-cert-conflict.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'mTLS required, client certificates not disabled',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file                      = "/vault/userconfig/tls/tls.crt"
              tls_key_file                       = "/vault/userconfig/tls/tls.key"
              tls_client_ca_file                 = "/vault/userconfig/tls/ca.crt"
              tls_require_and_verify_client_cert = true
              tls_disable_client_certs           = "false"
            }
    `,
    },
    {
      name: 'client certificates disabled; the require flag off as a Go boolean string',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file                      = "/vault/userconfig/tls/tls.crt"
              tls_key_file                       = "/vault/userconfig/tls/tls.key"
              tls_disable_client_certs           = 1
              tls_require_and_verify_client_cert = "f"
            }
    `,
    },
    {
      name: 'TLS off on the listener: Vault never compares the two',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_disable                        = true
              tls_disable_client_certs           = true
              tls_require_and_verify_client_cert = true
            }
    `,
    },
  ],
  invalid: [
    {
      name: 'both on, spelled as Vault reads booleans',
      code: `
        server:
          ha:
            enabled: true
            config: |
              listener "tcp" {
                tls_cert_file                      = "/vault/userconfig/tls/tls.crt"
                tls_key_file                       = "/vault/userconfig/tls/tls.key"
                tls_require_and_verify_client_cert = "t"
                tls_disable_client_certs           = 1
              }
      `,
      errors: [
        {
          messageId: 'conflictingClientCerts',
          line: 9,
          column: 46,
          endLine: 9,
          endColumn: 47,
          message: 'tls_disable_client_certs = 1 together with tls_require_and_verify_client_cert = "t"',
        },
      ],
    },
    {
      name: 'one listener of two',
      code: `
        server:
          standalone:
            config: |
              listener "tcp" {
                address       = "127.0.0.1:8210"
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
              listener "tcp" {
                address                            = "[::]:8200"
                tls_cert_file                      = "/vault/userconfig/tls/tls.crt"
                tls_key_file                       = "/vault/userconfig/tls/tls.key"
                tls_disable_client_certs           = true
                tls_require_and_verify_client_cert = "TRUE"
              }
      `,
      errors: [{ messageId: 'conflictingClientCerts', line: 13, column: 46, endLine: 13, endColumn: 50 }],
    },
  ],
});
