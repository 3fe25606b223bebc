import rule from '../../rules/auto-unseal.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    `
      server:
        standalone:
          config: |
            seal "awskms" {
              region     = "eu-west-1"
              kms_key_id = "alias/vault"
            }
            storage "file" { path = "/vault/data" }
    `,
    {
      name: 'dev mode',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
    {
      name: 'JSON config with a seal',
      code: `
      server:
        standalone:
          config: '{"seal": {"gcpckms": {"project": "p", "key_ring": "r", "crypto_key": "k", "region": "global"}}, "storage": {"file": {"path": "/d"}}}'
    `,
    },
    {
      name: 'a config that does not parse is left to hcl-syntax',
      code: `
      server:
        standalone:
          config: |
            storage "file" {
    `,
    },
    {
      name: 'VAULT_SEAL_TYPE in the environment sets the seal',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_SEAL_TYPE: awskms
          VAULT_AWSKMS_SEAL_KEY_ID: alias/vault
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'VAULT_SEAL_TYPE from a Secret',
      code: `
      server:
        extraSecretEnvironmentVars:
          - envName: VAULT_SEAL_TYPE
            secretName: vault-seal
            secretKey: type
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'VAULT_SEAL_TYPE replaces the Shamir seal Vault adds next to a disabled one',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_SEAL_TYPE: gcpckms
        standalone:
          config: |
            seal "transit" { disabled = true }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a disabled seal beside an enabled one (migration)',
      code: `
      server:
        standalone:
          config: |
            seal "transit" { disabled = "true" }
            seal "awskms" { kms_key_id = "alias/vault" }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'Seal HA on Vault Enterprise with enable_multiseal',
      code: `
      server:
        image:
          repository: hashicorp/vault-enterprise
          tag: 1.16.1-ent
        standalone:
          config: |
            enable_multiseal = true
            seal "awskms" {
              name     = "aws"
              priority = 1
            }
            seal "gcpckms" {
              name     = "gcp"
              priority = 2
            }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'the seal may be in a -config file from extraArgs the linter cannot read',
      code: `
      server:
        extraArgs: "-config=/vault/userconfig/vault-extra/extra.hcl"
        extraVolumes:
          - type: configMap
            name: vault-extra
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'no seal: at the config key',
      code: `
        server:
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'missingSeal', line: 3, column: 5, endLine: 3, endColumn: 11 }],
    },
    {
      name: 'no seal in the chart default config: at the nearest written key',
      code: `
        server:
          ha:
            enabled: true
      `,
      errors: [
        { messageId: 'missingSeal', line: 2, column: 3, endLine: 2, endColumn: 5, fromChartDefault: true, message: 'server.ha.config' },
      ],
    },
    {
      name: 'every seal disabled',
      code: `
        server:
          standalone:
            config: |
              seal "transit" {
                address  = "https://transit:8200"
                disabled = true
              }
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'sealDisabled', line: 6, column: 20, endLine: 6, endColumn: 24, message: '"transit"' }],
    },
    {
      name: 'VAULT_SEAL_TYPE=shamir is still manual unsealing',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_SEAL_TYPE: shamir
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'missingSeal', line: 5, column: 5, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'two enabled seals on Vault Community',
      code: `
        server:
          standalone:
            config: |
              seal "awskms" { kms_key_id = "alias/vault" }
              seal "gcpckms" { project = "p" }
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'multipleSeals',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 21,
          message: 'Unexpected second enabled seal "gcpckms" next to "awskms": Vault Community runs exactly one enabled seal',
        },
      ],
    },
    {
      name: 'two enabled seals on Vault Enterprise without enable_multiseal',
      code: `
        server:
          image:
            tag: 1.16.1-ent
          standalone:
            config: |
              seal "awskms" { kms_key_id = "alias/vault" }
              seal "awskms" {
                name = "second"
              }
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'multipleSeals', line: 7, column: 7, endLine: 7, endColumn: 20, message: 'enable_multiseal = true' }],
    },
    {
      name: 'enable_multiseal on Vault Community does not help',
      code: `
        server:
          standalone:
            config: |
              enable_multiseal = true
              seal "awskms" { kms_key_id = "alias/vault" }
              seal "transit" { key_name = "k" }
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'multipleSeals', line: 6, column: 7, endLine: 6, endColumn: 21, message: 'Community' }],
    },
  ],
});
