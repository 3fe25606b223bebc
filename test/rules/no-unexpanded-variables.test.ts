import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-unexpanded-variables.js';
import { lintTargets } from '../../src/index.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the bare words the chart substitutes, and a go-sockaddr template',
      code: `
      server:
        ha:
          enabled: true
          config: |
            api_addr = "https://POD_IP:8200"
            cluster_addr = "{{ "{{" }} GetPrivateIP {{ "}}" }}:8201"
            listener "tcp" { tls_disable = 1 }
            storage "consul" {
              address = "HOST_IP:8500"
            }
    `,
    },
    {
      name: 'a dollar sign that is no reference, and a reference in a comment',
      code: `
      server:
        standalone:
          config: |
            # node_id = "\${HOSTNAME}" was the old way
            storage "file" { path = "/vault/data/$1" }
    `,
    },
    {
      name: 'dev mode renders no config',
      code: `
      server:
        dev:
          enabled: true
        standalone:
          config: |
            storage "file" { path = "\${DATA_DIR}" }
    `,
    },
    {
      name: 'an unclosed ${ and a ${NAME followed by text that is no shell operator are no references',
      code: `
      server:
        standalone:
          config: |
            cluster_name = "a \${B c \${D.e}"
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'shell syntax around a word the chart substitutes: exact span inside the HCL string',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" {
                  path    = "/vault/data"
                  node_id = "\${HOSTNAME}"
                }
      `,
      errors: [
        {
          messageId: 'substitutedWord',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 33,
          message: 'the bare word HOSTNAME, so Vault gets "${<the pod name>}"',
        },
      ],
    },
    {
      name: "Kubernetes' $(VAR) in api_addr, and an unset TRANSIT_ADDR: the hint sets the variable",
      code: `
        server:
          ha:
            enabled: true
            config: |
              api_addr = "https://$(POD_IP):8200"
              seal "transit" {
                address    = "\${TRANSIT_ADDR}"
                key_name   = "autounseal"
                mount_path = "transit/"
              }
              storage "consul" { address = "HOST_IP:8500" }
      `,
      errors: [
        {
          messageId: 'substitutedWord',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 36,
          message: "Kubernetes expands $(VAR) only in a container's env",
        },
        { messageId: 'substitutedWord', line: 7, column: 23, endLine: 7, endColumn: 38, message: 'in seal.transit.address' },
      ],
    },
    {
      name: 'a variable nothing substitutes, with a default, in a JSON config',
      code: `
        server:
          standalone:
            config: |
              {"storage": {"file": {"path": "/vault/\${DATA_DIR:-data}"}}, "listener": {"tcp": {"tls_disable": true}}}
      `,
      errors: [
        { messageId: 'neverExpanded', line: 4, column: 45, endLine: 4, endColumn: 62, message: 'Vault gets the text "${DATA_DIR:-data}"' },
      ],
    },
    {
      name: 'a YAML map config on chart 0.28.0: placed on the whole value',
      lint: { chartVersion: '0.28.0' },
      code: `
        server:
          standalone:
            config:
              storage:
                file:
                  path: "/vault/\${DATA_DIR}"
      `,
      errors: [{ messageId: 'neverExpanded', line: 6, column: 17, endLine: 6, endColumn: 37 }],
    },
  ],
});

describe('the bare-word hint in a Terraform template', () => {
  it('drops the $ of the $${…} escape, which would otherwise stay before the address', async () => {
    const text = [
      'server:',
      '  ha:',
      '    enabled: true',
      '    raft:',
      '      enabled: true',
      '      config: |',
      '        cluster_name = "${cluster_name}"',
      '        api_addr = "https://$${POD_IP}:8200"',
      '        storage "raft" {',
      '          path = "/vault/data"',
      '        %{~ for i in range(3) ~}',
      '          retry_join { leader_api_addr = "https://vault-${i}.vault-internal:8200" }',
      '        %{~ endfor ~}',
      '        }',
      '',
    ].join('\n');
    const [result] = await lintTargets([{ layers: [{ kind: 'file', label: 'vault.yaml.tftpl', text }] }], {});
    const found = result!.findings.filter((finding) => finding.ruleId === 'no-unexpanded-variables');
    expect(found.map((finding) => [finding.messageId, finding.location.line, finding.hint])).toEqual([
      [
        'substitutedWord',
        8,
        'Write the bare word, "https://POD_IP:8200": the chart\'s start script replaces POD_IP in the config before Vault reads it.',
      ],
    ]);
  });
});
