import rule from '../../rules/health-probes.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a single Enterprise pod is never a standby: standbyok is not needed',
      code: `
        server:
          image:
            repository: hashicorp/vault-enterprise
            tag: "1.16.1-ent"
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?sealedcode=204&uninitcode=204"
      `,
    },
    {
      name: 'one standalone pod is always the active one: no standby to fail the probe',
      code: `
      server:
        readinessProbe:
          path: "/v1/sys/health?sealedcode=204"
        livenessProbe:
          enabled: true
          path: "/v1/sys/health?sealedcode=204&uninitcode=204"
        standalone:
          enabled: true
    `,
    },
    {
      name: 'HA with one replica has no standby either',
      code: `
      server:
        readinessProbe:
          path: "/v1/sys/health?sealedcode=204"
        livenessProbe:
          enabled: true
          path: "/v1/sys/health?sealedcode=204&uninitcode=204"
        ha:
          enabled: true
          replicas: 1
    `,
    },
    {
      name: "the guide's readiness probe and a liveness path that passes on sealed, uninitialised and standby pods",
      code: `
      server:
        ha:
          enabled: true
        readinessProbe:
          enabled: true
          path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
        livenessProbe:
          enabled: true
          path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
          initialDelaySeconds: 60
    `,
    },
    {
      name: "the chart's exec readiness probe (vault status passes on unsealed standbys) and a safe liveness path",
      code: `
      server:
        livenessProbe:
          enabled: true
          path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
    `,
    },
    {
      name: 'codes in the success range, standbyok spelled 1',
      code: `
      server:
        readinessProbe:
          path: /v1/sys/health?standbycode=204
        livenessProbe:
          enabled: "true"
          path: /v1/sys/health?standbyok=1&sealedcode=200&uninitcode=299
          initialDelaySeconds: "90"
    `,
    },
    {
      name: 'Enterprise: perfstandbyok covers performance standbys',
      code: `
      server:
        image:
          repository: hashicorp/vault-enterprise
          tag: "1.16.1-ent"
        livenessProbe:
          enabled: true
          path: /v1/sys/health?standbyok=true&perfstandbyok=true&sealedcode=204&uninitcode=204
    `,
    },
    {
      name: 'a liveness exec command replaces the path',
      code: `
      server:
        livenessProbe:
          enabled: true
          execCommand: ["/bin/sh", "-c", "vault status -tls-skip-verify"]
          path: /v1/sys/health
    `,
    },
    {
      name: 'another endpoint is not judged',
      code: `
      server:
        readinessProbe:
          path: /v1/sys/seal-status
        livenessProbe:
          enabled: true
          path: /v1/sys/seal-status
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
  ],
  invalid: [
    {
      name: 'liveness off by default: reported at the nearest written key',
      code: `
        server:
          image:
            tag: "1.16.1"
      `,
      errors: [{ messageId: 'livenessDisabled', line: 1, column: 1, endLine: 1, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'readiness switched off',
      code: `
        server:
          readinessProbe:
            enabled: false
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
      `,
      errors: [{ messageId: 'readinessDisabled', line: 3, column: 14, endLine: 3, endColumn: 19, message: 'enabled is false' }],
    },
    {
      name: 'health paths that fail on standbys',
      code: `
        server:
          readinessProbe:
            path: "/v1/sys/health?sealedcode=204"
          livenessProbe:
            enabled: true
            path: /v1/sys/health?standbyok=yes
          ha:
            enabled: true
      `,
      errors: [
        {
          messageId: 'readinessNotStandbyOk',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 42,
          message: 'found "/v1/sys/health?sealedcode=204"',
        },
        {
          messageId: 'livenessFailsHealthyPods',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 39,
          message: 'fails when a pod is sealed, uninitialised or a standby;',
        },
      ],
    },
    {
      name: "the guide's liveness path (the chart default) restarts sealed and uninitialised pods",
      code: `
        server:
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?standbyok=true"
      `,
      errors: [
        {
          messageId: 'livenessFailsHealthyPods',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 42,
          message: 'fails when a pod is sealed or uninitialised;',
        },
      ],
    },
    {
      name: 'the chart default path, never written, is reported at the enabled switch',
      code: `
        server:
          livenessProbe:
            enabled: true
      `,
      errors: [{ messageId: 'livenessFailsHealthyPods', line: 2, column: 3, endLine: 2, endColumn: 16, fromChartDefault: true }],
    },
    {
      name: 'Enterprise: standbyok does not cover performance standbys (473)',
      code: `
        server:
          image:
            repository: hashicorp/vault-enterprise
            tag: "1.16.1-ent"
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
          ha:
            enabled: true
            replicas: 5
      `,
      errors: [
        {
          messageId: 'livenessFailsHealthyPods',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 72,
          message: 'fails when a pod is a performance standby;',
        },
      ],
    },
    {
      name: 'a 429 standbycode is still a failure',
      code: `
        server:
          readinessProbe:
            path: /v1/sys/health?standbycode=429
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
          ha:
            enabled: true
            replicas: 5
      `,
      errors: [{ messageId: 'readinessNotStandbyOk', line: 3, column: 11, endLine: 3, endColumn: 41 }],
    },
    {
      name: 'liveness starts too early',
      code: `
        server:
          livenessProbe:
            enabled: true
            path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
            initialDelaySeconds: 10
      `,
      errors: [{ messageId: 'livenessDelayTooShort', line: 5, column: 26, endLine: 5, endColumn: 28, message: 'found 10' }],
    },
  ],
});
