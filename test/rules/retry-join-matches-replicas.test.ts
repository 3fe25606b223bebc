import rule from '../../rules/retry-join-matches-replicas.js';
import { testRule } from '../helpers/rule-tester.js';

/** An HA raft release whose raft stanza holds the given retry_join lines (indented to fit). */
function release(joins: string[], options: { replicas?: number; tls?: boolean } = {}): string {
  const listener = options.tls === false ? 'tls_disable = 1' : 'tls_cert_file = "/vault/userconfig/tls/tls.crt"\n                tls_key_file  = "/vault/userconfig/tls/tls.key"';
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

testRule(rule, {
  valid: [
    release([0, 1, 2].map((i) => join(`https://vault-${i}.vault-internal:8200`))),
    { name: 'plain http when the listener has TLS off', code: release([0, 1, 2].map((i) => join(`http://vault-${i}.vault-internal:8200`)), { tls: false }) },
    { name: 'namespaced form with the known namespace', lint: { namespace: 'vault' }, code: release([0, 1, 2].map((i) => join(`https://vault-${i}.vault-internal.vault.svc.cluster.local:8200`))) },
    { name: 'auto_join discovery', code: release(['retry_join { auto_join = "provider=k8s namespace=vault" }']) },
    { name: 'release name decides the hosts', lint: { releaseName: 'prod' }, code: release([0, 1, 2].map((i) => join(`https://prod-vault-${i}.prod-vault-internal:8200`))) },
    { name: 'Helm actions that name the release', lint: { releaseName: 'prod' }, code: release([0, 1, 2].map((i) => join(`https://{{ .Release.Name }}-vault-${i}.{{ include "vault.fullname" . }}-internal:8200`))) },
    { name: 'one retry_join per replica from a Helm range over until (int …)', code: release([
      '{{- range $i, $e := until (int .Values.server.ha.replicas) }}',
      'retry_join {',
      '  leader_api_addr = "https://{{ include "vault.fullname" $ }}-{{ $i }}.{{ include "vault.fullname" $ }}-internal:8200"',
      '}',
      '{{- end }}',
    ], { replicas: 5 }) },
    { name: 'a range over until (add 2 1) inside an if on values', code: release([
      '{{- if .Values.server.ha.enabled }}',
      '{{- range $i := until (add 2 1) }}',
      'retry_join { leader_api_addr = "https://vault-{{ $i }}.vault-internal:8200" }',
      '{{- end }}',
      '{{- else }}',
      'retry_join { leader_api_addr = "https://vault-0.vault-internal:8200" }',
      '{{- end }}',
    ]) },
  ],
  invalid: [
    {
      name: 'one pod missing, reported at the raft stanza',
      code: release([0, 1].map((i) => join(`https://vault-${i}.vault-internal:8200`))),
      errors: [{ messageId: 'missingPeer', line: 12, column: 9, endLine: 12, endColumn: 23, message: '"vault-2.vault-internal"' }],
    },
    {
      name: 'extra and duplicate peers',
      code: release([join('https://vault-0.vault-internal:8200'), join('https://vault-1.vault-internal:8200'), join('https://vault-1.vault-internal:8200'), join('https://vault-2.vault-internal:8200'), join('https://vault-3.vault-internal:8200')]),
      errors: [
        { messageId: 'duplicatePeer', line: 16, column: 42, endLine: 16, endColumn: 79 },
        { messageId: 'extraPeer', line: 18, column: 42, endLine: 18, endColumn: 79 },
      ],
    },
    {
      name: 'wrong scheme, port, host and namespace',
      lint: { namespace: 'vault' },
      code: release([
        join('http://vault-0.vault-internal:8200'),
        join('https://vault-1.vault-internal:8201'),
        join('https://vault-2.vault-internal.other.svc:8200'),
        join('https://vault-3.vault.svc:8200'),
      ], { replicas: 4 }),
      errors: [
        { messageId: 'missingPeer', line: 12, column: 9, endLine: 12, endColumn: 23, message: '"vault-3.vault-internal"' },
        { messageId: 'wrongScheme', line: 14, column: 42, endLine: 14, endColumn: 78 },
        { messageId: 'wrongPort', line: 15, column: 42, endLine: 15, endColumn: 79 },
        { messageId: 'wrongNamespace', line: 16, column: 42, endLine: 16, endColumn: 89 },
        { messageId: 'wrongHost', line: 17, column: 42, endLine: 17, endColumn: 74 },
      ],
    },
    {
      name: 'no address and a malformed one',
      code: release(['retry_join { leader_ca_cert_file = "/vault/userconfig/tls/ca.crt" }', join('vault-1.vault-internal:8200'), join('https://vault-2.vault-internal:8200')]),
      errors: [
        { messageId: 'missingPeer', line: 12, column: 9, endLine: 12, endColumn: 23, message: '"vault-0.vault-internal"' },
        { messageId: 'missingPeer', line: 12, column: 9, endLine: 12, endColumn: 23, message: '"vault-1.vault-internal"' },
        { messageId: 'missingAddress', line: 14, column: 11, endLine: 14, endColumn: 21 },
        { messageId: 'malformedAddress', line: 15, column: 42, endLine: 15, endColumn: 71 },
      ],
    },
    {
      name: 'stanzas from a range the linter cannot list: cannot tell, no phantom missing peers',
      code: release([
        '{{- range $i := until (len .Values.server.extraPeers) }}',
        join('https://vault-{{ $i }}.vault-internal:8200'),
        '{{- end }}',
      ]),
      errors: [{ messageId: 'joinsUnknown', line: 12, column: 9, endLine: 12, endColumn: 23, message: 'Cannot tell whether retry_join names each of the 3 pods' }],
    },
    {
      name: 'a stanza printed by an action the linter cannot evaluate, the known ones still checked',
      code: release([
        join('https://vault-0.vault-internal:8201'),
        '{{ tpl .Values.extraJoins $ }}',
      ]),
      errors: [
        { messageId: 'joinsUnknown', line: 12, column: 9, endLine: 12, endColumn: 23 },
        { messageId: 'wrongPort', line: 14, column: 42, endLine: 14, endColumn: 79 },
      ],
    },
    {
      name: 'a wrong port in a range body: one finding on the body, not one per rendered copy',
      code: release([
        '{{- range $i := until 3 }}',
        join('https://vault-{{ $i }}.vault-internal:8201'),
        '{{- end }}',
      ]),
      errors: [{ messageId: 'wrongPort', line: 15, column: 42, endLine: 15, endColumn: 86 }],
    },
  ],
});
