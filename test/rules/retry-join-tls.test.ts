import rule from '../../rules/retry-join-tls.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a single-pod standalone release never joins a peer',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              address       = "[::]:8200"
              tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
              tls_key_file  = "/vault/userconfig/tls-server/tls.key"
            }
            storage "raft" {
              path = "/vault/data"
              retry_join {
                leader_api_addr = "https://vault-0.vault-internal:8200"
              }
            }
    `,
    },
    {
      name: "the guide's retry_join: CA file with client certificate and key files",
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" {
                address       = "[::]:8200"
                tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                tls_key_file  = "/vault/userconfig/tls-server/tls.key"
              }
              storage "raft" {
                path = "/vault/data"
                retry_join {
                  leader_api_addr         = "https://vault-0.vault-internal:8200"
                  leader_ca_cert_file     = "/vault/userconfig/tls-ca/ca.crt"
                  leader_client_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  leader_client_key_file  = "/vault/userconfig/tls-server/tls.key"
                }
              }
    `,
    },
    {
      name: 'inline PEM CA and an auto_join entry written as a list',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" {
                address       = "[::]:8200"
                tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                tls_key_file  = "/vault/userconfig/tls-server/tls.key"
              }
              storage "raft" {
                path = "/vault/data"
                retry_join = [
                  { auto_join = "provider=k8s label_selector=\\"app.kubernetes.io/name=vault\\"", leader_ca_cert = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----" }
                ]
              }
    `,
    },
    {
      name: 'the listener has TLS off: joins use http',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" { tls_disable = "true" }
              storage "raft" {
                path = "/vault/data"
                retry_join { leader_api_addr = "http://vault-0.vault-internal:8200" }
              }
    `,
    },
  ],
  invalid: [
    {
      name: 'no CA: reported at the retry_join header',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  address       = "[::]:8200"
                  tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  tls_key_file  = "/vault/userconfig/tls-server/tls.key"
                }
                storage "raft" {
                  path = "/vault/data"
                  retry_join {
                    leader_api_addr = "https://vault-0.vault-internal:8200"
                  }
                }
      `,
      errors: [{ messageId: 'missingCa', line: 14, column: 11, endLine: 14, endColumn: 21 }],
    },
    {
      name: 'a client certificate without its key, and an inline key without its certificate',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  address       = "[::]:8200"
                  tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  tls_key_file  = "/vault/userconfig/tls-server/tls.key"
                }
                storage "raft" {
                  path = "/vault/data"
                  retry_join {
                    leader_api_addr         = "https://vault-0.vault-internal:8200"
                    leader_ca_cert_file     = "/vault/userconfig/tls-ca/ca.crt"
                    leader_client_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  }
                  retry_join {
                    leader_api_addr     = "https://vault-1.vault-internal:8200"
                    leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt"
                    leader_client_key   = "/vault/userconfig/tls-server/tls.key"
                  }
                }
      `,
      errors: [
        {
          messageId: 'unpairedClientCert',
          line: 17,
          column: 39,
          endLine: 17,
          endColumn: 77,
          message: 'Missing leader_client_key_file in retry_join: leader_client_cert_file is set without it',
        },
        {
          messageId: 'unpairedClientCert',
          line: 22,
          column: 35,
          endLine: 22,
          endColumn: 73,
          message: 'Missing leader_client_cert in retry_join: leader_client_key is set without it',
        },
      ],
    },
    {
      name: 'the CA left out of every join is one finding at the first, the others related',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  tls_key_file  = "/vault/userconfig/tls-server/tls.key"
                }
                storage "raft" {
                  retry_join { leader_api_addr = "https://vault-0.vault-internal:8200" }
                  retry_join { leader_api_addr = "https://vault-1.vault-internal:8200" }
                  retry_join {
                    leader_api_addr     = "https://vault-2.vault-internal:8200"
                    leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt"
                  }
                  retry_join { leader_api_addr = "https://vault-3.vault-internal:8200" }
                }
      `,
      errors: [
        {
          messageId: 'missingCa',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 21,
          message: 'Missing leader_ca_cert_file in 3 retry_join blocks',
          related: [
            { line: 13, column: 11, endLine: 13, endColumn: 21, message: 'the same omission' },
            { line: 18, column: 11, endLine: 18, endColumn: 21 },
          ],
        },
      ],
    },
  ],
});
