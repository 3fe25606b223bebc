import rule from '../../rules/userconfig-mounted.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: "the guide's layout: every referenced secret has an extraVolumes item",
      code: `
      global:
        tlsDisable: false
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
        extraVolumes:
          - type: secret
            name: tls-server
          - type: secret
            name: tls-ca
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                tls_key_file  = "/vault/userconfig/tls-server/tls.key"
              }
              storage "raft" {
                path = "/vault/data"
                retry_join {
                  leader_api_addr     = "https://vault-0.vault-internal:8200"
                  leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt"
                }
              }
    `,
    },
    {
      name: 'server.volumes with a volumeMount over the whole userconfig directory',
      code: `
      server:
        volumes:
          - name: vault-tls
            secret:
              secretName: vault-tls
        volumeMounts:
          - name: vault-tls
            mountPath: /vault/userconfig/
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/tls.crt"
              tls_key_file  = "/vault/userconfig/keys/tls.key"
            }
    `,
    },
    {
      name: 'paths the linter cannot evaluate are skipped: a Helm action in the config, an unrendered {{ }} in an env value',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_CACERT: "/vault/userconfig/{{ .Values.caDir }}/ca.crt"
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/{{ .Values.tlsSecret }}/tls.crt"
              tls_key_file  = "/vault/userconfig/{{ .Values.tlsSecret }}/tls.key"
            }
    `,
    },
    {
      name: 'a secret env var is not a path the values know; a config the chart ignores is not read',
      code: `
      server:
        extraSecretEnvironmentVars:
          - envName: VAULT_CACERT
            secretName: ca
            secretKey: path
        standalone:
          config: |
            storage "file" { path = "/vault/data" }
        ha:
          raft:
            config: |
              listener "tcp" { tls_cert_file = "/vault/userconfig/unused/tls.crt" }
    `,
    },
    {
      name: 'external Vault: no server pods',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
    `,
    },
  ],
  invalid: [
    {
      name: 'the CA secret is referenced by the env and by retry_join but never mounted',
      code: `
        global:
          tlsDisable: false
        server:
          extraEnvironmentVars:
            VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          extraVolumes:
            - type: secret
              name: tls-server
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                  tls_key_file  = "/vault/userconfig/tls-server/tls.key"
                }
                storage "raft" {
                  path = "/vault/data"
                  retry_join {
                    leader_api_addr     = "https://vault-0.vault-internal:8200"
                    leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt"
                  }
                }
      `,
      errors: [
        {
          messageId: 'notMounted',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 50,
          message: 'Missing volume "tls-ca" for "/vault/userconfig/tls-ca/ca.crt" (server.extraEnvironmentVars.VAULT_CACERT)',
        },
        {
          messageId: 'notMounted',
          line: 22,
          column: 35,
          endLine: 22,
          endColumn: 68,
          message:
            '(storage.raft.retry_join.leader_ca_cert_file): nothing mounts /vault/userconfig/tls-ca, so the file does not exist in the pods and Vault cannot start',
        },
      ],
    },
    {
      name: 'GCP KMS credentials named in the env and as a seal parameter, without the kms-creds volume',
      code: `
        server:
          extraEnvironmentVars:
            GOOGLE_REGION: global
            GOOGLE_APPLICATION_CREDENTIALS: /vault/userconfig/kms-creds/credentials.json
          extraVolumes:
            - type: secret
              name: tls
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
              seal "gcpckms" {
                credentials = "/vault/userconfig/kms-creds/credentials.json"
                project     = "vault-prod"
              }
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        { messageId: 'notMounted', line: 4, column: 37, endLine: 4, endColumn: 81, message: 'every program that reads the variable fails' },
        { messageId: 'notMounted', line: 15, column: 23, endLine: 15, endColumn: 69, message: '(seal.gcpckms.credentials)' },
      ],
    },
    {
      name: 'an extraVolumes item with its own path mounts elsewhere',
      code: `
        server:
          extraVolumes:
            - type: secret
              name: tls-server
              path: /etc/vault
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
                tls_key_file  = "/etc/vault/tls-server/tls.key"
              }
      `,
      errors: [{ messageId: 'notMounted', line: 9, column: 25, endLine: 9, endColumn: 63 }],
    },
    {
      name: 'a volumeMount whose volume is not in server.volumes',
      code: `
        server:
          volumes:
            - name: tls
              secret:
                secretName: vault-tls
          volumeMounts:
            - name: vault-tls
              mountPath: /vault/userconfig/tls
              readOnly: true
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
              }
      `,
      errors: [
        {
          messageId: 'volumeNotDeclared',
          line: 13,
          column: 25,
          endLine: 13,
          endColumn: 56,
          message: 'Missing volume "vault-tls" in server.volumes: the server.volumeMounts entry that mounts "/vault/userconfig/tls"',
        },
      ],
    },
    {
      name: 'a JSON config on one line maps each path exactly',
      code: `
        server:
          standalone:
            config: '{"listener": {"tcp": {"tls_cert_file": "/vault/userconfig/tls/tls.crt"}}, "storage": {"file": {"path": "/vault/data"}}}'
      `,
      errors: [{ messageId: 'notMounted', line: 3, column: 53, endLine: 3, endColumn: 84, message: '(listener.tcp.tls_cert_file)' }],
    },
  ],
});
