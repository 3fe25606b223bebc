import rule from '../../rules/tls-min-version.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'tls12 and an unset minimum (Vault defaults to tls12)',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file   = "/vault/userconfig/tls/tls.crt"
              tls_key_file    = "/vault/userconfig/tls/tls.key"
              tls_min_version = "tls12"
            }
            listener "tcp" {
              address       = "127.0.0.1:8210"
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    `,
    },
    {
      name: 'tls13 passes the strict option',
      options: { minVersion: 'tls13' },
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file   = "/vault/userconfig/tls/tls.crt"
              tls_key_file    = "/vault/userconfig/tls/tls.key"
              tls_min_version = "tls13"
            }
    `,
    },
    {
      name: 'a listener without TLS, and a version Vault does not know (the config schema reports it)',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_disable     = 1
              tls_min_version = "tls10"
            }
            listener "tcp" {
              address         = "[::]:8210"
              tls_cert_file   = "/vault/userconfig/tls/tls.crt"
              tls_key_file    = "/vault/userconfig/tls/tls.key"
              tls_min_version = "TLS1.0"
            }
    `,
    },
    {
      name: 'a config the chart ignores, next to the live one',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
        ha:
          raft:
            config: |
              listener "tcp" { tls_min_version = "tls10" }
    `,
    },
  ],
  invalid: [
    {
      name: 'tls10 on one listener, tls11 on another',
      code: `
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file   = "/vault/userconfig/tls/tls.crt"
                tls_key_file    = "/vault/userconfig/tls/tls.key"
                tls_min_version = "tls10"
              }
              listener "tcp" {
                address         = "[::]:8210"
                tls_cert_file   = "/vault/userconfig/tls/tls.crt"
                tls_key_file    = "/vault/userconfig/tls/tls.key"
                tls_min_version = "tls11"
              }
      `,
      errors: [
        { messageId: 'insecureMinVersion', line: 7, column: 27, endLine: 7, endColumn: 34, message: 'found "tls10"' },
        { messageId: 'insecureMinVersion', line: 13, column: 27, endLine: 13, endColumn: 34, message: 'found "tls11"' },
      ],
    },
    {
      name: 'with minVersion tls13, tls12 and an unset minimum are reported',
      options: { minVersion: 'tls13' },
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file   = "/vault/userconfig/tls/tls.crt"
                tls_key_file    = "/vault/userconfig/tls/tls.key"
                tls_min_version = "tls12"
              }
              listener "tcp" {
                address       = "[::]:8210"
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [
        { messageId: 'belowMinVersion', line: 9, column: 27, endLine: 9, endColumn: 34, message: 'to be "tls13", found "tls12"' },
        { messageId: 'missingMinVersion', line: 11, column: 7, endLine: 11, endColumn: 21 },
      ],
    },
  ],
});
