import rule from '../../rules/raft-node-id.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a single-pod standalone raft node has no peers to tell apart',
      code: `
      server:
        standalone:
          config: |
            storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'HA raft with one replica: no peers either',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'setNodeId as in the guide',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            setNodeId: "true"
            config: |
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'node_id in the raft stanza',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" {
                path    = "/vault/data"
                node_id = "HOSTNAME"
              }
    `,
    },
    {
      name: 'VAULT_RAFT_NODE_ID set by hand',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_RAFT_NODE_ID: vault-node
        standalone:
          config: |
            storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'no raft storage: HA with Consul',
      code: `
      server:
        ha:
          enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'raft enabled without setNodeId: reported at the nearest key the file writes',
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
      errors: [{ messageId: 'missingNodeId', line: 5, column: 5, endLine: 5, endColumn: 9, fromChartDefault: true }],
    },
    {
      name: 'setNodeId written as false',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              setNodeId: no
              config: |
                storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'nodeIdDisabled', line: 6, column: 18, endLine: 6, endColumn: 20, message: 'found false' }],
    },
    {
      name: 'setNodeId without raft.enabled: the chart sets no VAULT_RAFT_NODE_ID',
      code: `
        server:
          ha:
            enabled: true
            raft:
              setNodeId: true
            config: |
              storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'setNodeIdIgnored', line: 5, column: 18, endLine: 5, endColumn: 22 }],
    },
  ],
});
