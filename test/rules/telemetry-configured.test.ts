import rule from '../../rules/telemetry-configured.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a Prometheus telemetry stanza',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
              telemetry {
                prometheus_retention_time = "30s"
                disable_hostname          = true
              }
    `,
    },
    {
      name: 'telemetry written as an attribute, for statsd',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
            telemetry = { statsd_address = "statsd.company.local:8125" }
    `,
    },
    {
      name: 'JSON config',
      code: `
      serverTelemetry:
        serviceMonitor:
          enabled: true
      server:
        standalone:
          config: '{"storage": {"file": {"path": "/vault/data"}}, "telemetry": {"prometheus_retention_time": "24h"}}'
    `,
    },
    {
      name: 'dev mode has no config',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
    {
      name: 'telemetry may be in a -config file from extraArgs the linter cannot read',
      code: `
      server:
        extraArgs: "-config=/vault/userconfig/vault-extra/extra.hcl"
        extraVolumes:
          - type: configMap
            name: vault-extra
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'no telemetry: reported at the config key, where the stanza goes',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'missingTelemetry', line: 6, column: 7, endLine: 6, endColumn: 13, message: 'in server.ha.raft.config' }],
    },
    {
      name: 'a ServiceMonitor that would scrape nothing',
      code: `
        serverTelemetry:
          serviceMonitor:
            enabled: true
        server:
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'serviceMonitorWithoutTelemetry', line: 6, column: 5, endLine: 6, endColumn: 11 }],
    },
    {
      name: "the chart's default config has no telemetry; nothing under server is written: the file's start, and the message says so",
      code: `
        global:
          tlsDisable: false
      `,
      errors: [
        {
          messageId: 'missingTelemetry',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fromChartDefault: true,
          message: /in server\.standalone\.config.* \(chart default; not set in this file\)$/,
        },
      ],
    },
  ],
});
