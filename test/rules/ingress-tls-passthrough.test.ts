import { expect, it } from 'vitest';
import rule from '../../rules/ingress-tls-passthrough.js';
import { resolveRules } from '../../src/engine/config.js';
import { buildModel } from '../../src/engine/lint.js';
import { runRules } from '../../src/engine/run.js';
import { dedent, testRule } from '../helpers/rule-tester.js';

/** A standalone config whose listener serves TLS: the passthrough advice applies only then. Indented for the cases below. */
const TLS_LISTENER = [
  '          standalone:',
  '            config: |',
  '              listener "tcp" {',
  '                address       = "[::]:8200"',
  '                tls_cert_file = "/vault/userconfig/tls/tls.crt"',
  '                tls_key_file  = "/vault/userconfig/tls/tls.key"',
  '              }',
].join('\n');

const REENCRYPT = `
  server:
    ingress:
      enabled: true
      annotations:
        nginx.ingress.kubernetes.io/backend-protocol: HTTPS
      tls:
        - secretName: vault-ingress-tls
          hosts: [vault.example.com]
    standalone:
      config: |
        listener "tcp" {
          tls_cert_file = "/vault/userconfig/tls/tls.crt"
          tls_key_file  = "/vault/userconfig/tls/tls.key"
        }
`;

testRule(rule, {
  valid: [
    {
      name: 'ingress-nginx with ssl-passthrough',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: nginx
          annotations:
            nginx.ingress.kubernetes.io/ssl-passthrough: "true"
            nginx.ingress.kubernetes.io/backend-protocol: HTTPS
    `,
    },
    {
      name: 'HAProxy passthrough in string annotations',
      code: `
      server:
        ingress:
          enabled: true
          annotations: |
            haproxy.org/ssl-passthrough: "true"
    `,
    },
    {
      name: 'the OpenShift Route passes TLS through by default',
      code: `
      global:
        openshift: true
      server:
        route:
          enabled: true
          host: vault.apps.example.com
    `,
    },
    {
      name: 'the chart renders no Ingress on OpenShift',
      code: `
      global:
        openshift: true
      server:
        ingress:
          enabled: true
    `,
    },
    {
      name: 'no Ingress without the server Service',
      code: `
      server:
        service:
          enabled: false
        ingress:
          enabled: true
    `,
    },
    {
      name: 'terminating at the controller in front of a plain-HTTP listener: passthrough would break it (tls-enabled reports the listener)',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: nginx
          tls:
            - secretName: vault-ingress-tls
              hosts: [vault.example.com]
    `,
    },
    {
      name: 'ingress disabled (the default)',
      code: `
      server:
        ingress:
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 10m
    `,
    },
  ],
  invalid: [
    {
      name: 'an Ingress without tls and without passthrough serves plain HTTP: reported at the ingress key',
      code: `
        server:
          ingress:
            enabled: true
            ingressClassName: nginx
            hosts:
              - host: vault.example.com
      `,
      errors: [{ messageId: 'noClientTls', line: 2, column: 3, endLine: 2, endColumn: 10, message: 'server.ingress.tls is empty' }],
    },
    {
      name: 'an empty tls list is reported at the list, whatever the listener',
      code: `
        server:
          ingress:
            enabled: true
            tls: []
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'noClientTls', line: 4, column: 5, endLine: 4, endColumn: 8 }],
    },
    {
      name: 'ingress-nginx terminating TLS: reported at the annotations',
      code: `
        server:
          ingress:
            enabled: true
            ingressClassName: nginx
            annotations:
              nginx.ingress.kubernetes.io/proxy-body-size: 10m
            tls:
              - secretName: vault-ingress-tls
                hosts: [vault.example.com]
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'terminatesTls', line: 5, column: 5, endLine: 5, endColumn: 16, message: 'Ingress "vault" (ingress-nginx)' }],
    },
    {
      name: 'Traefik cannot pass through an Ingress; no annotations written: at the ingress key',
      lint: { releaseName: 'prod' },
      code: `
        server:
          ha:
            enabled: true
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
          ingress:
            enabled: true
            ingressClassName: traefik
            tls:
              - secretName: vault-ingress-tls
                hosts: [vault.example.com]
      `,
      errors: [
        {
          messageId: 'terminatesTls',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 10,
          fromChartDefault: true,
          message: 'Ingress "prod-vault" (Traefik)',
        },
      ],
    },
    {
      name: 'string annotations naming only the class',
      code: `
        server:
          ingress:
            enabled: true
            annotations: |
              kubernetes.io/ingress.class: haproxy
            tls:
              - secretName: vault-ingress-tls
                hosts: [vault.example.com]
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'terminatesTls', line: 4, column: 5, endLine: 4, endColumn: 16, message: '(HAProxy Kubernetes Ingress)' }],
    },
    {
      name: 'ingress-nginx re-encrypting to Vault: reported at the annotation',
      code: REENCRYPT,
      errors: [{ messageId: 'reencryptsTls', line: 5, column: 53, endLine: 5, endColumn: 58, message: '(ingress-nginx)' }],
    },
    {
      name: 'an OpenShift Route with edge termination',
      code: `
        global:
          openshift: true
        server:
          route:
            enabled: true
            tls:
              termination: edge
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'terminatesTls', line: 7, column: 20, endLine: 7, endColumn: 24, message: 'Route "vault" (OpenShift router)' }],
    },
    {
      name: 'an OpenShift Route re-encrypting',
      code: `
        global:
          openshift: true
        server:
          route:
            enabled: true
            tls:
              termination: reencrypt
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'reencryptsTls', line: 7, column: 20, endLine: 7, endColumn: 29 }],
    },
    {
      name: 'a Gateway API HTTPRoute always terminates at the Gateway',
      code: `
        server:
          httproute:
            enabled: true
            parentRefs:
              - name: internal-gateway
${TLS_LISTENER}
      `,
      errors: [{ messageId: 'terminatesTls', line: 3, column: 14, endLine: 3, endColumn: 18, message: 'HTTPRoute "vault" (Gateway API)' }],
    },
  ],
});

it('reports re-encryption at info and termination at the rule severity', async () => {
  const model = await buildModel({ layers: [{ kind: 'file', label: 'values.yaml', text: dedent(REENCRYPT) }] });
  const resolved = resolveRules([rule], 'recommended');
  expect(runRules(model, resolved).map((finding) => finding.severity)).toEqual(['info']);
  expect(runRules(model, resolveRules([rule], 'strict')).map((finding) => finding.severity)).toEqual(['warning']);
});
