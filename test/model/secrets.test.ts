import { describe, expect, it } from 'vitest';
import { guessSecrets, isSecretEnv } from '../../src/model/secrets.js';
import { maskRanges } from '../../src/mask/redactor.js';

/** Text that does not parse, masked where the line heuristics guess a credential (as code frames of it are). */
function redactUnreadable(text: string): string {
  return maskRanges(
    text,
    guessSecrets(text).map(({ start, end }) => [start, end] as const),
  );
}
import { modelOf } from '../helpers/model.js';

describe('secret detector', () => {
  it('reads env var names by their words, not as substrings of unrelated words', () => {
    expect(isSecretEnv('DB_PASSWORD', 'hunter2hunter2')).toBe(true);
    expect(isSecretEnv('GITHUB_CLIENTSECRET', 'abc123def456')).toBe(true);
    expect(isSecretEnv('api.tokens', 'abc123def456')).toBe(true);
    expect(isSecretEnv('VAULT_HSM_PIN', 123456)).toBe(true);
    expect(isSecretEnv('SECRETARY_NAME', 'Alice')).toBe(false);
    expect(isSecretEnv('SHIPPING_REGION', 'eu')).toBe(false);
    expect(isSecretEnv('VAULT_SKIP_TOKEN_CHECK', 'true')).toBe(false);
    expect(isSecretEnv('API_TOKEN', '$(VAULT_K8S_TOKEN)')).toBe(false);
    expect(isSecretEnv('DB_PASSWORD_FILE', '/vault/userconfig/db/password')).toBe(false);
    expect(isSecretEnv('REPLICAS', 3)).toBe(false);
  });

  it('finds credentials in telemetry, cloud, connection URLs and storage account keys, with the env var that replaces each', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            storage "postgresql" {
              connection_url = "postgres://vault:pg-password-0001@db:5432/vault"
            }
            ha_storage "azure" {
              accountName = "vaultstore"
              accountKey  = "azure-account-key-0001"
            }
            telemetry { circonus_api_token = "circonus-token-0001" }
            cloud {
              resource_id   = "organization/x/project/y/hashicorp.vault.cluster/z"
              client_id     = "client"
              client_secret = "hcp-client-secret-0001"
            }
            seal "awskms" {
              access_key = "AKIAFIXTURE0001"
              secret_key = "aws-secret-0001"
            }
    `);
    expect(model.secrets.map((secret) => `${secret.kind}:${secret.where}:${secret.envAlternative ?? '-'}`)).toEqual([
      'seal:seal "awskms" access_key:AWS_ACCESS_KEY_ID',
      'seal:seal "awskms" secret_key:AWS_SECRET_ACCESS_KEY',
      'storage:storage "postgresql" connection_url:-',
      'storage:ha_storage "azure" accountKey:-',
      'telemetry:telemetry circonus_api_token:-',
      'cloud:cloud client_secret:HCP_CLIENT_SECRET',
    ]);
  });

  it('leaves indirect references, Helm actions, URLs without passwords and blank values alone', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            seal "transit" {
              token = "file:///vault/userconfig/transit/token"
            }
            seal "pkcs11" {
              pin = "env://HSM_PIN"
            }
            storage "postgresql" {
              connection_url = "postgres://db:5432/vault?sslmode=verify-full"
            }
            storage "consul" {
              token = "{{ .Values.consulToken }}"
            }
            service_registration "consul" { token = "  " }
    `);
    expect(model.secrets).toEqual([]);
  });

  it('finds a private key inside a config once, at the attribute, not the whole config string', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            storage "raft" {
              retry_join {
                leader_client_key = "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"
              }
            }
    `);
    expect(model.secrets.map((secret) => `${secret.kind}:${secret.where}`)).toEqual([
      'privateKey:storage.raft.retry_join.leader_client_key',
    ]);
  });
});

describe('guessSecrets', () => {
  it('masks credential values, block scalars they open and PEM blocks, keeping offsets and line breaks', () => {
    const text = [
      'server:',
      '  extraEnvironmentVars:',
      '    AWS_SECRET_ACCESS_KEY: "abc#def"  # note',
      '    AWS_REGION: eu-west-1',
      '    DB_PASSWORD: |',
      '      hunter2',
      '    NEXT: 1',
      '  config: |',
      '    token = "consul-token"',
      '    path = "/vault/data"',
      'key: |',
      '  -----BEGIN RSA PRIVATE KEY-----',
      '  MIIEow',
      '  -----END RSA PRIVATE KEY-----',
      'after: 1',
      '\tbroken: [',
    ].join('\n');
    const out = redactUnreadable(text);
    expect(out.length).toBe(text.length);
    expect(out.split('\n')).toEqual([
      'server:',
      '  extraEnvironmentVars:',
      '    AWS_SECRET_ACCESS_KEY: *****************',
      '    AWS_REGION: eu-west-1',
      '    DB_PASSWORD: |',
      '      *******',
      '    NEXT: 1',
      '  config: |',
      '    token = **************',
      '    path = "/vault/data"',
      'key: |',
      '  *******************************',
      '  ******',
      '  *****************************',
      'after: 1',
      '\tbroken: [',
    ]);
  });
});

describe('the strings the user wrote', () => {
  const values = `
    server:
      image:
        repository: hashicorp/vault
      postStart: [sh, -c, "vault operator unseal 7Zq3Vh2zXkPpJwT0bLq2Yc1uNn8mR4sD5eF6gH7iJ9k="]
      extraArgs: -log-level=info -client-token=hvs.notARealToken0000000001
  `;

  it('are walked once per model, in document order, user-set ones only', async () => {
    const model = await modelOf(values);
    const strings = model.userStrings;
    expect(model.userStrings).toBe(strings);
    expect(strings.map((node) => node.path.join('.'))).toEqual([
      'server.image.repository',
      'server.postStart.0',
      'server.postStart.1',
      'server.postStart.2',
      'server.extraArgs',
    ]);
  });

  it('are the list the credential and unseal-script scans read, not a walk of their own', async () => {
    const model = await modelOf(values);
    // A model of the same values whose list is replaced by an empty one: both scans find nothing in it.
    const blind = await modelOf(values);
    Object.defineProperty(blind, 'userStrings', { value: [] });
    expect(model.unsealKeyScripts).toHaveLength(1);
    expect(model.secrets.some((secret) => secret.kind === 'argument')).toBe(true);
    expect(blind.unsealKeyScripts).toHaveLength(0);
    expect(blind.secrets.some((secret) => secret.kind === 'argument')).toBe(false);
  });
});
