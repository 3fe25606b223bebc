import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';
import { lintText } from '../../src/lint.js';

// Each case pins a template of hashicorp/vault-helm at v0.28.0 and v0.34.1 (templates/_helpers.tpl).
const VERSIONS = ['0.28.0', '0.34.1'] as const;

function raftRelease(address: string, namespace = 'vault'): string {
  return [
    'global:',
    `  namespace: ${namespace}`,
    'server:',
    '  ha:',
    '    enabled: true',
    '    replicas: 1',
    '    raft:',
    '      enabled: true',
    '      config: |',
    '        storage "raft" {',
    '          path = "/vault/data"',
    '          retry_join {',
    `            leader_api_addr = "${address}"`,
    '          }',
    '        }',
    '',
  ].join('\n');
}

describe('.Release.Namespace and vault.namespace', () => {
  it.each(VERSIONS)('renders .Release.Namespace as the release namespace, never global.namespace (chart %s)', async (chartVersion) => {
    const address = 'https://vault-0.vault-internal.{{ .Release.Namespace }}.svc:8200';
    const model = await modelOf(raftRelease(address), { chartVersion, namespace: 'apps' });
    expect(model.namespace).toBe('vault');
    expect(model.releaseNamespace).toBe('apps');
    const join = model.raftJoins[0]!;
    expect(join.address?.value).toBe('https://vault-0.vault-internal.apps.svc:8200');
    // The pods live in global.namespace: this address names the wrong namespace.
    expect(join.url?.namespace).toBe('apps');
  });

  it('renders include "vault.namespace" as where the pods live', async () => {
    const model = await modelOf(raftRelease('https://vault-0.vault-internal.{{ include "vault.namespace" . }}.svc:8200'), {
      namespace: 'apps',
    });
    expect(model.raftJoins[0]!.url?.namespace).toBe('vault');
  });

  it('uses Helm\'s "default" for .Release.Namespace, and treats it as unknown for address checks, when no namespace is given', async () => {
    const model = await modelOf(raftRelease('https://vault-0.vault-internal.{{ .Release.Namespace }}.svc:8200'));
    expect(model.raftJoins[0]!.address?.value).toBe('https://vault-0.vault-internal.default.svc:8200');
    expect(model.raftJoins[0]!.url?.pod).toBe(0);
    expect(model.raftJoins[0]!.url?.namespace).toBeUndefined();
  });
});

describe('.Chart.Name and vault.fullname', () => {
  it.each(VERSIONS)('keeps .Chart.Name "vault" whatever nameOverride says (chart %s)', async (chartVersion) => {
    const model = await modelOf(`nameOverride: hcv\n${raftRelease('https://{{ .Release.Name }}-{{ .Chart.Name }}-0.x:8200')}`, {
      chartVersion,
      releaseName: 'prod',
    });
    expect(model.chartName).toBe('hcv');
    expect(model.fullname).toBe('prod-hcv');
    expect(model.raftJoins[0]!.address?.value).toBe('https://prod-vault-0.x:8200');
  });

  it('tests "contains" with the untruncated name and drops one trailing dash only', async () => {
    // default .Chart.Name .Values.nameOverride = "vault-": release "vault" does not contain it.
    expect((await modelOf('nameOverride: "vault-"')).fullname).toBe('vault-vault');
    expect((await modelOf('nameOverride: "vault-"')).chartName).toBe('vault');
    expect((await modelOf('nameOverride: "vault-"', { releaseName: 'vault-prod' })).fullname).toBe('vault-prod');
    // trimSuffix "-" removes one dash.
    expect((await modelOf('fullnameOverride: "secrets--"')).fullname).toBe('secrets-');
    expect((await modelOf('nameOverride: "hcv--"')).chartName).toBe('hcv-');
  });
});

describe('Services without a server mode', () => {
  it.each(VERSIONS)('renders the server and ui Services with neither HA nor standalone enabled (chart %s)', async (chartVersion) => {
    const model = await modelOf('server: {standalone: {enabled: false}}\nui: {enabled: true}', { chartVersion });
    expect(model.mode).toBe('none');
    expect(model.services.map((service) => service.role).sort()).toEqual(['main', 'ui']);
    expect(model.serverAbsence?.reason).toBe('noMode');
  });

  it('compares server.service.enabled with "true", as vault.serverServiceEnabled does', async () => {
    const model = await modelOf('server: {service: {enabled: "True"}, ha: {enabled: true}}');
    expect(model.services.map((service) => service.role)).toEqual([]);
  });
});

describe('the config ConfigMap', () => {
  it.each(VERSIONS)(
    'renders none when standalone.config and ha.config are both empty, and no config is live (chart %s)',
    async (chartVersion) => {
      const model = await modelOf('server: {standalone: {config: ""}, ha: {config: null}}', { chartVersion });
      expect(model.configMapRendered).toBe(false);
      expect(model.configRenderError?.messageId).toBe('noConfigMap');
      expect(model.configRenderError?.node.path).toEqual(['server', 'standalone', 'config']);
      expect(model.parsedConfig).toBeUndefined();
    },
  );

  it('renders none for a raft config either when the two keys the ConfigMap tests are empty', async () => {
    const model = await modelOf(
      'server:\n  standalone: {config: ""}\n  ha:\n    enabled: true\n    config: ""\n    raft: {enabled: true, config: "storage \\"raft\\" {}"}\n',
    );
    expect(model.configPath).toEqual(['server', 'ha', 'raft', 'config']);
    expect(model.configRenderError?.messageId).toBe('noConfigMap');
    expect(model.configRenderError?.node.path).toEqual(['server', 'ha', 'config']);
  });
});

describe('a config in a key the chart ignores', () => {
  const text = [
    'global:',
    '  tlsDisable: false',
    'server:',
    '  image:',
    '    tag: "1.16.1"',
    '  config: |',
    '    listener "tcp" {',
    '      address     = "[::]:8200"',
    '      tls_disable = 1',
    '    }',
    '    storage "file" {',
    '      path = "/vault/data"',
    '    }',
    '',
  ].join('\n');

  it('is linted as if live while the chart renders its default', async () => {
    const model = await modelOf(text);
    expect(model.config?.isUserSet).toBe(false);
    expect(model.misplacedConfig?.source.path).toEqual(['server', 'config']);
    expect(model.parsedConfig).toBe(model.misplacedConfig);
  });

  it('gets one finding at its key, and its own problems inside it', async () => {
    const findings = await lintText(text);
    const byRule = findings.map((finding) => `${finding.location.line}:${finding.ruleId}/${finding.messageId}`);
    expect(byRule).toContain('6:raft-config-location/ignoredConfig');
    expect(byRule).toContain('9:tls-enabled/listenerTlsDisabled');
    // One finding says the key is ignored (not values-schema's unknown key as well); missing stanzas of the config itself land on the key too.
    expect(byRule.filter((entry) => /^6:(raft-config-location|values-schema)/.test(entry))).toEqual([
      '6:raft-config-location/ignoredConfig',
    ]);
    expect(byRule).toContain('6:auto-unseal/missingSeal');
    // The chart default's own TLS-off listener is not reported: the user's config is the one to fix.
    expect(findings.filter((finding) => finding.ruleId === 'tls-enabled')).toHaveLength(1);
  });
});
