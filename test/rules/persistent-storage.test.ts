import rule from '../../rules/persistent-storage.js';
import { describe, expect, it } from 'vitest';
import { dedent, testRule } from '../helpers/rule-tester.js';
import { buildModel } from '../../src/engine/lint.js';
import { runRules } from '../../src/engine/run.js';
import { resolveRules } from '../../src/engine/config.js';

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
    {
      name: 'Consul HA needs no data PVC',
      code: `
      server:
        dataStorage:
          enabled: false
        auditStorage:
          enabled: true
        ha:
          enabled: true
    `,
    },
    {
      name: 'dev mode has no storage to check',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
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

describe('persistent-storage severities', () => {
  it('a missing audit volume is a warning (audit may go to stdout or a socket), missing data storage an error', async () => {
    const text = dedent(`
      server:
        dataStorage:
          enabled: false
        standalone:
          enabled: true
    `);
    const model = await buildModel({ layers: [{ kind: 'file', label: 'values.yaml', text }] });
    const findings = runRules(model, resolveRules([rule], 'recommended'));
    expect(findings.map((finding) => `${finding.messageId} ${finding.severity}`).sort()).toEqual([
      'auditStorageDisabled warning',
      'dataStorageDisabled error',
    ]);
    expect(findings.find((finding) => finding.messageId === 'auditStorageDisabled')?.message).toContain(
      'audit devices that write to stdout or a socket need no volume',
    );
  });
});
