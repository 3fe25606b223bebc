import rule from '../../rules/tls-ca-env.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'VAULT_CACERT names the mounted CA, as in the guide',
      code: `
      global:
        tlsDisable: false
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    `,
    },
    {
      name: 'VAULT_CAPATH from a secret env var also lets the CLI trust the CA',
      code: `
      global:
        tlsDisable: false
      server:
        extraSecretEnvironmentVars:
          - envName: VAULT_CAPATH
            secretName: vault-ca
            secretKey: dir
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    `,
    },
    {
      name: 'the chart speaks http (global.tlsDisable left at its default): tls-enabled reports that',
      code: `
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    `,
    },
    {
      name: 'the listener has TLS off',
      code: `
      global:
        tlsDisable: false
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_disable = 1
            }
    `,
    },
    {
      name: 'VAULT_SKIP_VERIFY true and no CA: tls-skip-verify reports it, with the CA in its hint',
      code: `
      global:
        tlsDisable: false
      server:
        extraEnvironmentVars:
          VAULT_SKIP_VERIFY: "true"
        standalone:
          config: |
            listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
    `,
    },
    {
      name: 'VAULT_ADDR over https, a CA outside /vault that the image may carry, a CA a user volume mounts',
      code: `
      global:
        tlsDisable: false
      server:
        extraEnvironmentVars:
          VAULT_ADDR: https://vault-active.vault.svc:8200
          VAULT_CACERT: /etc/ssl/certs/ca-certificates.crt
          VAULT_CAPATH: /vault/tls
        volumes:
          - name: ca
            secret:
              secretName: vault-ca
        volumeMounts:
          - name: ca
            mountPath: /vault/tls
        standalone:
          config: |
            listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
    `,
    },
    {
      name: 'a path under /vault in a custom image may come with the image',
      code: `
      global:
        tlsDisable: false
      server:
        image:
          repository: registry.example.com/platform/vault
        extraEnvironmentVars:
          VAULT_CACERT: /vault/tls/ca.crt
        standalone:
          config: |
            listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
    `,
    },
    {
      name: 'VAULT_ADDR over http while TLS is off everywhere: tls-enabled reports the root cause',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_ADDR: http://127.0.0.1:8200
        standalone:
          config: |
            listener "tcp" { tls_disable = 1 }
    `,
    },
    {
      name: "the injector pointed at another Vault over http is not this release's listener",
      code: `
      global:
        tlsDisable: false
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
        standalone:
          config: |
            listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      injector:
        extraEnvironmentVars:
          AGENT_INJECT_VAULT_ADDR: http://vault-dr.example.internal:8200
    `,
    },
  ],
  invalid: [
    {
      name: 'TLS on and no env vars at all: reported at the nearest key the file writes',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'missingCaCert', line: 3, column: 1, endLine: 3, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'other env vars but no VAULT_CACERT: reported at extraEnvironmentVars',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_LOG_LEVEL: info
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  tls_cert_file = "/vault/userconfig/tls/tls.crt"
                  tls_key_file  = "/vault/userconfig/tls/tls.key"
                }
                storage "raft" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'missingCaCert',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 23,
          fromChartDefault: false,
          message: 'Missing VAULT_CACERT in server.extraEnvironmentVars',
        },
      ],
    },
    {
      name: 'an empty VAULT_CACERT',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_CACERT: ""
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'emptyCaCert', line: 5, column: 19, endLine: 5, endColumn: 21, message: 'found ""' }],
    },
    {
      name: 'VAULT_ADDR over http while the listener serves TLS only',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_ADDR: http://127.0.0.1:8200
            VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'httpAddr', line: 5, column: 17, endLine: 5, endColumn: 38, message: 'found "http://127.0.0.1:8200"' }],
    },
    {
      name: 'VAULT_CACERT in the config ConfigMap mount, VAULT_CAPATH in the official image',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_CACERT: /vault/config/ca.crt
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'caNotMounted', line: 5, column: 19, endLine: 5, endColumn: 39, message: 'the chart mounts /vault/config' }],
    },
    {
      name: 'VAULT_CAPATH under /vault in the official image, nothing mounted there',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_CAPATH: /vault/tls/
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'caNotMounted', line: 5, column: 19, endLine: 5, endColumn: 30, message: 'the Vault image has no such file' }],
    },
    {
      name: 'the injector sends every agent to this release over http',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
        injector:
          extraEnvironmentVars:
            AGENT_INJECT_VAULT_ADDR: http://vault-active.vault.svc:8200
      `,
      errors: [
        {
          messageId: 'injectorHttpAddr',
          line: 14,
          column: 30,
          endLine: 14,
          endColumn: 64,
          message: 'found "http://vault-active.vault.svc:8200"',
        },
      ],
    },
    {
      name: 'credentials in the overriding URL never reach the message',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_ADDR: http://ops:fixture-proxy-pass-0001@127.0.0.1:8200
            VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [
        { messageId: 'httpAddr', line: 5, column: 17, endLine: 5, endColumn: 66, message: /found "http:\/\/\*\*\*@127\.0\.0\.1:8200"/ },
      ],
    },
  ],
});
