import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('secretMounts', () => {
  it('lists secret extraVolumes, server.volumes secrets mounted by volumeMounts, and the license secret', async () => {
    const model = await modelOf(`
      server:
        enterpriseLicense: {secretName: vault-license}
        extraVolumes:
          - {type: secret, name: tls-server}
          - {type: configMap, name: plugins}
          - {type: secret, name: kms, path: /etc/creds/}
        volumes:
          - {name: extra, secret: {secretName: vault-extra}}
          - {name: cache, emptyDir: {}}
        volumeMounts:
          - {name: extra, mountPath: /etc/extra/}
          - {name: extra, mountPath: /etc/one-file, subPath: key}
          - {name: cache, mountPath: /cache}
    `);
    expect(model.secretMounts.map((mount) => `${mount.dir}=${mount.secretName}`)).toEqual([
      '/vault/userconfig/tls-server=tls-server',
      '/etc/creds/kms=kms',
      '/etc/extra=vault-extra',
      '/vault/license=vault-license',
    ]);
  });
});

describe('licenseSources', () => {
  it('finds the chart secret and secret env vars, and checks literal paths against secret mounts', async () => {
    const model = await modelOf(`
      server:
        enterpriseLicense: {secretName: vault-license, secretKey: license}
        extraVolumes: [{type: secret, name: lic}]
        extraEnvironmentVars:
          VAULT_LICENSE_PATH: /vault/userconfig/lic/vault.hclic
        extraSecretEnvironmentVars:
          - {envName: VAULT_LICENSE, secretName: lic, secretKey: text}
        standalone:
          config: |
            license_path = "/opt/vault.hclic"
            storage "file" { path = "/vault/data" }
    `);
    expect(
      model.licenseSources.map(({ via, name, fromSecret, literalLicense, path }) => ({ via, name, fromSecret, literalLicense, path })),
    ).toEqual([
      { via: 'chartSecret', name: 'server.enterpriseLicense', fromSecret: true, literalLicense: false, path: undefined },
      { via: 'env', name: 'VAULT_LICENSE', fromSecret: true, literalLicense: false, path: undefined },
      { via: 'env', name: 'VAULT_LICENSE_PATH', fromSecret: true, literalLicense: false, path: '/vault/userconfig/lic/vault.hclic' },
      { via: 'configPath', name: 'license_path', fromSecret: false, literalLicense: false, path: '/opt/vault.hclic' },
    ]);
  });

  it('ignores a secret name without a key, and marks a literal license', async () => {
    const model = await modelOf(`
      server:
        enterpriseLicense: {secretName: vault-license, secretKey: ""}
        extraEnvironmentVars: {vault_license: "02MV4"}
    `);
    expect(model.licenseSources.map(({ via, name, literalLicense }) => [via, name, literalLicense])).toEqual([
      ['env', 'VAULT_LICENSE', true],
    ]);
  });
});
