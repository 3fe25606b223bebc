import rule from '../../rules/persistent-storage.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    `
      server:
        auditStorage:
          enabled: true
        ha:
          enabled: true
          raft:
            enabled: true
    `,
    { name: 'Consul HA needs no data PVC', code: `
      server:
        dataStorage:
          enabled: false
        auditStorage:
          enabled: true
        ha:
          enabled: true
    ` },
    { name: 'dev mode has no storage to check', code: `
      server:
        dev:
          enabled: true
    ` },
  ],
  invalid: [
    {
      name: 'audit PVC left at the chart default',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
      `,
      errors: [{ messageId: 'auditStorageDisabled', line: 1, column: 1, endLine: 1, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'data PVC off with integrated storage, audit off explicitly',
      code: `
        server:
          dataStorage:
            enabled: false
          auditStorage:
            enabled: no
          standalone:
            enabled: true
      `,
      errors: [
        { messageId: 'dataStorageDisabled', line: 3, column: 14, endLine: 3, endColumn: 19, message: 'with file storage' },
        { messageId: 'auditStorageDisabled', line: 5, column: 14, endLine: 5, endColumn: 16 },
      ],
    },
  ],
});
