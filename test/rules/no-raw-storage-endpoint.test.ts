import rule from '../../rules/no-raw-storage-endpoint.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'not set',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" { address = "[::]:8200" }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'set to false in any spelling Vault reads as false',
      code: `
      server:
        standalone:
          config: |
            raw_storage_endpoint = "false"
            EnableRawEndpoint    = 0
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'in a config the chart ignores in this mode, next to the live one',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
        ha:
          config: |
            raw_storage_endpoint = true
    `,
    },
    {
      name: 'rendered by a Helm action the linter cannot evaluate',
      code: `
      server:
        standalone:
          config: |
            raw_storage_endpoint = {{ .Values.rawEndpoint }}
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'an external Vault',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
    `,
    },
  ],
  invalid: [
    {
      name: 'true in the raft config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                ui = true
                raw_storage_endpoint = true
                storage "raft" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'rawStorageEndpoint',
          line: 8,
          column: 32,
          endLine: 8,
          endColumn: 36,
          message: 'Expected raw_storage_endpoint to be false, found true',
        },
      ],
    },
    {
      name: 'the string "1" and the camelCase alias, in a JSON config',
      code: `
        server:
          standalone:
            config: '{"storage": {"file": {"path": "/vault/data"}}, "raw_storage_endpoint": "1", "EnableRawEndpoint": true}'
      `,
      errors: [
        { messageId: 'rawStorageEndpoint', line: 3, column: 85, endLine: 3, endColumn: 88, message: 'found "1"' },
        {
          messageId: 'rawStorageEndpoint',
          line: 3,
          column: 111,
          endLine: 3,
          endColumn: 115,
          message: 'Expected EnableRawEndpoint to be false',
        },
      ],
    },
  ],
});
