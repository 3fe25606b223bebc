import rule from '../../rules/service-registration.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'HA raft with service_registration "kubernetes"',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" { path = "/vault/data" }
              service_registration "kubernetes" {}
    `,
    },
    {
      name: "the chart's default HA config registers itself",
      code: `
      server:
        ha:
          enabled: true
    `,
    },
    {
      name: 'standalone: no active or standby Services to feed',
      code: `
      server:
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'JSON config with the registration',
      code: `
      server:
        ha:
          enabled: true
          config: |
            {"storage": {"consul": {"address": "consul:8500"}}, "service_registration": {"kubernetes": {}}}
    `,
    },
    {
      name: 'service_registration may be in a -config file from extraArgs the linter cannot read',
      code: `
      server:
        extraArgs: "-config /etc/vault.d/registration.hcl"
        extraVolumes:
          - type: configMap
            name: vault-extra
        ha:
          enabled: true
          config: |
            storage "consul" { path = "vault" }
    `,
    },
  ],
  invalid: [
    {
      name: "the guide's example has none: reported at the config key, where it is added",
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
            raft:
              enabled: true
              setNodeId: true
              config: |
                ui = true
                storage "raft" {
                  path = "/vault/data"
                }
      `,
      errors: [
        {
          messageId: 'missingRegistration',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 13,
          message: 'Missing service_registration "kubernetes" in server.ha.raft.config',
        },
      ],
    },
    {
      name: 'Consul registration does not label the pods',
      code: `
        server:
          ha:
            enabled: true
            config: |
              storage "consul" { address = "consul:8500" }
              service_registration "consul" {
                address = "consul:8500"
              }
      `,
      errors: [{ messageId: 'wrongRegistration', line: 6, column: 7, endLine: 6, endColumn: 36, message: 'found "consul"' }],
    },
    {
      name: 'the discovery Role switched off',
      code: `
        server:
          serviceAccount:
            serviceDiscovery:
              enabled: "false"
          ha:
            enabled: true
      `,
      errors: [{ messageId: 'discoveryDisabled', line: 4, column: 16, endLine: 4, endColumn: 23, message: '("false")' }],
    },
  ],
});
