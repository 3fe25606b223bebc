import rule from '../../rules/no-unauthenticated-endpoints.js';
import { dedent, runRule, testRule } from '../helpers/rule-tester.js';
import { resolveRules } from '../../src/engine/config.js';
import { runRules } from '../../src/engine/run.js';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

const PPROF = `
  server:
    standalone:
      config: |
        listener "tcp" {
          address = "[::]:8200"
          profiling {
            unauthenticated_pprof_access = true
          }
          telemetry {
            unauthenticated_metrics_access = true
          }
        }
        storage "file" { path = "/vault/data" }
`;

testRule(rule, {
  valid: [
    {
      name: 'authenticated metrics and profiling',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              address = "[::]:8200"
              telemetry {
                unauthenticated_metrics_access = false
              }
              profiling {
                unauthenticated_pprof_access = "0"
              }
            }
            telemetry {
              prometheus_retention_time = "30s"
              disable_hostname          = true
            }
            enable_unauthenticated_access = []
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'the chart default config keeps its example commented out',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
    `,
    },
    {
      name: 'a switch outside its sub-block does nothing in Vault',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              address                        = "[::]:8200"
              unauthenticated_metrics_access = true
            }
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'metrics and pprof open on the listener',
      code: PPROF,
      errors: [
        {
          messageId: 'pprofAccess',
          line: 7,
          column: 42,
          endLine: 7,
          endColumn: 46,
          message: 'unauthenticated_pprof_access on listener "tcp"',
        },
        { messageId: 'metricsAccess', line: 10, column: 44, endLine: 10, endColumn: 48, message: '/v1/sys/metrics' },
      ],
    },
    {
      name: 'in-flight requests open, written as a string, in the raft config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  address = "[::]:8200"
                  inflight_requests_logging {
                    unauthenticated_in_flight_requests_access = "true"
                  }
                }
                storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'inFlightAccess', line: 10, column: 57, endLine: 10, endColumn: 63, message: 'found "true"' }],
    },
    {
      name: 'Vault 2.x endpoint families opened without authentication',
      code: `
        server:
          standalone:
            config: |
              enable_unauthenticated_access = ["rekey", "generate-root"]
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'unauthenticatedAccess',
          line: 4,
          column: 39,
          endLine: 4,
          endColumn: 65,
          message: 'serves the "rekey", "generate-root" endpoints without a token',
        },
      ],
    },
  ],
});

describe('no-unauthenticated-endpoints severities', () => {
  async function levels(preset: 'recommended' | 'strict', overrides = {}) {
    const model = await modelOf(PPROF);
    return runRules(model, resolveRules([rule], preset, overrides)).map((finding) => `${finding.messageId}:${finding.severity}`);
  }
  it('reports pprof access as an error and the rest as warnings', async () => {
    expect(await levels('recommended')).toEqual(['pprofAccess:error', 'metricsAccess:warning']);
  });
  it('raises the warnings under strict, and lets a user-set severity win', async () => {
    expect(await levels('strict')).toEqual(['pprofAccess:error', 'metricsAccess:error']);
    expect(await levels('recommended', { 'no-unauthenticated-endpoints': 'info' })).toEqual(['pprofAccess:info', 'metricsAccess:info']);
  });
});

describe('metricsAccess hint names only keys the chart version has', () => {
  const code = dedent(`
    server:
      standalone:
        config: |
          listener "tcp" {
            telemetry {
              unauthenticated_metrics_access = true
            }
          }
  `);
  it.each([
    ['0.34.1', 'serverTelemetry.serviceMonitor.authorization'],
    ['0.28.0', 'chart 0.28.0 cannot give its ServiceMonitor a token'],
  ])('chart %s', async (chartVersion, wanted) => {
    const [finding] = await runRule(rule, code, { lint: { chartVersion } });
    expect(finding?.hint).toContain(wanted);
    if (chartVersion === '0.28.0') expect(finding?.hint).not.toContain('serverTelemetry.');
  });
});
