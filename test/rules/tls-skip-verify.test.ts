import rule from '../../rules/tls-skip-verify.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'transit seal and Consul verified with a CA',
      code: `
      server:
        ha:
          enabled: true
          config: |
            seal "transit" {
              address         = "https://transit.vault.svc:8200"
              key_name        = "autounseal"
              tls_ca_cert     = "/vault/userconfig/transit-ca/ca.crt"
              tls_skip_verify = "false"
            }
            storage "consul" {
              address         = "HOST_IP:8501"
              scheme          = "https"
              tls_ca_file     = "/vault/userconfig/consul-ca/ca.crt"
              tls_skip_verify = 0
            }
    `,
    },
    {
      name: "a listener or another seal is not this rule's business",
      code: `
      server:
        standalone:
          config: |
            seal "awskms" {
              kms_key_id      = "alias/vault"
              tls_skip_verify = "true"
            }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'in a config the chart ignores in this mode, next to the live one',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
          config: |
            storage "consul" { tls_skip_verify = "true" }
    `,
    },
  ],
  invalid: [
    {
      name: 'a transit seal that trusts any certificate',
      code: `
        server:
          standalone:
            config: |
              seal "transit" {
                address         = "https://transit.vault.svc:8200"
                key_name        = "autounseal"
                tls_skip_verify = "true"
              }
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'skipVerify',
          line: 7,
          column: 27,
          endLine: 7,
          endColumn: 33,
          message: 'Expected tls_skip_verify in seal "transit" to be false, found "true"',
        },
      ],
    },
    {
      name: 'Consul storage and Consul service registration',
      code: `
        server:
          ha:
            enabled: true
            config: |
              storage "consul" {
                address         = "HOST_IP:8501"
                scheme          = "https"
                tls_skip_verify = true
              }
              service_registration "consul" {
                address         = "HOST_IP:8501"
                tls_skip_verify = 1
              }
      `,
      errors: [
        { messageId: 'skipVerify', line: 8, column: 27, endLine: 8, endColumn: 31, message: 'storage "consul"' },
        { messageId: 'skipVerify', line: 12, column: 27, endLine: 12, endColumn: 28, message: 'service_registration "consul"' },
      ],
    },
  ],
});
