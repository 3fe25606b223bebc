import rule from '../../rules/listener-cluster-address.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: "the guide's listener",
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" {
                address         = "[::]:8200"
                cluster_address = "[::]:8201"
              }
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'one of two listeners sets it',
      code: `
      server:
        ha:
          enabled: true
          config: |
            listener "tcp" {
              address = "127.0.0.1:8210"
            }
            listener "tcp" {
              address         = "0.0.0.0:8200"
              cluster_address = "0.0.0.0:8201"
            }
    `,
    },
    {
      name: 'cluster_address left out: Vault derives [::]:8201 from address, which every pod reaches',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" {
                address = "[::]:8200"
              }
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'a pod address the chart substitutes at start-up',
      code: `
      server:
        ha:
          enabled: true
          config: |
            listener "tcp" {
              address = "POD_IP:8200"
            }
    `,
    },
    {
      name: 'an address only Helm knows is not guessed at',
      code: `
      server:
        ha:
          enabled: true
          config: |
            listener "tcp" {
              address = "{{ .Values.listenAddress }}:8200"
            }
    `,
    },
    {
      name: 'clustering switched off: no cluster port at all',
      code: `
      server:
        ha:
          enabled: true
          config: |
            disable_clustering = true
            listener "tcp" {
              address = "127.0.0.1:8200"
            }
    `,
    },
    {
      name: 'HA with one replica: no peer to forward to',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
          config: |
            listener "tcp" {
              address = "127.0.0.1:8200"
            }
    `,
    },
    {
      name: 'standalone: nothing to forward to',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              address = "[::]:8200"
            }
    `,
    },
  ],
  invalid: [
    {
      name: 'HA without cluster_address on a loopback address: reported at the listener header',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  address = "127.0.0.1:8200"
                }
                storage "raft" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'missingClusterAddress',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 23,
          message: 'Vault derives "127.0.0.1:8201" from address "127.0.0.1:8200": a loopback address',
        },
      ],
    },
    {
      name: "a listener without any address binds Vault's default 127.0.0.1",
      code: `
        server:
          ha:
            enabled: true
            replicas: 3
            config: |
              listener "tcp" {
                tls_disable = 1
              }
              storage "consul" { path = "vault" }
      `,
      errors: [
        {
          messageId: 'missingClusterAddress',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 21,
          message: 'from the default address "127.0.0.1:8200" (the listener sets none)',
        },
      ],
    },
    {
      name: 'a loopback cluster address',
      code: `
        server:
          ha:
            enabled: true
            config: |
              listener "tcp" {
                address         = "[::]:8200"
                cluster_address = "127.0.0.1:8201"
              }
      `,
      errors: [{ messageId: 'loopbackClusterAddress', line: 7, column: 27, endLine: 7, endColumn: 43, message: 'found "127.0.0.1:8201"' }],
    },
  ],
});
