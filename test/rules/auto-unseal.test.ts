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
    { name: 'dev mode', code: `
      server:
        dev:
          enabled: true
    ` },
    { name: 'JSON config with a seal', code: `
      server:
        standalone:
          config: '{"seal": {"gcpckms": {"project": "p", "key_ring": "r", "crypto_key": "k", "region": "global"}}, "storage": {"file": {"path": "/d"}}}'
    ` },
    { name: 'a config that does not parse is left to hcl-syntax', code: `
      server:
        standalone:
          config: |
            storage "file" {
    ` },
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
      errors: [{ messageId: 'missingSeal', line: 2, column: 3, endLine: 2, endColumn: 5, fromChartDefault: true, message: 'server.ha.config' }],
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
  ],
});
