import rule from '../../rules/update-strategy-on-delete.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the chart default OnDelete',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
    `,
    },
    {
      name: 'OnDelete written out',
      code: `
      server:
        updateStrategyType: OnDelete
        ha:
          enabled: true
    `,
    },
    {
      name: 'a single-pod standalone release has no standby to upgrade first',
      code: `
      server:
        standalone:
          enabled: true
        updateStrategyType: RollingUpdate
    `,
    },
    {
      name: 'HA with one replica: no failover to an older leader can happen',
      code: `
      server:
        updateStrategyType: RollingUpdate
        ha:
          enabled: true
          replicas: 1
    `,
    },
    {
      name: 'dev mode runs one throw-away pod',
      code: `
      server:
        dev:
          enabled: true
        updateStrategyType: RollingUpdate
    `,
    },
    {
      name: 'external Vault: no StatefulSet',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
      server:
        updateStrategyType: RollingUpdate
    `,
    },
  ],
  invalid: [
    {
      name: 'RollingUpdate in HA',
      code: `
        server:
          updateStrategyType: RollingUpdate
          ha:
            enabled: true
            replicas: 5
      `,
      errors: [{ messageId: 'rolling', line: 2, column: 23, endLine: 2, endColumn: 36, message: 'found "RollingUpdate"' }],
    },
    {
      name: 'an empty value leaves Kubernetes on its RollingUpdate default',
      code: `
        server:
          updateStrategyType: ""
          ha:
            enabled: true
            replicas: 3
      `,
      errors: [{ messageId: 'rolling', line: 2, column: 23, endLine: 2, endColumn: 25, message: 'found ""' }],
    },
    {
      name: 'case matters to Kubernetes: ondelete is not OnDelete',
      code: `
        server:
          ha:
            enabled: true
          updateStrategyType: ondelete
      `,
      errors: [{ messageId: 'rolling', line: 4, column: 23, endLine: 4, endColumn: 31 }],
    },
  ],
});
