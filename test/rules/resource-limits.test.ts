import rule from '../../rules/resource-limits.js';
import { testRule } from '../helpers/rule-tester.js';

const GUIDE_RESOURCES = `
      server:
        resources:
          requests:
            memory: 8Gi
            cpu: 2000m
          limits:
            memory: 16Gi
            cpu: 2000m
`;

testRule(rule, {
  valid: [
    { name: "the guide's requests and limits", code: GUIDE_RESOURCES },
    { name: "the guide's requests meet the minimum option", code: GUIDE_RESOURCES, options: { minimum: true } },
    {
      name: 'equal amounts written differently: 2 = 2000m, 8Gi = 8589934592',
      code: `
      server:
        resources:
          requests:
            memory: 8Gi
            cpu: 2
          limits:
            memory: "8589934592"
            cpu: 2000m
    `,
    },
    {
      name: 'small requests pass without the minimum option',
      code: `
      server:
        resources:
          requests: {memory: 256Mi, cpu: 250m}
          limits: {memory: 1G, cpu: "0.5"}
    `,
    },
    {
      name: 'dev mode is not checked',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
    {
      name: 'external Vault: no server pods',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
    `,
    },
  ],
  invalid: [
    {
      name: 'no resources at all: one finding at the nearest written key, from the chart default',
      code: `
        server:
          ha:
            enabled: true
      `,
      errors: [{ messageId: 'missingResources', line: 1, column: 1, endLine: 1, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'an empty map renders nothing',
      code: `
        server:
          resources: {}
      `,
      errors: [{ messageId: 'missingResources', line: 2, column: 3, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'a string is rendered verbatim and rejected',
      code: `
        server:
          resources: "cpu: 2"
      `,
      errors: [{ messageId: 'notAMap', line: 2, column: 14, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'GB is not a Kubernetes suffix, a missing memory limit, and a cpu limit below its request',
      code: `
        server:
          resources:
            requests:
              memory: 8GB
              cpu: 2000m
            limits:
              cpu: 1
      `,
      errors: [
        { messageId: 'invalidQuantity', line: 4, column: 15, endLine: 4, endColumn: 18, message: 'found "8GB"' },
        { messageId: 'missingLimit', line: 6, column: 5, endLine: 6, endColumn: 11, message: 'limits.memory' },
        {
          messageId: 'limitBelowRequest',
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 13,
          message: 'at least the request "2000m", found "1"',
        },
      ],
    },
    {
      name: 'a null deletes the key: reported at the null',
      code: `
        server:
          resources:
            requests:
              memory: 8Gi
              cpu: null
            limits:
              memory: 16Gi
              cpu: 2
      `,
      errors: [{ messageId: 'missingRequest', line: 5, column: 12, endLine: 5, endColumn: 16, message: 'requests.cpu' }],
    },
    {
      name: 'only limits: the requests map is one omission, at the resources key',
      code: `
        server:
          resources:
            limits:
              memory: 16Gi
              cpu: 2
      `,
      errors: [{ messageId: 'missingRequests', line: 2, column: 3, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'only requests: the limits map holding only a null is one omission, at the limits key',
      code: `
        server:
          resources:
            requests:
              memory: 8Gi
              cpu: 2000m
            limits:
              memory: null
      `,
      errors: [{ messageId: 'missingLimits', line: 6, column: 5, endLine: 6, endColumn: 11 }],
    },
    {
      name: 'the minimum option compares with the small cluster (8Gi, 2 CPU)',
      options: { minimum: true },
      code: `
        server:
          resources:
            requests:
              memory: 4Gi
              cpu: 500m
            limits:
              memory: 4Gi
              cpu: 500m
      `,
      errors: [
        { messageId: 'belowMinimum', line: 4, column: 15, endLine: 4, endColumn: 18, message: 'at least "8Gi"' },
        { messageId: 'belowMinimum', line: 5, column: 12, endLine: 5, endColumn: 16, message: 'at least "2"' },
      ],
    },
  ],
});
