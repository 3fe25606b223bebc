import rule from '../../rules/no-experiments.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a dev server is for trying things out, experiments included',
      code: `
      server:
        dev:
          enabled: true
        extraEnvironmentVars:
          VAULT_EXPERIMENTS: events.alpha1
    `,
    },
    {
      name: 'no experiments, an empty list, and an empty env var',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_EXPERIMENTS: ""
        standalone:
          config: |
            experiments = []
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
            experiments = ["events.alpha1"]
    `,
    },
    {
      name: 'the env var loaded from a Kubernetes Secret is not written here',
      code: `
      server:
        extraSecretEnvironmentVars:
          - envName: VAULT_EXPERIMENTS
            secretName: vault-flags
            secretKey: experiments
    `,
    },
  ],
  invalid: [
    {
      name: 'an experiments list in the raft config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                experiments = ["events.alpha1", "core.raft.wal"]
                storage "raft" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'experiments',
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 57,
          message: 'Unexpected experiments "events.alpha1", "core.raft.wal" in the Vault config',
        },
      ],
    },
    {
      name: 'experiments turned on through VAULT_EXPERIMENTS',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_EXPERIMENTS: events.alpha1
      `,
      errors: [
        {
          messageId: 'experimentsEnv',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 37,
          message: 'server.extraEnvironmentVars.VAULT_EXPERIMENTS',
        },
      ],
    },
  ],
});
