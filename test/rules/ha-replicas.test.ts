import rule from '../../rules/ha-replicas.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    `
      server:
        ha:
          enabled: true
          replicas: 5
    `,
    { name: 'the option sets another count', options: { replicas: 3 }, code: `
      server:
        ha:
          enabled: "true"
          replicas: 3
    ` },
    { name: 'external mode', code: `
      server:
        enabled: false
    ` },
  ],
  invalid: [
    {
      name: 'standalone by default',
      code: `
        server:
          image:
            tag: "1.16.1"
      `,
      errors: [{ messageId: 'notHa', line: 1, column: 1, endLine: 1, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'dev mode',
      code: `
        server:
          dev:
            enabled: true
      `,
      errors: [{ messageId: 'devMode', line: 3, column: 14, endLine: 3, endColumn: 18 }],
    },
    {
      name: 'three replicas',
      code: `
        server:
          ha:
            enabled: true
            replicas: 3
      `,
      errors: [{ messageId: 'replicas', line: 4, column: 15, endLine: 4, endColumn: 16, message: 'found 3' }],
    },
    {
      name: 'even count',
      code: `
        server:
          ha:
            enabled: true
            replicas: 4
      `,
      errors: [{ messageId: 'evenReplicas', line: 4, column: 15, endLine: 4, endColumn: 16, message: 'quorum of 4 is 3' }],
    },
    {
      name: 'replicas left at the chart default',
      code: `
        server:
          ha:
            enabled: true
      `,
      errors: [{ messageId: 'replicas', line: 2, column: 3, endLine: 2, endColumn: 5, fromChartDefault: true, message: 'found 3' }],
    },
    {
      name: 'a quoted count is not a number to the chart',
      code: `
        server:
          ha:
            enabled: true
            replicas: "5"
      `,
      errors: [{ messageId: 'replicasNotNumber', line: 4, column: 15, endLine: 4, endColumn: 18 }],
    },
  ],
});
