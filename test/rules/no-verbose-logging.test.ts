import rule from '../../rules/no-verbose-logging.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'info in the config, warn from server.logLevel',
      code: `
      server:
        logLevel: warn
        standalone:
          config: |
            log_level = "info"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'VAULT_LOG_LEVEL info wins over log_level = "trace" in the config at start',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_LOG_LEVEL: info
        standalone:
          config: |
            log_level = "trace"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'the -log-level flag wins over the environment',
      code: `
      server:
        logLevel: debug
        extraArgs: "-log-level=info"
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'log_level = "trace" in the config',
      code: `
        server:
          standalone:
            config: |
              log_level = "Trace"
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'verboseLevel', line: 4, column: 19, endLine: 4, endColumn: 26, message: '"trace" set by log_level' }],
    },
    {
      name: 'server.logLevel debug sets VAULT_LOG_LEVEL, which wins over the config',
      code: `
        server:
          logLevel: debug
          standalone:
            config: |
              log_level = "info"
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'verboseLevel', line: 2, column: 13, endLine: 2, endColumn: 18, message: 'set by server.logLevel' }],
    },
    {
      name: 'server.extraEnvironmentVars comes after server.logLevel in the pod, so it wins',
      code: `
        server:
          logLevel: info
          extraEnvironmentVars:
            VAULT_LOG_LEVEL: trace
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'verboseLevel',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 27,
          message: 'set by server.extraEnvironmentVars.VAULT_LOG_LEVEL',
        },
      ],
    },
    {
      name: 'the flag in server.extraArgs',
      code: `
        server:
          extraArgs: "-log-level=debug"
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'verboseLevel', line: 2, column: 14, endLine: 2, endColumn: 32, message: 'set by server.extraArgs' }],
    },
  ],
});
