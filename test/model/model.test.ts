import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('mode and config selection', () => {
  it('defaults to standalone with the chart default standalone config', async () => {
    const model = await modelOf('global: {}\n');
    expect(model.mode).toBe('standalone');
    expect(model.configPath).toEqual(['server', 'standalone', 'config']);
    expect(model.config?.isUserSet).toBe(false);
    expect(model.config?.root.block('storage')?.label).toBe('file');
    expect(model.replicas).toBe(1);
  });

  it('lets dev beat ha, and ha beat standalone', async () => {
    expect((await modelOf('server: {dev: {enabled: true}, ha: {enabled: true}}')).mode).toBe('dev');
    expect((await modelOf('server: {ha: {enabled: true}, standalone: {enabled: true}}')).mode).toBe('ha-other');
    expect((await modelOf('server: {ha: {enabled: "true", raft: {enabled: true}}}')).mode).toBe('ha-raft');
  });

  it('treats an external Vault address or a disabled server as external', async () => {
    expect((await modelOf('global: {externalVaultAddr: "https://vault.example:8200"}')).mode).toBe('external');
    expect((await modelOf('injector: {externalVaultAddr: "https://vault.example:8200"}')).mode).toBe('external');
    expect((await modelOf('global: {enabled: false}')).mode).toBe('external');
    expect((await modelOf('global: {enabled: false}\nserver: {enabled: true}')).mode).toBe('standalone');
    expect((await modelOf('server: {enabled: blabla}')).mode).toBe('external');
  });

  it('has no mode when standalone is switched off without HA', async () => {
    const model = await modelOf('server: {standalone: {enabled: false}}');
    expect(model.mode).toBe('none');
    expect(model.config).toBeUndefined();
  });

  it('follows chart 0.34.1: a truthy raft.enabled selects the raft config even outside HA', async () => {
    const model = await modelOf(
      'server:\n  ha:\n    raft:\n      enabled: true\n      config: |\n        storage "raft" { path = "/vault/data" }\n',
    );
    expect(model.mode).toBe('standalone');
    expect(model.configPath).toEqual(['server', 'ha', 'raft', 'config']);
    expect(model.config?.isUserSet).toBe(true);
  });

  it('follows chart 0.28.0: standalone ignores raft.enabled, and HA compares raft.enabled with "true"', async () => {
    const options = { chartVersion: '0.28.0' };
    const standalone = await modelOf('server: {ha: {raft: {enabled: true}}}', options);
    expect(standalone.configPath).toEqual(['server', 'standalone', 'config']);
    expect((await modelOf('server: {ha: {enabled: true, raft: {enabled: "true"}}}', options)).configPath).toEqual([
      'server',
      'ha',
      'raft',
      'config',
    ]);
    expect((await modelOf('server: {ha: {enabled: true, raft: {enabled: false}}}', options)).configPath).toEqual([
      'server',
      'ha',
      'config',
    ]);
    // Any other value renders only the mlock line: no config at all.
    expect((await modelOf('server: {ha: {enabled: true, raft: {enabled: "yes"}}}', options)).configPath).toBeUndefined();
  });

  it('uses the chart default config when the user wrote theirs in a key the chart ignores', async () => {
    const model = await modelOf(`
      server:
        ha:
          enabled: true
          config: |
            storage "raft" { path = "/vault/data" }
    `);
    expect(model.mode).toBe('ha-other');
    expect(model.config?.isUserSet).toBe(true);
    const raftIgnored = await modelOf(`
      server:
        ha:
          enabled: true
          raft:
            config: |
              storage "raft" { path = "/vault/data" }
    `);
    expect(raftIgnored.configPath).toEqual(['server', 'ha', 'config']);
    expect(raftIgnored.config?.isUserSet).toBe(false);
    expect(raftIgnored.config?.root.block('storage')?.label).toBe('consul');
    expect(raftIgnored.ignoredConfigs.map((config) => config.source.path.join('.'))).toEqual(['server.ha.raft.config']);
  });

  it('refuses a YAML-map config on chart 0.34.1 and reads it on 0.28.0', async () => {
    const text =
      'server:\n  standalone:\n    config:\n      ui: true\n      listener:\n        tcp:\n          address: "[::]:8200"\n          tls_disable: 1\n';
    const newer = await modelOf(text);
    expect(newer.configRenderError?.messageId).toBe('structuredConfig');
    expect(newer.parsedConfig).toBeUndefined();
    const older = await modelOf(text, { chartVersion: '0.28.0' });
    expect(older.configRenderError).toBeUndefined();
    expect(older.parsedConfig?.format).toBe('yaml-map');
    const listener = older.parsedConfig!.tcpListeners[0]!;
    expect(listener.body.attr('tls_disable')?.value).toBe(1);
    expect(listener.body.attr('tls_disable')?.place()).toMatchObject({ start: text.indexOf('1\n'), end: text.indexOf('1\n') + 1 });
  });

  it('reads JSON config strings', async () => {
    const model = await modelOf(
      `server: {standalone: {config: '{"listener": {"tcp": {"address": "[::]:8200", "tls_disable": true}}, "storage": {"file": {"path": "/d"}}}'}}`,
    );
    expect(model.config?.format).toBe('json');
    expect(model.config?.tcpListeners[0]?.body.attr('tls_disable')?.value).toBe(true);
    expect(model.storageType).toBe('file');
  });
});

describe('values, truthiness and provenance', () => {
  it('reads global.tlsDisable with Go template truthiness: the string "false" still disables TLS', async () => {
    expect((await modelOf('global: {tlsDisable: false}')).chartTls).toBe(true);
    expect((await modelOf('global: {tlsDisable: "false"}')).chartTls).toBe(false);
    expect((await modelOf('global: {tlsDisable: no}')).chartTls).toBe(true);
    expect((await modelOf('global: {}')).chartTls).toBe(false);
  });

  it('counts replicas as the chart does', async () => {
    expect((await modelOf('server: {ha: {enabled: true, replicas: 5}}')).replicas).toBe(5);
    expect((await modelOf('server: {ha: {enabled: true, replicas: null}}')).replicas).toBe(3);
    expect((await modelOf('server: {ha: {enabled: true, replicas: "5"}}')).replicas).toBe(3);
    expect((await modelOf('server: {ha: {enabled: true, replicas: 0}}')).replicas).toBe(0);
  });

  it('names the release by the chart rules', async () => {
    expect((await modelOf('a: 1')).fullname).toBe('vault');
    expect((await modelOf('a: 1', { releaseName: 'prod' })).fullname).toBe('prod-vault');
    expect((await modelOf('a: 1', { releaseName: 'my-vault' })).fullname).toBe('my-vault');
    expect((await modelOf('nameOverride: hcv', { releaseName: 'prod' })).fullname).toBe('prod-hcv');
    expect((await modelOf('fullnameOverride: secrets-', { releaseName: 'prod' })).fullname).toBe('secrets');
    expect((await modelOf(`fullnameOverride: ${'x'.repeat(70)}`)).fullname).toHaveLength(63);
  });

  it('layers files as helm -f does: deep merge, list replacement, null deletion, provenance', async () => {
    const model = await modelOf([
      'server:\n  extraVolumes:\n    - {type: secret, name: a}\n    - {type: secret, name: b}\n  ha:\n    enabled: true\n    replicas: 3\n',
      'server:\n  extraVolumes:\n    - {type: secret, name: c}\n  ha:\n    replicas: 5\n  affinity: null\n',
    ]);
    expect(model.valueOf('server.extraVolumes')).toEqual([{ type: 'secret', name: 'c' }]);
    expect(model.get('server.ha.replicas')?.layer.label).toBe('layer2.yaml');
    expect(model.get('server.ha.enabled')?.layer.label).toBe('layer1.yaml');
    expect(model.get('server.affinity')?.value).toBeNull();
    expect(model.get('server.dataStorage.size')?.layer.kind).toBe('default');
    expect(model.replicas).toBe(5);
  });

  it('places a chart default at the nearest key the user wrote', async () => {
    const text = 'server:\n  ha:\n    enabled: true\n';
    const model = await modelOf(text);
    const place = model.get('server.ha.replicas')!.place();
    expect(place.fromChartDefault).toBe(true);
    expect(text.slice(place.start, place.end)).toBe('ha');
  });
});

describe('embedded config positions', () => {
  it('maps a literal block exactly, line by line', async () => {
    const text = 'server:\n  standalone:\n    config: |\n      listener "tcp" {\n        tls_disable = 1\n      }\n';
    const model = await modelOf(text);
    const attr = model.parsedConfig!.tcpListeners[0]!.body.attr('tls_disable')!;
    const place = attr.place();
    expect(text.slice(place.start, place.end)).toBe('1');
    expect(place.hclLine).toBe(2);
    expect(place.hclPath).toEqual(['listener', 'tcp', 'tls_disable']);
    expect(place.approximate).toBeUndefined();
  });

  it('maps an escaped double-quoted config to the whole scalar, marked approximate', async () => {
    const text = 'server:\n  standalone:\n    config: "listener \\"tcp\\" {\\n  tls_disable = 1\\n}\\n"\n';
    const model = await modelOf(text);
    const place = model.parsedConfig!.tcpListeners[0]!.body.attr('tls_disable')!.place();
    expect(place.approximate).toBe(true);
    expect(text.slice(place.start, place.end)).toMatch(/^"listener.*"$/);
  });

  it('masks Helm actions without moving offsets and evaluates release facts', async () => {
    const text = [
      'server:',
      '  ha:',
      '    enabled: true',
      '    raft:',
      '      enabled: true',
      '      config: |',
      '        {{- if true }}',
      '        storage "raft" {',
      '          retry_join {',
      '            leader_api_addr = "https://{{ include "vault.fullname" . }}-0.{{ .Release.Name }}-vault-internal:8200"',
      '          }',
      '          path = "{{ .Values.dataPath }}"',
      '        }',
      '        {{- end }}',
      '',
    ].join('\n');
    const model = await modelOf(text, { releaseName: 'prod' });
    const raft = model.parsedConfig!.raftStorage!;
    const join = raft.body.blocks('retry_join')[0]!.body.attr('leader_api_addr')!;
    expect(join.value).toBe('https://prod-vault-0.prod-vault-internal:8200');
    expect(join.templated).toBe(false);
    expect(raft.body.attr('path')!.templated).toBe(true);
    const place = join.place();
    expect(text.slice(place.start, place.end)).toMatch(/^"https:\/\/\{\{ include/);
  });
});

describe('services', () => {
  it('lets the active annotations win on 0.34.1 and the general ones on 0.28.0', async () => {
    const text = `
      server:
        ha: {enabled: true}
        service:
          type: LoadBalancer
          annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}
          active:
            annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}
    `;
    const pick = async (chartVersion: string) =>
      (await modelOf(text, { chartVersion })).services
        .find((service) => service.role === 'active')!
        .annotations.find((a) => a.key.endsWith('scheme'))!.value;
    expect(await pick('0.34.1')).toBe('internal');
    expect(await pick('0.28.0')).toBe('internet-facing');
  });

  it('renders the ui service only when enabled, and active/standby only in HA', async () => {
    const roles = async (text: string) => (await modelOf(text)).services.map((service) => service.role);
    expect(await roles('ui: {enabled: true}')).toEqual(['ui', 'main']);
    expect(await roles('server: {ha: {enabled: true}, service: {standby: {enabled: false}}}')).toEqual(['main', 'active']);
    expect(await roles('global: {externalVaultAddr: "https://x"}\nui: {enabled: true}')).toEqual([]);
  });
});

describe('secrets', () => {
  it('finds inline credentials in env vars, seals and private keys, and never flags paths or references', async () => {
    const model = await modelOf(`
      server:
        extraEnvironmentVars:
          AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          GOOGLE_APPLICATION_CREDENTIALS: /vault/userconfig/kms/creds.json
          DB_PASSWORD_FILE: /run/secrets/db
        standalone:
          config: |
            seal "transit" {
              address = "https://transit:8200"
              token   = "s.abcdefghijklmnop"
            }
            storage "file" { path = "/vault/data" }
    `);
    expect(model.secrets.map((secret) => `${secret.kind}:${secret.name}`).sort()).toEqual(['env:AWS_SECRET_ACCESS_KEY', 'seal:token']);
  });
});
