import rule from '../../rules/tls-skip-verify.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      // The action's output is unknown: neither a bypass nor a value the Vault client refuses.
      name: 'VAULT_SKIP_VERIFY printed by an action of a templated values file',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: {{ .Values.skipVerify }}
    `,
    },
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
    {
      name: 'VAULT_SKIP_VERIFY false, empty or "0" keeps verification on',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: false
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
      injector:
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: "0"
    `,
    },
    {
      name: 'dev mode is out of scope, and an injector that is off renders no env',
      code: `
      server:
        dev:
          enabled: true
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: true
      injector:
        enabled: false
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: true
    `,
    },
    {
      name: 'external mode runs no server: its server env is not rendered',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
      server:
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: true
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
    {
      name: 'VAULT_SKIP_VERIFY true in the server env, no CA: the hint gives the CA instead',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_SKIP_VERIFY: true
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'envSkipVerify', line: 3, column: 24, endLine: 3, endColumn: 28, message: 'found "true"' }],
    },
    {
      name: 'a YAML 1.1 yes is true to Helm, quoted "true" in the pod',
      code: `
        server:
          extraEnvironmentVars:
            vault_skip_verify: yes
            VAULT_CAPATH: /vault/userconfig/tls-ca
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'envSkipVerify', line: 3, column: 24, endLine: 3, endColumn: 27, message: 'found "true"' }],
    },
    {
      name: 'a value Go cannot parse breaks the client',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_SKIP_VERIFY: "enabled"
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'envSkipVerifyInvalid', line: 3, column: 24, endLine: 3, endColumn: 33, message: '"enabled"' }],
    },
    {
      name: 'from a secret: the value is unknown',
      code: `
        server:
          extraSecretEnvironmentVars:
            - envName: VAULT_SKIP_VERIFY
              secretName: vault-client
              secretKey: skip
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'secretEnvSkipVerify', line: 3, column: 16, endLine: 3, endColumn: 33, message: 'secret "vault-client"' }],
    },
    {
      name: 'in the injector env it does nothing, also with an external Vault',
      code: `
        global:
          externalVaultAddr: https://vault.example.com:8200
        injector:
          extraEnvironmentVars:
            VAULT_SKIP_VERIFY: "1"
      `,
      errors: [{ messageId: 'injectorSkipVerify', line: 5, column: 24, endLine: 5, endColumn: 27 }],
    },
  ],
});
