import rule from '../../rules/cluster-name.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a named cluster',
      code: `
      server:
        standalone:
          config: |
            cluster_name = "vault-prod"
            listener "tcp" { address = "[::]:8200" }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a name built from the release, which the linter evaluates',
      code: `
      server:
        standalone:
          config: |
            cluster_name = "{{ .Release.Name }}-prod"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a name only Helm knows is not judged',
      code: `
      server:
        standalone:
          config: |
            cluster_name = "{{ .Values.clusterName }}"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'JSON config',
      code: `
      server:
        standalone:
          config: '{"cluster_name": "vault-prod", "storage": {"file": {"path": "/vault/data"}}}'
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
      name: 'cluster_name may be in a -config file from extraArgs the linter cannot read',
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
      name: 'a config without a name: reported at the config key',
      code: `
        server:
          standalone:
            config: |
              listener "tcp" { address = "[::]:8200" }
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'missingClusterName', line: 3, column: 5, endLine: 3, endColumn: 11, message: 'in server.standalone.config' }],
    },
    {
      name: "the chart's default config has no name: reported at the nearest key the file writes",
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
      `,
      errors: [
        {
          messageId: 'missingClusterName',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 9,
          fromChartDefault: true,
          message: 'in server.ha.raft.config',
        },
      ],
    },
    {
      name: 'an empty name is no name',
      code: `
        server:
          standalone:
            config: |
              cluster_name = ""
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'missingClusterName', line: 4, column: 22, endLine: 4, endColumn: 24 }],
    },
  ],
});
