import rule from '../../rules/listener-cluster-address.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'the guide\'s listener', code: `
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
    ` },
    { name: 'one of two listeners sets it', code: `
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
    ` },
    { name: 'standalone: nothing to forward to', code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              address = "[::]:8200"
            }
    ` },
  ],
  invalid: [
    {
      name: 'HA without cluster_address: reported at the listener header',
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
      errors: [{ messageId: 'missingClusterAddress', line: 7, column: 9, endLine: 7, endColumn: 23 }],
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
