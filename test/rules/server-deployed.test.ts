import rule from '../../rules/server-deployed.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'the chart defaults: standalone', code: 'global: {}\n' },
    {
      name: 'HA with standalone off',
      code: `
      server:
        standalone:
          enabled: false
        ha:
          enabled: "true"
    `,
    },
    {
      name: 'dev mode with standalone off',
      code: `
      server:
        standalone:
          enabled: false
        dev:
          enabled: true
    `,
    },
    {
      name: 'server off, injector to an external Vault',
      code: `
      server:
        enabled: false
      injector:
        externalVaultAddr: https://vault.example.com:8200
    `,
    },
    {
      name: 'everything off but CSI',
      code: `
      global:
        enabled: false
      csi:
        enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'standalone off without HA',
      code: `
        server:
          standalone:
            enabled: false
      `,
      errors: [{ messageId: 'noServerMode', line: 3, column: 14, endLine: 3, endColumn: 19 }],
    },
    {
      name: 'HA switched on with a truthy word the chart does not compare equal to "true"',
      code: `
        server:
          ha:
            enabled: "True"
          standalone:
            enabled: "no"
      `,
      errors: [{ messageId: 'noServerMode', line: 5, column: 14, endLine: 5, endColumn: 18, message: '"no"' }],
    },
    {
      name: 'server off with the injector following global.enabled',
      code: `
        server:
          enabled: false
      `,
      errors: [{ messageId: 'injectorWithoutServer', line: 2, column: 12, endLine: 2, endColumn: 17, message: '"vault.default.svc"' }],
    },
    {
      name: 'global off, the injector switched on alone',
      lint: { namespace: 'secrets', releaseName: 'prod' },
      code: `
        global:
          enabled: false
        injector:
          enabled: true
      `,
      errors: [{ messageId: 'injectorWithoutServer', line: 2, column: 12, endLine: 2, endColumn: 17, message: '"prod-vault.secrets.svc"' }],
    },
  ],
});
