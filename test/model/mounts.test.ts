import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';
import { normalizePath, pathCovers } from '../../src/model/facts/mounts.js';

describe('mounts', () => {
  it('mounts extraVolumes at <path or /vault/userconfig>/<name> and volumeMounts where they say, noting undeclared volumes', async () => {
    const model = await modelOf(`
      server:
        extraVolumes:
          - type: secret
            name: tls
          - type: configMap
            name: plugins
            path: /etc/vault/
          - type: secret
        volumes:
          - name: ca
            secret: {secretName: ca}
        volumeMounts:
          - name: ca
            mountPath: /vault/userconfig/ca//
          - name: nowhere
            mountPath: /vault/userconfig/other
          - name: userconfig-tls
            mountPath: /vault/tls-copy
          - name: relative
            mountPath: vault/x
    `);
    expect(model.mounts.map((mount) => `${mount.source} ${mount.volume} ${mount.path} ${mount.declared}`)).toEqual([
      'extraVolumes userconfig-tls /vault/userconfig/tls true',
      'extraVolumes userconfig-plugins /etc/vault/plugins true',
      'volumeMounts ca /vault/userconfig/ca true',
      'volumeMounts nowhere /vault/userconfig/other false',
      'volumeMounts userconfig-tls /vault/tls-copy true',
    ]);
  });

  it('compares paths as the kubelet does: the mount point itself or below it, never a name prefix', () => {
    expect(pathCovers('/vault/userconfig/tls', '/vault/userconfig/tls/tls.crt')).toBe(true);
    expect(pathCovers('/vault/userconfig/tls/', '/vault/userconfig/tls')).toBe(true);
    expect(pathCovers('/vault/userconfig/tls', '/vault/userconfig/tls-ca/ca.crt')).toBe(false);
    expect(pathCovers('/', '/anything')).toBe(true);
    expect(normalizePath('/a//b/')).toBe('/a/b');
  });
});

describe('userconfigRefs', () => {
  it('finds /vault/userconfig paths in every string of the live config and in literal env vars, with the deepest covering mount', async () => {
    const model = await modelOf(`
      server:
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/ca/ca.crt
          CREDS: file:///vault/userconfig/kms/creds.json
          NOT_A_PATH: /opt/vault/userconfig/x
          TEMPLATED: "/vault/userconfig/{{ .Values.x }}/y"
        extraVolumes:
          - type: secret
            name: ca
        volumeMounts:
          - name: all
            mountPath: /vault/userconfig
        volumes:
          - name: all
            emptyDir: {}
        standalone:
          config: |
            listener "tcp" {
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/{{ .Values.keyDir }}/tls.key"
            }
            storage "raft" {
              path = "/vault/data"
              retry_join = [{ leader_ca_cert_file = "/vault/userconfig/ca/ca.crt" }]
            }
    `);
    expect(model.userconfigRefs.map((ref) => `${ref.source} ${ref.where} ${ref.path} ${ref.name} ${ref.mount?.path}`)).toEqual([
      'config listener.tcp.tls_cert_file /vault/userconfig/tls/tls.crt tls /vault/userconfig',
      'config storage.raft.retry_join.0.leader_ca_cert_file /vault/userconfig/ca/ca.crt ca /vault/userconfig/ca',
      'env server.extraEnvironmentVars.VAULT_CACERT /vault/userconfig/ca/ca.crt ca /vault/userconfig/ca',
      'env server.extraEnvironmentVars.CREDS /vault/userconfig/kms/creds.json kms /vault/userconfig',
    ]);
  });

  it('reads no config in dev mode and nothing at all for an external Vault', async () => {
    const dev = await modelOf(`
      server:
        dev: {enabled: true}
        extraEnvironmentVars: {VAULT_CACERT: /vault/userconfig/ca/ca.crt}
        standalone:
          config: 'listener "tcp" { tls_cert_file = "/vault/userconfig/tls/tls.crt" }'
    `);
    expect(dev.userconfigRefs.map((ref) => ref.where)).toEqual(['server.extraEnvironmentVars.VAULT_CACERT']);
    const external = await modelOf(
      'global: {externalVaultAddr: "https://vault:8200"}\nserver: {extraEnvironmentVars: {VAULT_CACERT: /vault/userconfig/ca/ca.crt}}\n',
    );
    expect(external.userconfigRefs).toEqual([]);
  });
});
