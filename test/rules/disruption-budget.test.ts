import rule from '../../rules/disruption-budget.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'HA with one replica: a budget could only block node drains, never keep a second pod up',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
          raft:
            enabled: true
          disruptionBudget:
            enabled: false
    `,
    },
    {
      name: 'the chart default budget in HA raft',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
          raft:
            enabled: true
    `,
    },
    {
      name: 'standalone has no budget to disable',
      code: `
      server:
        ha:
          disruptionBudget:
            enabled: false
    `,
    },
    {
      name: 'a maxUnavailable that keeps the quorum',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
          raft:
            enabled: true
          disruptionBudget:
            maxUnavailable: 2
    `,
    },
    {
      name: 'a falsy override is ignored by the chart',
      code: `
      server:
        ha:
          enabled: true
          replicas: 3
          raft:
            enabled: true
          disruptionBudget:
            maxUnavailable: 0
    `,
    },
    {
      name: 'Consul-backed HA keeps its quorum outside the pods',
      code: `
      server:
        ha:
          enabled: true
          replicas: 3
          disruptionBudget:
            maxUnavailable: 2
    `,
    },
    {
      name: 'one replica: the chart always uses 0',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
          raft:
            enabled: true
          disruptionBudget:
            maxUnavailable: 3
    `,
    },
  ],
  invalid: [
    {
      name: 'disabled in HA',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
            disruptionBudget:
              enabled: false
      `,
      errors: [{ messageId: 'disabled', line: 6, column: 16, endLine: 6, endColumn: 21, message: 'is false' }],
    },
    {
      name: 'the string "false" is not "true" to the chart, and neither is "yes"',
      code: `
        server:
          ha:
            enabled: true
            disruptionBudget:
              enabled: "yes"
      `,
      errors: [{ messageId: 'disabled', line: 5, column: 16, endLine: 5, endColumn: 21, message: 'is "yes"' }],
    },
    {
      name: 'the whole budget deleted with null: reported at the null',
      code: `
        server:
          ha:
            enabled: true
            disruptionBudget: null
      `,
      errors: [{ messageId: 'disabled', line: 4, column: 23, endLine: 4, endColumn: 27 }],
    },
    {
      name: 'three of five raft voters may go at once',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
            raft:
              enabled: true
            disruptionBudget:
              maxUnavailable: 3
      `,
      errors: [{ messageId: 'breaksQuorum', line: 8, column: 23, endLine: 8, endColumn: 24, message: 'at most 2 of 5 raft voters' }],
    },
    {
      name: 'a percentage rounds up: 50% of 5 is 3',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
            raft:
              enabled: true
            disruptionBudget:
              maxUnavailable: "50%"
      `,
      errors: [{ messageId: 'breaksQuorum', line: 8, column: 23, endLine: 8, endColumn: 28, message: 'evicting 3 at once' }],
    },
  ],
});
