import rule from '../../rules/health-probes.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'one standalone pod is always the active one: no standby to fail the probe', code: `
      server:
        readinessProbe:
          path: "/v1/sys/health?sealedcode=204"
        livenessProbe:
          enabled: true
          path: /v1/sys/health
        standalone:
          enabled: true
    ` },
    { name: 'HA with one replica has no standby either', code: `
      server:
        readinessProbe:
          path: "/v1/sys/health?sealedcode=204"
        livenessProbe:
          enabled: true
        ha:
          enabled: true
          replicas: 1
    ` },
    { name: "the guide's probes", code: `
      server:
        ha:
          enabled: true
        readinessProbe:
          enabled: true
          path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"
        livenessProbe:
          enabled: true
          path: "/v1/sys/health?standbyok=true"
          initialDelaySeconds: 60
    ` },
    { name: "the chart's exec readiness probe (vault status passes on unsealed standbys) and the default liveness path", code: `
      server:
        livenessProbe:
          enabled: true
    ` },
    { name: 'standbycode in the success range, standbyok spelled 1, a liveness execCommand', code: `
      server:
        readinessProbe:
          path: /v1/sys/health?standbycode=204
        livenessProbe:
          enabled: "true"
          path: /v1/sys/health?standbyok=1
          initialDelaySeconds: "90"
    ` },
    { name: 'a liveness exec command replaces the path', code: `
      server:
        livenessProbe:
          enabled: true
          execCommand: ["/bin/sh", "-c", "vault status -tls-skip-verify"]
          path: /v1/sys/health
    ` },
    { name: 'another endpoint is not judged', code: `
      server:
        readinessProbe:
          path: /v1/sys/seal-status
        livenessProbe:
          enabled: true
    ` },
    { name: 'dev mode is not checked', code: `
      server:
        dev:
          enabled: true
    ` },
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
        { messageId: 'readinessNotStandbyOk', line: 3, column: 11, endLine: 3, endColumn: 42, message: 'found "/v1/sys/health?sealedcode=204"' },
        { messageId: 'livenessNotStandbyOk', line: 6, column: 11, endLine: 6, endColumn: 39 },
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
            initialDelaySeconds: 10
      `,
      errors: [{ messageId: 'livenessDelayTooShort', line: 4, column: 26, endLine: 4, endColumn: 28, message: 'found 10' }],
    },
  ],
});
