import rule from '../../rules/no-unseal-keys-in-pod.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'status checks, help, and an init whose shares and root token are PGP-encrypted',
      code: `
      server:
        postStart:
          - /bin/sh
          - -c
          - until vault operator init -status; do sleep 2; done; vault operator unseal -help >/dev/null
        extraContainers:
          - name: bootstrap
            args:
              - vault operator init -pgp-keys=/k/a.asc,/k/b.asc -root-token-pgp-key=/k/a.asc > /tmp/init.json
    `,
    },
    {
      name: 'words about keys that write nothing (output thrown away included), and a Vault config is no script',
      code: `
      server:
        annotations:
          runbook.example.com/unseal: unseal keys and the root token are held by the security team
        postStart: [sh, -c, "vault read -field=root_token_ttl sys/config >/dev/null"]
        standalone:
          config: |
            # vault operator init is run by hand
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      // server-statefulset.yaml renders postStart and extraContainers only when the chart deploys a server.
      name: 'a script of a server the chart does not deploy (server.enabled: false, an external Vault)',
      code: `
      injector:
        externalVaultAddr: https://vault.example.com:8200
      server:
        enabled: false
        postStart: [/bin/sh, -c, "vault operator init -key-shares=1 -key-threshold=1 > /vault/data/init.json"]
    `,
    },
    {
      name: 'a script of a server switched off with global.enabled: false',
      code: `
      global:
        enabled: false
      server:
        extraContainers:
          - name: bootstrap
            args: [vault, operator, init]
    `,
    },
  ],
  invalid: [
    {
      name: 'unseal key shares written as the argument, quoted, after a flag and in exec form, ride along; a key file path or a substitution does not',
      code: `
      server:
        postStart:
          - sh
          - -c
          - |
            vault operator unseal 7Zq3Vh2zXkPpJwT0bLq2Yc1uNn8mR4sD5eF6gH7iJ9k=
            vault operator unseal -address=https://127.0.0.1:8200 "Qm9vdHN0cmFwS2V5U2hhcmUyUmVhbA=="
            vault operator unseal "$(cat /vault/userconfig/keys/k3)"
        extraContainers:
          - name: unsealer
            command: [vault, operator, unseal, c2hhcmV0aHJlZWxvbmdlcnRoYW4xNg]
    `,
      errors: [
        {
          messageId: 'unseal',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 73,
          related: [
            { line: 7, column: 7, endLine: 7, endColumn: 60 },
            { line: 8, column: 7, endLine: 8, endColumn: 28 },
            { line: 6, column: 29, endLine: 6, endColumn: 73, message: 'an unseal key share written in plain text' },
            { line: 7, column: 62, endLine: 7, endColumn: 94, message: 'an unseal key share written in plain text' },
          ],
        },
        {
          messageId: 'unseal',
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 40,
          related: [{ line: 11, column: 42, endLine: 11, endColumn: 72, message: 'an unseal key share written in plain text' }],
        },
      ],
    },
    {
      name: 'a root token written in plain text in the step that stores it: the credential rides along (no-inline-secrets leaves it out)',
      code: `
      server:
        extraInitContainers:
          - name: seed
            command: ["sh", "-c", "echo hvs.5okeBPMJZIScC0vPfHaithAt6r > /vault/data/root_token"]
    `,
      errors: [
        {
          messageId: 'stored',
          line: 4,
          column: 30,
          endLine: 4,
          endColumn: 90,
          related: [{ line: 4, column: 35, endLine: 4, endColumn: 65, message: 'a credential written in plain text in this step' }],
        },
      ],
    },
    {
      name: 'an init in a shell script, with the unseal and the write of its output as related steps',
      code: `
      server:
        postStart:
          - sh
          - -c
          - |
            vault operator init -key-shares=1 -key-threshold=1 -format=json > /vault/data/init.json
            vault operator unseal "$(jq -r '.unseal_keys_b64[0]' /vault/data/init.json)"
            jq -r .root_token /vault/data/init.json > /vault/data/token
    `,
      errors: [
        {
          messageId: 'init',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 70,
          message: 'in server.postStart.2; its output, the unseal keys and the initial root token',
          related: [
            { line: 7, column: 7, endLine: 7, endColumn: 28 },
            { line: 8, column: 7, endLine: 8, endColumn: 66 },
          ],
        },
      ],
    },
    {
      name: 'init under auto-unseal yields recovery keys; an init through the HTTP API counts too (an escaped string is placed as a whole)',
      code: `
      server:
        standalone:
          config: |
            seal "gcpckms" {
              project    = "vault-prod"
              region     = "global"
              key_ring   = "vault"
              crypto_key = "unseal"
            }
            storage "file" { path = "/vault/data" }
        extraContainers:
          - name: bootstrap
            args: ["curl -s -X PUT --data '{\\"recovery_shares\\": 1}' http://127.0.0.1:8200/v1/sys/init"]
    `,
      errors: [
        {
          messageId: 'init',
          line: 13,
          column: 14,
          endLine: 13,
          endColumn: 98,
          message: 'the recovery keys and the initial root token',
        },
      ],
    },
    {
      name: 'unseal keys fed to vault operator unseal, and a root token written to KV',
      code: `
      server:
        postStart: ["/bin/sh", "-c", "vault operator unseal $UNSEAL_KEY"]
        extraInitContainers:
          - name: seed
            command: ["sh", "-c", "vault kv put secret/bootstrap root_token=$ROOT"]
    `,
      errors: [
        { messageId: 'unseal', line: 2, column: 33, endLine: 2, endColumn: 66, message: 'server.postStart.2' },
        { messageId: 'stored', line: 5, column: 30, endLine: 5, endColumn: 76, message: 'server.extraInitContainers.0.command.2' },
      ],
    },
    {
      name: 'an exec-form command, one word per item, is reported from vault to the subcommand',
      code: `
      server:
        extraContainers:
          - name: bootstrap
            command: [/bin/vault, operator, init, -key-shares=1, -key-threshold=1]
          - name: status
            command: [vault, operator, init, -status]
    `,
      errors: [{ messageId: 'init', line: 4, column: 17, endLine: 4, endColumn: 43, message: 'server.extraContainers.0.command' }],
    },
  ],
});
