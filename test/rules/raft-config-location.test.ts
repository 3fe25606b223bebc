import rule from '../../rules/raft-config-location.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the guide: raft config in server.ha.raft.config, data under /vault/data',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" {
                path = "/vault/data"
              }
              service_registration "kubernetes" {}
    `,
    },
    {
      name: 'a custom data mount path with the raft path below it',
      code: `
      server:
        dataStorage:
          mountPath: /vault/raft/
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/raft/data" }
    `,
    },
    {
      name: "VAULT_RAFT_PATH overrides the stanza's path; templated paths are skipped",
      code: `
      server:
        extraEnvironmentVars:
          VAULT_RAFT_PATH: /vault/data/raft
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/somewhere/{{ .Values.dir }}" }
    `,
    },
    {
      name: 'standalone file storage, no raft anywhere',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'dev mode ignores every config',
      code: `
      server:
        dev:
          enabled: true
        ha:
          raft:
            config: |
              storage "raft" { path = "/var/lib/raft" }
    `,
    },
  ],
  invalid: [
    {
      name: 'server.ha.raft.config written but raft not enabled: the chart renders its default Consul config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              config: |
                storage "raft" {
                  path = "/vault/data"
                }
      `,
      errors: [
        {
          messageId: 'ignoredRaftStorage',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 23,
          message:
            'Unexpected storage "raft" in server.ha.raft.config, a config the chart does not render in this deployment (it renders server.ha.config)',
        },
      ],
    },
    {
      name: 'raft enabled but the raft config written in server.ha.config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
      `,
      errors: [
        { messageId: 'ignoredRaftStorage', line: 7, column: 7, endLine: 7, endColumn: 21, message: '(it renders server.ha.raft.config)' },
      ],
    },
    {
      name: "raft enabled, the user's config (without raft) in server.ha.config",
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
            config: |
              listener "tcp" { tls_cert_file = "/vault/userconfig/tls/tls.crt" }
              storage "consul" { address = "consul:8500" }
      `,
      errors: [
        { messageId: 'ignoredConfig', line: 6, column: 5, endLine: 6, endColumn: 11, message: 'Unexpected config in server.ha.config' },
      ],
    },
    {
      name: 'a config in server.extraConfig, a key the chart never reads',
      code: `
        server:
          extraConfig: |
            listener "tcp" { tls_cert_file = "/vault/userconfig/tls/tls.crt" }
            storage "file" { path = "/vault/data" }
      `,
      errors: [
        { messageId: 'ignoredConfig', line: 2, column: 3, endLine: 2, endColumn: 14, message: 'renders server.standalone.config instead' },
      ],
    },
    {
      name: 'raft enabled, but the raft config uses Consul',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "consul" { address = "consul:8500" }
      `,
      errors: [
        { messageId: 'missingRaftStorage', line: 6, column: 7, endLine: 6, endColumn: 13, message: 'but Vault runs with storage "consul"' },
      ],
    },
    {
      name: 'raft storage in server.ha.config with raft.enabled off',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: false
            config: |
              storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'raftNotEnabled', line: 7, column: 7, endLine: 7, endColumn: 21 }],
    },
    {
      name: 'a raft stanza without path',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" {
                  node_id = "HOSTNAME"
                }
      `,
      errors: [{ messageId: 'missingRaftPath', line: 7, column: 9, endLine: 7, endColumn: 23 }],
    },
    {
      name: 'the raft path off the data volume',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" {
                  path = "/vault/raft"
                }
      `,
      errors: [
        {
          messageId: 'pathOffVolume',
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 31,
          message: 'Expected the raft path to lie under server.dataStorage.mountPath "/vault/data", found "/vault/raft"',
        },
      ],
    },
    {
      name: 'VAULT_RAFT_PATH off the data volume is reported at the env var',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_RAFT_PATH: /var/lib/raft
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'pathOffVolume', line: 3, column: 22, endLine: 3, endColumn: 35 }],
    },
  ],
});
