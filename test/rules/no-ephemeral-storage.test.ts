import rule from '../../rules/no-ephemeral-storage.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'raft in HA',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: "file storage with one pod (the chart's standalone default)",
      code: `
      server:
        standalone:
          enabled: true
    `,
    },
    {
      name: 'file storage in HA with a single replica',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'dev mode is in memory by design',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'in-memory storage in standalone mode',
      code: `
        server:
          standalone:
            config: |
              ui = true
              storage "inmem" {}
      `,
      errors: [{ messageId: 'inmemStorage', line: 5, column: 7, endLine: 5, endColumn: 22, message: 'Unexpected storage "inmem"' }],
    },
    {
      name: 'file storage shared by three HA replicas, written with the legacy backend name',
      code: `
        server:
          ha:
            enabled: true
            config: |
              backend "file" {
                path = "/vault/data"
              }
      `,
      errors: [
        {
          messageId: 'fileStorageReplicated',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 21,
          message: 'Unexpected storage "file" with 3 replicas',
        },
      ],
    },
  ],
});
