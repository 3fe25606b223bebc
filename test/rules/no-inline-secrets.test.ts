import rule from '../../rules/no-inline-secrets.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      // One root cause, where the fix goes: no-unseal-keys-in-pod reports the step (remove it) with the token as a related location.
      name: 'a root token written in plain text inside a step that stores it in the pod',
      code: `
      server:
        extraInitContainers:
          - name: seed
            command: ["sh", "-c", "echo hvs.5okeBPMJZIScC0vPfHaithAt6r > /vault/data/root_token"]
    `,
    },
    {
      // helmfile renders the action before Helm reads the file: the credential comes from its environment, not the file.
      name: 'a templated values file whose actions print the credentials (helmfile .gotmpl)',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_TOKEN: {{ requiredEnv "VAULT_TOKEN" }}
          AWS_SECRET_ACCESS_KEY: {{ .Values.awsSecretKey | quote }}
        extraContainers:
          - name: snapshot
            env:
              - name: VAULT_TOKEN
                value: {{ requiredEnv "SNAPSHOT_TOKEN" }}
    `,
    },
    {
      name: 'look-alikes: references, URLs without a password, placeholders, AWS example keys, token-shaped words',
      code: `
      server:
        annotations:
          db.example.com/url: postgres://app@db.internal:5432/app
          git.example.com/url: https://$(GIT_USER):$(GIT_PASSWORD)@git.corp.example.net/x.git
        appTeam:
          aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          token: hvs.XXXXXXXXXXXXXXXXXXXXXXXXXXXX
          word: s.abcdefghijklmnopqrstuvwx
          dsn: mysql://app:\${DB_PASSWORD}@db.internal:3306/app
    `,
    },
    {
      name: 'paths, references, switches and secrets loaded from Kubernetes Secrets',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          GOOGLE_APPLICATION_CREDENTIALS: /vault/userconfig/kms-creds/credentials.json
          DB_PASSWORD_FILE: /vault/userconfig/db/password
          VAULT_SKIP_TOKEN_CHECK: "true"
          API_TOKEN: $(VAULT_K8S_TOKEN)
          AWS_REGION: eu-west-1
        extraSecretEnvironmentVars:
          - envName: AWS_SECRET_ACCESS_KEY
            secretName: eks-creds
            secretKey: AWS_SECRET_ACCESS_KEY
    `,
    },
    {
      name: 'seal and storage credentials read indirectly, from files, or rendered by Helm',
      code: `
      server:
        ha:
          enabled: true
          config: |
            seal "transit" {
              address = "https://transit.vault.svc:8200"
              token   = "env://TRANSIT_TOKEN"
            }
            seal "gcpckms" {
              credentials = "/vault/userconfig/kms-creds/credentials.json"
              disabled    = "true"
            }
            storage "consul" {
              address = "HOST_IP:8500"
              token   = "{{ .Values.consulToken }}"
            }
    `,
    },
    {
      name: 'raft peers use key files',
      code: `
      server:
        ha:
          enabled: true
          raft:
            enabled: true
            config: |
              storage "raft" {
                path = "/vault/data"
                retry_join {
                  leader_api_addr        = "https://vault-0.vault-internal:8200"
                  leader_client_key_file = "/vault/userconfig/tls-server/tls.key"
                }
              }
    `,
    },
    {
      name: "the chart default dev root token is not the user's",
      code: `
      server:
        dev:
          enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'a credential written inside a template conditional is written in the file, whatever the template adds',
      code: `
      server:
        extraEnvironmentVars:
          VAULT_TOKEN: "{{ if .Values.prod }}hvs.CAESIJlWm3bQxkz9Yp0aTn7r{{ end }}"
          OTHER_TOKEN: {{ requiredEnv "OTHER_TOKEN" }}
    `,
      errors: [{ messageId: 'envSecret', line: 3, column: 18, endLine: 3, endColumn: 78 }],
    },
    {
      // yaml-syntax reports the repeat; the first copy's credential is still written in the file, and masked.
      name: 'a credential under a key written twice in a plain values file: the replaced copy is reported too',
      code: `
      server:
        annotations:
          bootstrap: "hvs.CAESIJlWm3bQxkz9Yp0aTn7rFirstCopy1"
          bootstrap: "hvs.CAESIJlWm3bQxkz9Yp0aTn7rSecondCopy"
    `,
      errors: [
        { messageId: 'detectedSecret', line: 3, column: 17, endLine: 3, endColumn: 55 },
        { messageId: 'detectedSecret', line: 4, column: 17, endLine: 4, endColumn: 55 },
      ],
    },
    {
      // The YAML reader keeps the last of a key written twice; each branch may render, so each branch's credential counts.
      name: 'a credential written in each branch of a Terraform template conditional (.tftpl): both branches are reported',
      code: `
      server:
        extraEnvironmentVars:
      %{ if prod ~}
          VAULT_TOKEN: "hvs.CAESIJlWm3bQxkz9Yp0aTn7rProdToken01"
      %{ else ~}
          VAULT_TOKEN: "hvs.CAESIJlWm3bQxkz9Yp0aTn7rDevToken002"
      %{ endif ~}
        annotations:
      %{ if prod ~}
          db.example.com/url: postgres://app:Qz7vLp2Wk9Rt@db.internal:5432/app
      %{ else ~}
          db.example.com/url: postgres://app:Hn3sXc8Vb1Lm@db.internal:5432/app
      %{ endif ~}
    `,
      errors: [
        { messageId: 'envSecret', line: 4, column: 18, endLine: 4, endColumn: 59, message: 'server.extraEnvironmentVars.VAULT_TOKEN' },
        { messageId: 'envSecret', line: 6, column: 18, endLine: 6, endColumn: 59, message: 'server.extraEnvironmentVars.VAULT_TOKEN' },
        {
          messageId: 'detectedSecret',
          line: 10,
          column: 25,
          endLine: 10,
          endColumn: 73,
          message: 'database URL with a password in server.annotations.db.example.com/url',
        },
        {
          messageId: 'detectedSecret',
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 73,
          message: 'database URL with a password in server.annotations.db.example.com/url',
        },
      ],
    },
    {
      name: 'a credential written in each branch of a Go template conditional (helmfile .gotmpl), a whole map and one entry value',
      code: `
      server:
      {{- if eq .Environment.Name "prod" }}
        extraEnvironmentVars:
          VAULT_TOKEN: hvs.goTemplateProdToken0001
      {{- else }}
        extraEnvironmentVars:
          VAULT_TOKEN: hvs.goTemplateDevToken00001
      {{- end }}
        extraContainers:
          - name: snapshot
            env:
              - name: VAULT_TOKEN
      {{- if eq .Environment.Name "prod" }}
                value: hvs.snapshotProdToken00001
      {{- else }}
                value: hvs.snapshotDevToken000001
      {{- end }}
    `,
      errors: [
        { messageId: 'envSecret', line: 4, column: 18, endLine: 4, endColumn: 45 },
        { messageId: 'envSecret', line: 7, column: 18, endLine: 7, endColumn: 45 },
        {
          messageId: 'podSpecSecret',
          line: 14,
          column: 18,
          endLine: 14,
          endColumn: 44,
          message: 'VAULT_TOKEN in server.extraContainers.0.env.0.value',
        },
        {
          messageId: 'podSpecSecret',
          line: 16,
          column: 18,
          endLine: 16,
          endColumn: 44,
          message: 'VAULT_TOKEN in server.extraContainers.0.env.0.value',
        },
      ],
    },
    {
      // injector-deployment.yaml and server-statefulset.yaml render nothing here: no pod spec holds them, the file does.
      name: 'credentials under a component the release does not render: the message says where they are instead of a pod spec',
      code: `
      injector:
        enabled: false
        extraEnvironmentVars:
          VAULT_TOKEN: hvs.injectorEnvToken0001
      server:
        enabled: false
        extraEnvironmentVars:
          AWS_SECRET_ACCESS_KEY: HLxDsCxqjBLd3qbJskH53rGTD/2U3OpSH5r44wLz
    `,
      errors: [
        {
          messageId: 'podSpecSecret',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 42,
          message:
            'this release renders no Agent Injector, but the value is in the values file, readable by anyone who can read the file or its history',
        },
        {
          messageId: 'envSecret',
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 68,
          message: 'this release renders no server, but the value is in the values file',
        },
      ],
    },
    {
      // server-statefulset.yaml renders no pod, so no script runs: the token is only in the file, which is still a leak.
      name: "the same step when the chart deploys no server: the credential is this rule's again",
      code: `
      server:
        enabled: false
        extraInitContainers:
          - name: seed
            command: ["sh", "-c", "echo hvs.5okeBPMJZIScC0vPfHaithAt6r > /vault/data/root_token"]
    `,
      errors: [
        {
          messageId: 'detectedSecret',
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 65,
          message: 'Vault token in server.extraInitContainers.0.command.2',
        },
      ],
    },
    {
      name: 'credentials known by their shape under unknown keys, in annotations and in a sidecar script, each at the secret itself',
      code: `
      server:
        annotations:
          db.example.com/url: postgres://app:Qz7vLp2Wk9Rt@db.internal:5432/app
        appTeam:
          aws_secret_access_key: HLxDsCxqjBLd3qbJskH53rGTD/2U3OpSH5r44wLz
        extraContainers:
          - name: sync
            args:
              - sh
              - -c
              - |
                export VAULT_TOKEN=hvs.5okeBPMJZIScC0vPfHaithAt6r
                curl -fsS https://bot:Wm4rT8yPq2Zx@git.corp.example.net/x.git
    `,
      errors: [
        {
          messageId: 'detectedSecret',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 73,
          message: 'database URL with a password in server.annotations.db.example.com/url',
        },
        {
          messageId: 'detectedSecret',
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 68,
          message: 'AWS secret access key in server.appTeam.aws_secret_access_key',
        },
        {
          messageId: 'detectedSecret',
          line: 12,
          column: 30,
          endLine: 12,
          endColumn: 60,
          message: 'Vault token in server.extraContainers.0.args.2',
        },
        {
          messageId: 'detectedSecret',
          line: 13,
          column: 21,
          endLine: 13,
          endColumn: 66,
          message: 'URL with a user name and password in server.extraContainers.0.args.2',
        },
      ],
    },
    {
      name: 'a GCP service-account key in a block scalar is one finding, named as the key file, over the whole document',
      code: `
      server:
        gcpKey: |
          {"type": "service_account", "private_key_id": "3f1c0e9a7b2d4c6e",
           "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvXPdj9vsx3dzgtqWMC/Ng3mhncsvGHJNJBeJz+OxogqY+2X2c6e9naYonwPUhxAPCTDhPZkHx3ZTcJfXMoQ7o0t/AakVdadHaP+N/u7XFbVBUMI6g0kHEZDEG2Yb\\n-----END PRIVATE KEY-----\\n"}
    `,
      errors: [
        {
          messageId: 'detectedSecret',
          line: 3,
          column: 5,
          endLine: 4,
          endColumn: 210,
          message: 'GCP service-account key in server.gcpKey',
        },
      ],
    },
    {
      name: 'a URL with a password in the config, placed through the HCL escapes of its string',
      code: `
      server:
        standalone:
          config: |
            seal "transit" {
              address = "https://\\u0070roxy:Nv6tKp3Rw8Ys@transit.corp.example.net:8200"
            }
    `,
      errors: [
        {
          messageId: 'detectedSecret',
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 76,
          message: 'URL with a user name and password in server.standalone.config: seal.transit.address',
        },
      ],
    },
    {
      name: 'credentials in extraEnvironmentVars, a numeric HSM pin included',
      code: `
        server:
          extraEnvironmentVars:
            AWS_ACCESS_KEY_ID: AKIAEXAMPLEKEYID
            AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            DB_PASSWORD: hunter2hunter2
            VAULT_HSM_PIN: 123456
      `,
      errors: [
        {
          messageId: 'envSecret',
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 70,
          message: 'server.extraEnvironmentVars.AWS_SECRET_ACCESS_KEY',
        },
        { messageId: 'envSecret', line: 5, column: 18, endLine: 5, endColumn: 32, message: 'server.extraEnvironmentVars.DB_PASSWORD' },
        { messageId: 'envSecret', line: 6, column: 20, endLine: 6, endColumn: 26, message: 'server.extraEnvironmentVars.VAULT_HSM_PIN' },
      ],
    },
    {
      name: 'credentials in the injector env, a raw container env list and a server flag',
      code: `
        injector:
          extraEnvironmentVars:
            VAULT_TOKEN: hvs.injectorEnvToken0001
        server:
          extraArgs: "-log-level=info -dev-root-token-id=devRootFlag0001"
          extraContainers:
            - name: sidecar
              env:
                - name: DB_PASSWORD
                  value: sidecarPassword0001
      `,
      errors: [
        {
          messageId: 'podSpecSecret',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 42,
          message: 'VAULT_TOKEN in injector.extraEnvironmentVars.VAULT_TOKEN',
        },
        { messageId: 'podSpecSecret', line: 5, column: 14, endLine: 5, endColumn: 66, message: 'dev-root-token-id in server.extraArgs' },
        {
          messageId: 'podSpecSecret',
          line: 10,
          column: 18,
          endLine: 10,
          endColumn: 37,
          message: 'DB_PASSWORD in server.extraContainers.0.env.0.value',
        },
      ],
    },
    {
      name: 'static AWS keys in an awskms seal, at each value inside the config',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                seal "awskms" {
                  region     = "eu-west-1"
                  kms_key_id = "alias/vault-unseal"
                  access_key = "AKIAEXAMPLEKEYID"
                  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
                }
                storage "raft" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'configSecret',
          line: 10,
          column: 24,
          endLine: 10,
          endColumn: 42,
          message: 'seal "awskms" access_key in "server.ha.raft.config"',
        },
        { messageId: 'configSecret', line: 11, column: 24, endLine: 11, endColumn: 66, message: 'seal "awskms" secret_key' },
      ],
    },
    {
      name: 'Consul ACL tokens in storage and service registration',
      code: `
        server:
          ha:
            enabled: true
            config: |
              storage "consul" {
                address = "HOST_IP:8500"
                token   = "8f2c1a9e-0b5d-4c1e-9a6f-3d7e2b4c5a61"
              }
              service_registration "consul" {
                token = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
              }
      `,
      errors: [
        { messageId: 'configSecret', line: 7, column: 19, endLine: 7, endColumn: 57, message: 'storage "consul" token' },
        { messageId: 'configSecret', line: 10, column: 17, endLine: 10, endColumn: 55, message: 'service_registration "consul" token' },
      ],
    },
    {
      name: 'an inline PEM key in retry_join, spanning the whole escaped string',
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config: |
                storage "raft" {
                  path = "/vault/data"
                  retry_join {
                    leader_api_addr   = "https://vault-0.vault-internal:8200"
                    leader_client_key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAexample\\n-----END RSA PRIVATE KEY-----"
                  }
                }
      `,
      errors: [
        {
          messageId: 'privateKey',
          line: 11,
          column: 33,
          endLine: 11,
          endColumn: 122,
          message: 'storage.raft.retry_join.leader_client_key',
        },
      ],
    },
    {
      name: 'a PEM key in a block scalar of the values',
      code: `
        server:
          extraEnvironmentVars:
            TLS_KEY: |
              -----BEGIN PRIVATE KEY-----
              MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
              -----END PRIVATE KEY-----
      `,
      errors: [{ messageId: 'privateKey', line: 3, column: 14, endLine: 6, endColumn: 32, message: 'server.extraEnvironmentVars.TLS_KEY' }],
    },
    {
      name: 'a cloud secret in auto_join, and a secret in a config the chart ignores',
      code: `
        server:
          standalone:
            config: |
              storage "raft" {
                path = "/vault/data"
                retry_join {
                  auto_join = "provider=azure tenant_id=t client_id=c secret_access_key=abcd1234efgh"
                }
              }
          ha:
            config: |
              seal "azurekeyvault" {
                client_secret = "Zx8Q~example~secret"
              }
      `,
      errors: [
        { messageId: 'configSecret', line: 7, column: 23, endLine: 7, endColumn: 94, message: 'retry_join auto_join' },
        { messageId: 'configSecret', line: 13, column: 25, endLine: 13, endColumn: 46, message: 'server.ha.config' },
      ],
    },
  ],
});
