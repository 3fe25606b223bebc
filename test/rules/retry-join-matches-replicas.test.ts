import { describe, expect, it } from 'vitest';
import rule from '../../rules/retry-join-matches-replicas.js';
import { dedent, runRule, testRule } from '../helpers/rule-tester.js';

/** An HA raft release whose raft stanza holds the given retry_join lines (indented to fit). */
function release(joins: string[], options: { replicas?: number; tls?: boolean } = {}): string {
  const listener =
    options.tls === false
      ? 'tls_disable = 1'
      : 'tls_cert_file = "/vault/userconfig/tls/tls.crt"\n                tls_key_file  = "/vault/userconfig/tls/tls.key"';
  return `
      server:
        ha:
          enabled: true
          replicas: ${options.replicas ?? 3}
          raft:
            enabled: true
            config: |
              listener "tcp" {
                ${listener}
              }
              storage "raft" {
                path = "/vault/data"
${joins.map((line) => `                ${line}`).join('\n')}
              }
  `;
}

const join = (address: string) => `retry_join { leader_api_addr = "${address}" }`;

const https = (i: number) => join(`https://vault-${i}.vault-internal:8200`);
const ADDRESS = { column: 42, endColumn: 79 };

testRule(rule, {
  valid: [
    {
      // One root cause, one finding: no-unexpanded-variables reports the reference where the fix goes.
      name: "an address with ${VAR} in it stands for the next pod; the reference is no-unexpanded-variables' finding",
      code: release([https(0), join('https://${VAULT_1_HOST}:8200'), join('https://$(POD_2).vault-internal:8200')]),
    },
    release([0, 1, 2].map(https)),
    {
      name: 'plain http when the listener has TLS off: tls-enabled reports the listener, not this rule',
      code: release(
        [0, 1, 2].map((i) => join(`http://vault-${i}.vault-internal:8200`)),
        { tls: false },
      ),
    },
    {
      name: 'https while the listener has TLS off: the fix is TLS on the listener (tls-enabled), never http here',
      code: release([0, 1, 2].map(https), { tls: false }),
    },
    {
      name: 'namespaced form with the known namespace',
      lint: { namespace: 'vault' },
      code: release([0, 1, 2].map((i) => join(`https://vault-${i}.vault-internal.vault.svc.cluster.local:8200`))),
    },
    { name: 'auto_join discovery', code: release(['retry_join { auto_join = "provider=k8s namespace=vault" }']) },
    {
      name: 'release name decides the hosts',
      lint: { releaseName: 'prod' },
      code: release([0, 1, 2].map((i) => join(`https://prod-vault-${i}.prod-vault-internal:8200`))),
    },
    {
      name: 'Helm actions that name the release',
      lint: { releaseName: 'prod' },
      code: release([0, 1, 2].map((i) => join(`https://{{ .Release.Name }}-vault-${i}.{{ include "vault.fullname" . }}-internal:8200`))),
    },
    {
      name: 'one retry_join per replica from a Helm range over until (int …)',
      code: release(
        [
          '{{- range $i, $e := until (int .Values.server.ha.replicas) }}',
          'retry_join {',
          '  leader_api_addr = "https://{{ include "vault.fullname" $ }}-{{ $i }}.{{ include "vault.fullname" $ }}-internal:8200"',
          '}',
          '{{- end }}',
        ],
        { replicas: 5 },
      ),
    },
    {
      name: 'a range over until (add 2 1) inside an if on values',
      code: release([
        '{{- if .Values.server.ha.enabled }}',
        '{{- range $i := until (add 2 1) }}',
        'retry_join { leader_api_addr = "https://vault-{{ $i }}.vault-internal:8200" }',
        '{{- end }}',
        '{{- else }}',
        'retry_join { leader_api_addr = "https://vault-0.vault-internal:8200" }',
        '{{- end }}',
      ]),
    },
  ],
  invalid: [
    {
      name: 'one pod missing, reported at the raft stanza',
      code: release([0, 1].map(https)),
      errors: [
        { messageId: 'peerList', line: 12, column: 9, endLine: 12, endColumn: 23, message: 'found "vault-2" missing;', related: [] },
      ],
    },
    {
      name: 'extra and duplicate peers: one finding, each offending entry related',
      code: release([0, 1, 1, 2, 3].map(https)),
      errors: [
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          message: 'found "vault-1" twice, "vault-3" extra (pods run 0 to 2);',
          related: [
            { line: 16, ...ADDRESS, endLine: 16, message: '"vault-1" twice: remove the second retry_join for "vault-1"' },
            { line: 18, ...ADDRESS, endLine: 18, message: '"vault-3" extra (pods run 0 to 2): remove the retry_join for "vault-3"' },
          ],
        },
      ],
    },
    {
      name: 'wrong scheme, port, namespace and host: one finding; the entry naming no pod takes the missing pod',
      lint: { namespace: 'vault' },
      code: release(
        [
          join('http://vault-0.vault-internal:8200'),
          join('https://vault-1.vault-internal:8201'),
          join('https://vault-2.vault-internal.other.svc:8200'),
          join('https://vault-3.vault.svc:8200'),
        ],
        { replicas: 4 },
      ),
      errors: [
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          related: [
            {
              line: 14,
              column: 42,
              endLine: 14,
              endColumn: 78,
              message: '"vault-0" with http while the listener serves TLS: set leader_api_addr = "https://vault-0.vault-internal:8200"',
            },
            { line: 15, column: 42, endLine: 15, endColumn: 79, message: '"vault-1" with port 8201 instead of the API port 8200' },
            { line: 16, column: 42, endLine: 16, endColumn: 89, message: '"vault-2" with namespace "other" instead of "vault"' },
            {
              line: 17,
              column: 42,
              endLine: 17,
              endColumn: 74,
              message:
                'a host that is no pod of release "vault" ("vault-3.vault.svc"): set leader_api_addr = "https://vault-3.vault-internal:8200" for "vault-3"',
            },
          ],
        },
      ],
    },
    {
      name: 'no address and a malformed one take the missing pods in order',
      code: release(['retry_join { leader_ca_cert_file = "/vault/userconfig/tls/ca.crt" }', join('vault-1.vault-internal:8200'), https(2)]),
      errors: [
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          message: 'found a retry_join without leader_api_addr, a malformed address ("vault-1.vault-internal:8200");',
          related: [
            {
              line: 14,
              column: 11,
              endLine: 14,
              endColumn: 21,
              message: 'set leader_api_addr = "https://vault-0.vault-internal:8200" for "vault-0"',
            },
            {
              line: 15,
              column: 42,
              endLine: 15,
              endColumn: 71,
              message: 'set leader_api_addr = "https://vault-1.vault-internal:8200" for "vault-1"',
            },
          ],
        },
      ],
    },
    {
      name: 'the same mistake on every pod is one finding',
      code: release([0, 1, 2].map((i) => join(`https://vault-${i}.vault-internal:8201`))),
      errors: [
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          related: [14, 15, 16].map((line) => ({ line, ...ADDRESS, endLine: line })),
        },
      ],
    },
    {
      name: 'a missing pod while the listener has TLS off: the example still uses https with the CA',
      code: release(
        [0, 1].map((i) => join(`http://vault-${i}.vault-internal:8200`)),
        { tls: false },
      ),
      errors: [{ messageId: 'peerList', line: 11, column: 9, endLine: 11, endColumn: 23, message: 'found "vault-2" missing;' }],
    },
    {
      name: 'stanzas from a range the linter cannot list: cannot tell, no phantom missing peers',
      code: release([
        '{{- range $i := until (len .Values.server.extraPeers) }}',
        join('https://vault-{{ $i }}.vault-internal:8200'),
        '{{- end }}',
      ]),
      errors: [
        {
          messageId: 'joinsUnknown',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          message: 'Cannot tell whether retry_join names each of the 3 pods',
        },
      ],
    },
    {
      name: 'a stanza printed by an action the linter cannot evaluate, the known ones still checked',
      code: release([join('https://vault-0.vault-internal:8201'), '{{ tpl .Values.extraJoins $ }}']),
      errors: [
        { messageId: 'joinsUnknown', line: 12, column: 9, endLine: 12, endColumn: 23 },
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          related: [{ line: 14, column: 42, endLine: 14, endColumn: 79 }],
        },
      ],
    },
    {
      name: 'a wrong port in a range body: one related place on the body, not one per rendered copy',
      code: release(['{{- range $i := until 3 }}', join('https://vault-{{ $i }}.vault-internal:8201'), '{{- end }}']),
      errors: [
        {
          messageId: 'peerList',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 23,
          related: [{ line: 15, column: 42, endLine: 15, endColumn: 86 }],
        },
      ],
    },
  ],
});

describe('retry-join-matches-replicas hints', () => {
  const hintOf = async (code: string) => (await runRule(rule, dedent(code)))[0]!.hint!;

  it('adds a missing peer as the guide writes it: https with the leader CA the config already uses', async () => {
    const code = release(
      [0, 1].map(
        (i) =>
          `retry_join {\n                  leader_api_addr = "https://vault-${i}.vault-internal:8200"\n                  leader_ca_cert_file = "/vault/userconfig/ca/ca.pem"\n                }`,
      ),
    );
    expect(await hintOf(code)).toBe(
      'In storage "raft": add retry_join { leader_api_addr = "https://vault-2.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/ca/ca.pem" }.',
    );
  });

  it('never suggests http, even when the listener has TLS off and the other joins use it', async () => {
    const hint = await hintOf(
      release(
        [0, 1].map((i) => join(`http://vault-${i}.vault-internal:8200`)),
        { tls: false },
      ),
    );
    expect(hint).toBe(
      'In storage "raft": add retry_join { leader_api_addr = "https://vault-2.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt" }, with the CA secret mounted by a server.extraVolumes item "- type: secret, name: tls-ca".',
    );
  });

  it('names the guide CA alone when server.extraVolumes already mounts tls-ca', async () => {
    const mounted = release([0, 1].map(https)).replace(
      '        ha:',
      '        extraVolumes:\n          - type: secret\n            name: tls-ca\n        ha:',
    );
    expect(await hintOf(mounted)).toBe(
      'In storage "raft": add retry_join { leader_api_addr = "https://vault-2.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt" }.',
    );
  });

  it('lists every edit of the one finding, in source order, then the additions', async () => {
    const hint = await hintOf(release([https(0), https(0), join('https://vault-1.vault-internal:8201'), https(5)], { replicas: 4 }));
    expect(hint).toBe(
      'In storage "raft": remove the second retry_join for "vault-0"; set leader_api_addr = "https://vault-1.vault-internal:8200"; remove the retry_join for "vault-5"; ' +
        'add retry_join { leader_api_addr = "https://vault-2.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt" }; ' +
        'add retry_join { leader_api_addr = "https://vault-3.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt" }, with the CA secret mounted by a server.extraVolumes item "- type: secret, name: tls-ca".',
    );
  });
});
