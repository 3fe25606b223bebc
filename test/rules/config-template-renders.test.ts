import rule from '../../rules/config-template-renders.js';
import { describe, expect, it } from 'vitest';
import { dedent, runRule, testRule } from '../helpers/rule-tester.js';

/** A config that includes the chart's vault.namespace helper. */
const INCLUDES_NAMESPACE = `
  server:
    standalone:
      config: |
        storage "consul" { address = "consul.{{ include "vault.namespace" . }}.svc:8500" }
`;

testRule(rule, {
  valid: [
    {
      // templates/_helpers.tpl defines vault.namespace from v0.26.0 on.
      name: 'include "vault.namespace" on chart 0.26.0',
      lint: { chartVersion: '0.26.0' },
      code: INCLUDES_NAMESPACE,
    },
    {
      name: 'go-sockaddr escaped as a raw string',
      code: `
      server:
        standalone:
          config: |
            cluster_addr = "https://{{\`{{ GetPrivateIP }}\`}}:8201"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'go-sockaddr escaped with quoted braces',
      code: `
      server:
        standalone:
          config: |
            cluster_addr = "https://{{ "{{" }} GetPrivateIP {{ "}}" }}:8201"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a range over until (int …) and Helm functions the linter does not evaluate',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              api_addr = "{{ printf "https://%s:8200" .Release.Name }}"
              storage "raft" {
                {{- range $i, $e := until (int .Values.server.ha.replicas) }}
                retry_join { leader_api_addr = "https://vault-{{ $i }}.vault-internal:8200" }
                {{- end }}
              }
    `,
    },
    {
      name: 'a YAML-map config on chart 0.28 is not run through tpl',
      lint: { chartVersion: '0.28.0' },
      code: `
      server:
        standalone:
          config:
            cluster_addr: "{{ GetPrivateIP }}"
            storage: { file: { path: /vault/data } }
    `,
    },
    {
      name: 'a config the chart does not render',
      code: `
      server:
        dev:
          enabled: true
        standalone:
          config: |
            cluster_addr = "{{ GetPrivateIP }}"
    `,
    },
  ],
  invalid: [
    {
      name: 'a go-sockaddr function Helm does not define',
      code: `
        server:
          standalone:
            config: |
              cluster_addr = "https://{{ GetPrivateIP }}:8201"
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'undefinedFunction',
          line: 4,
          column: 31,
          endLine: 4,
          endColumn: 49,
          message:
            'Unknown template function "GetPrivateIP" in "server.standalone.config": the chart renders the config with Helm\'s tpl, which fails on a function Helm does not define, so helm install fails; Vault evaluates go-sockaddr templates',
        },
      ],
    },
    {
      name: 'in a branch never taken, with trim markers',
      code: `
        server:
          standalone:
            config: |
              {{- if false }}
              cluster_addr = "{{- GetInterfaceIP "eth0" -}}"
              {{- end }}
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'undefinedFunction', line: 5, column: 23, endLine: 5, endColumn: 52, message: '"GetInterfaceIP"' }],
    },
    {
      name: 'a JSON config on chart 0.29+: the single escape does not survive the second tpl pass',
      code: `
        server:
          standalone:
            config: '{"cluster_addr": "{{\`{{ GetPrivateIP }}\`}}:8201", "storage": {"file": {"path": "/d"}}}'
      `,
      errors: [{ messageId: 'undefinedFunction', line: 3, column: 32, endLine: 3, endColumn: 56 }],
    },
    {
      name: 'until over a number from the values file',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" {
                  {{- range $i := until .Values.server.ha.replicas }}
                  retry_join { leader_api_addr = "https://vault-{{ $i }}.vault-internal:8200" }
                  {{- end }}
                }
      `,
      errors: [{ messageId: 'floatCount', line: 8, column: 11, endLine: 8, endColumn: 62, message: '"until" takes an int' }],
    },
    {
      // templates/_helpers.tpl at v0.25.0 has no vault.namespace helper (it arrives in v0.26.0).
      name: 'include "vault.namespace" on chart 0.25.0, which has no such helper',
      lint: { chartVersion: '0.25.0' },
      code: INCLUDES_NAMESPACE,
      errors: [
        {
          messageId: 'undefinedTemplate',
          line: 4,
          column: 44,
          endLine: 4,
          endColumn: 77,
          message: 'Unknown template "vault.namespace" in "server.standalone.config": chart 0.25.0 defines no such helper',
        },
      ],
    },
    {
      name: 'an if without its end',
      code: `
        server:
          standalone:
            config: |
              {{ if .Values.server.ha.enabled }}
              ui = true
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'syntax', line: 4, column: 7, endLine: 4, endColumn: 41, message: '(missing end for if)' }],
    },
    {
      name: 'a range past the expansion limit',
      code: `
        server:
          standalone:
            config: |
              storage "file" { path = "/vault/data" }
              {{- range until 1000 }}
              # a comment per item
              {{- end }}
      `,
      errors: [
        { messageId: 'expansionLimit', line: 5, column: 7, endLine: 5, endColumn: 30, message: '"until 1000" (more than 100 items)' },
      ],
    },
  ],
});

describe('config-template-renders hints', () => {
  const hintFor = async (code: string): Promise<string | undefined> => (await runRule(rule, dedent(code)))[0]?.hint;

  it('escapes a go-sockaddr action as a raw string Helm prints unchanged', async () => {
    expect(
      await hintFor(`
      server:
        standalone:
          config: |
            cluster_addr = "https://{{- GetPrivateIP }}:8201"
    `),
    ).toBe('Escape it so Helm prints it unchanged for Vault: write {{`{{ GetPrivateIP }}`}}.');
  });

  it('escapes twice in a JSON config on chart 0.29+, where tpl runs over it twice', async () => {
    expect(
      await hintFor(`
      server:
        standalone:
          config: '{"cluster_addr": "{{ GetPrivateIP }}:8201"}'
    `),
    ).toBe(
      'Escape it so Helm prints it unchanged for Vault: write {{ "{{`{{ GetPrivateIP }}`}}" }} (chart 0.34.1 runs a JSON config through tpl twice).',
    );
  });
});
