import rule from '../../rules/ha-replicas.js';
import { describe, expect, it } from 'vitest';
import { dedent, runRule, testRule } from '../helpers/rule-tester.js';
import { buildModel } from '../../src/engine/lint.js';
import { runRules } from '../../src/engine/run.js';
import { resolveRules } from '../../src/engine/config.js';

testRule(rule, {
  valid: [
    `
      server:
        ha:
          enabled: true
          replicas: 5
    `,
    {
      name: 'the option sets another count',
      options: { replicas: 3 },
      code: `
      server:
        ha:
          enabled: "true"
          replicas: 3
    `,
    },
    {
      name: 'Consul HA with three pods: availability, not a raft quorum',
      code: `
      server:
        ha:
          enabled: true
          replicas: 3
    `,
    },
    {
      name: 'Consul HA with two pods has a standby',
      code: `
      server:
        ha:
          enabled: true
          replicas: 2
          config: |
            storage "consul" { path = "vault" }
    `,
    },
    {
      name: 'external mode',
      code: `
      server:
        enabled: false
    `,
    },
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
            raft:
              enabled: true
      `,
      errors: [
        {
          messageId: 'replicas',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 16,
          message: 'found 3; 3 raft voters tolerate 1 failure, 5 tolerate 2 failures',
        },
      ],
    },
    {
      name: 'even count',
      code: `
        server:
          ha:
            enabled: true
            replicas: 4
            raft:
              enabled: true
      `,
      errors: [
        {
          messageId: 'evenReplicas',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 16,
          message: '4 raft voters need 3 for a quorum and so tolerate 1 failure, the same as 3',
        },
      ],
    },
    {
      name: 'replicas left at the chart default',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
      `,
      errors: [{ messageId: 'replicas', line: 2, column: 3, endLine: 2, endColumn: 5, fromChartDefault: true, message: 'found 3' }],
    },
    {
      name: 'no pod at all',
      code: `
        server:
          ha:
            enabled: true
            replicas: 0
      `,
      errors: [{ messageId: 'noReplicas', line: 4, column: 15, endLine: 4, endColumn: 16, message: 'runs no Vault pod' }],
    },
    {
      name: 'one pod on Consul: no standby, and no quorum talk',
      code: `
        server:
          ha:
            enabled: true
            replicas: 1
      `,
      errors: [
        {
          messageId: 'singleReplica',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 16,
          message: /^Expected server\.ha\.replicas to be 5, found 1; one pod has no standby to take over/,
        },
      ],
    },
    {
      name: 'seven raft voters: more than asked, an info',
      code: `
        server:
          ha:
            enabled: true
            replicas: 7
            raft:
              enabled: true
      `,
      errors: [
        {
          messageId: 'moreReplicas',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 16,
          message: '7 raft voters tolerate 3 failures, but every write then waits for 4 of them',
        },
      ],
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

/** The message for each count reads right: raft voters, quorum and tolerated failures. */
describe('ha-replicas arithmetic', () => {
  const raft = (replicas: number): string =>
    dedent(`
    server:
      ha:
        enabled: true
        replicas: ${replicas}
        raft:
          enabled: true
  `);
  const consul = (replicas: number): string =>
    dedent(`
    server:
      ha:
        enabled: true
        replicas: ${replicas}
  `);
  const expected: Record<number, string | undefined> = {
    1: 'Expected server.ha.replicas to be 5, found 1; one pod has no standby to take over, so Vault is down whenever that pod is',
    2: 'Expected server.ha.replicas to be 5, found 2; 2 raft voters need 2 for a quorum and so tolerate no failure, the same as 1',
    3: 'Expected server.ha.replicas to be 5, found 3; 3 raft voters tolerate 1 failure, 5 tolerate 2 failures',
    4: 'Expected server.ha.replicas to be 5, found 4; 4 raft voters need 3 for a quorum and so tolerate 1 failure, the same as 3',
    5: undefined,
    6: 'Expected server.ha.replicas to be 5, found 6; 6 raft voters need 4 for a quorum and so tolerate 2 failures, the same as 5',
    7: 'Unexpected server.ha.replicas 7, above the 5 the rule asks for; 7 raft voters tolerate 3 failures, but every write then waits for 4 of them',
  };
  for (const [count, message] of Object.entries(expected)) {
    it(`raft, ${count} replicas`, async () => {
      const findings = await runRule(rule, raft(Number(count)));
      expect(findings.map((finding) => finding.message)).toEqual(message === undefined ? [] : [message]);
      // The why: the guide's 5-node cluster for a voter count, the StatefulSet section for a lone pod.
      const guide = count === '1' ? 'Kubernetes StatefulSets' : 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)';
      expect(findings.map((finding) => finding.guide)).toEqual(message === undefined ? [] : [guide]);
    });
    it(`Consul, ${count} replicas: speaks of a standby only below two pods, never of a quorum`, async () => {
      const findings = await runRule(rule, consul(Number(count)));
      expect(findings.map((finding) => finding.message)).toEqual(Number(count) < 2 ? [expected[1]] : []);
    });
  }
  it('seven voters is an info, not an error, in the recommended preset', async () => {
    const model = await buildModel({ layers: [{ kind: 'file', label: 'values.yaml', text: raft(7) }] });
    const findings = runRules(model, resolveRules([rule], 'recommended'));
    expect(findings.map((finding) => `${finding.messageId} ${finding.severity}`)).toEqual(['moreReplicas info']);
  });
});
