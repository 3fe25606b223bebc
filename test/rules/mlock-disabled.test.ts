import rule from '../../rules/mlock-disabled.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'no disable_mlock: the chart appends disable_mlock = true',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'disable_mlock = true, as the Vault docs recommend with integrated storage',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              disable_mlock = true
              storage "raft" { path = "/vault/data" }
    `,
    },
    {
      name: 'chart 0.31.0 appends its own disable_mlock = true after the user line, which wins (duplicate-config-key reports the repeat)',
      lint: { chartVersion: '0.31.0' },
      code: `
      server:
        standalone:
          config: |
            disable_mlock = false
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a quoted "false" is no explicit line: the chart appends true (duplicate-config-key reports the repeat)',
      code: `
      server:
        standalone:
          config: |
            disable_mlock = "false"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'IPC_LOCK granted and no integrated storage: mlock can work and the docs ask for it',
      code: `
      server:
        statefulSet:
          securityContext:
            container:
              capabilities:
                add: ["IPC_LOCK"]
        ha:
          enabled: true
          config: |
            disable_mlock = false
            storage "consul" { address = "HOST_IP:8500" }
    `,
    },
  ],
  invalid: [
    {
      name: 'disable_mlock = false in the chart container: Vault cannot lock memory and exits',
      code: `
        server:
          standalone:
            config: |
              disable_mlock = false
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'mlockWithoutIpcLock', line: 4, column: 23, endLine: 4, endColumn: 28, message: 'found false' }],
    },
    {
      name: 'a JSON config keeps its own "disable_mlock": false',
      code: `
        server:
          standalone:
            config: |
              {"disable_mlock": false, "storage": {"file": {"path": "/vault/data"}}}
      `,
      errors: [{ messageId: 'mlockWithoutIpcLock', line: 4, column: 25, endLine: 4, endColumn: 30 }],
    },
    {
      name: 'IPC_LOCK granted but integrated storage',
      code: `
        server:
          statefulSet:
            securityContext:
              container:
                capabilities:
                  add: ["IPC_LOCK"]
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                disable_mlock = false
                storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'mlockWithRaft', line: 12, column: 25, endLine: 12, endColumn: 30 }],
    },
  ],
});
