import rule from '../../rules/helm-yaml-boolean.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    `
      server:
        ha:
          enabled: true
          raft:
            enabled: True
        dataStorage:
          enabled: FALSE
    `,
    {
      name: 'quoted words and words that YAML 1.1 reads as strings',
      code: `
      server:
        extraEnvironmentVars:
          FEATURE: "yes"
          MODE: 'off'
          ANSWER: yEs
          REGION: no-west-1
        annotations:
          enabled: !!str on
    `,
    },
    {
      name: "a chart default is not the user's",
      code: `
      ui:
        enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'yes, Off and a list item y',
      code: `
        server:
          ha:
            enabled: yes
          auditStorage:
            enabled: Off
        ui:
          loadBalancerSourceRanges:
            - y
      `,
      errors: [
        {
          messageId: 'yaml11Boolean',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 17,
          message: 'Unexpected YAML 1.1 boolean "yes" at server.ha.enabled; Helm reads true',
        },
        { messageId: 'yaml11Boolean', line: 5, column: 14, endLine: 5, endColumn: 17, message: 'Helm reads false' },
        { messageId: 'yaml11Boolean', line: 8, column: 7, endLine: 8, endColumn: 8, message: 'at ui.loadBalancerSourceRanges.0' },
      ],
    },
    {
      name: 'in flow style',
      code: `
        global: {enabled: ON, tlsDisable: n}
      `,
      errors: [
        { messageId: 'yaml11Boolean', line: 1, column: 19, endLine: 1, endColumn: 21, message: '"ON"' },
        {
          messageId: 'yaml11Boolean',
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 36,
          message: '"n" at global.tlsDisable; Helm reads false',
        },
      ],
    },
  ],
});
