import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';
import { lintText } from '../../src/index.js';
import { buildModel } from '../../src/engine/lint.js';
import { setLayer } from '../../src/parse/set-args.js';

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

// Behaviour changes between releases (docs/chart-versions.md): each pinned on both sides, with the
// template of hashicorp/vault-helm read at both tags.
describe('changes between releases', () => {
  const ha = (extra: string): string => `server:\n  ha:\n    enabled: true\n${extra}`;

  it('makes the release external by global.externalVaultAddr from 0.21.0 (_helpers.tpl vault.mode, v0.20.1 and v0.21.0)', async () => {
    const text = 'global:\n  externalVaultAddr: "https://vault.example.com:8200"\n';
    expect((await modelOf(text, { chartVersion: '0.20.1' })).mode).toBe('standalone');
    expect((await modelOf(text, { chartVersion: '0.21.0' })).mode).toBe('external');
    const injector = 'injector:\n  externalVaultAddr: "https://vault.example.com:8200"\n';
    expect((await modelOf(injector, { chartVersion: '0.20.1' })).mode).toBe('external');
  });

  it('moves the release to global.namespace from 0.26.0 (_helpers.tpl vault.namespace, v0.25.0 and v0.26.0)', async () => {
    const text = 'global:\n  namespace: vault\n';
    const before = await modelOf(text, { chartVersion: '0.25.0', namespace: 'apps' });
    expect([before.namespace, before.namespaceKnown]).toEqual(['apps', true]);
    expect((await modelOf(text, { chartVersion: '0.25.0' })).namespaceKnown).toBe(false);
    expect((await modelOf(text, { chartVersion: '0.26.0', namespace: 'apps' })).namespace).toBe('vault');
  });

  it('renders the active and standby Services whatever their switches say before 0.23.0 (server-ha-active-service.yaml, v0.22.1 and v0.23.0)', async () => {
    const text = ha('  service:\n    active:\n      enabled: false\n    standby:\n      enabled: false\n');
    const names = async (chartVersion: string): Promise<string[]> =>
      (await modelOf(text, { chartVersion })).services.map((service) => service.name);
    expect(await names('0.22.1')).toEqual(['vault', 'vault-active', 'vault-standby']);
    expect(await names('0.23.0')).toEqual(['vault']);
  });

  it('applies server.service.<role>.annotations from 0.26.0, losing a shared key until 0.30.1 (server-ha-active-service.yaml, v0.25.0, v0.26.0, v0.30.0, v0.30.1)', async () => {
    const text = ha(
      '  service:\n    annotations:\n      scheme: general\n    active:\n      annotations:\n        scheme: role\n        only: role\n',
    );
    const active = async (chartVersion: string): Promise<Record<string, unknown>> => {
      const service = (await modelOf(text, { chartVersion })).services.find((item) => item.role === 'active')!;
      return Object.fromEntries(service.annotations.map((annotation) => [annotation.key, annotation.value]));
    };
    expect(await active('0.25.0')).toEqual({ scheme: 'general' });
    expect(await active('0.26.0')).toEqual({ scheme: 'general', only: 'role' });
    expect(await active('0.30.0')).toEqual({ scheme: 'general', only: 'role' });
    expect(await active('0.30.1')).toEqual({ scheme: 'role', only: 'role' });
  });

  it("reads server.ha.replicas as each release's vault.replicas does (_helpers.tpl, v0.25.0, v0.26.0, v0.26.1)", async () => {
    const replicas = async (value: string, chartVersion: string, set = false): Promise<number> => {
      const file = ha(`    replicas: ${value}\n`);
      if (!set) return (await modelOf(file, { chartVersion })).replicas;
      const layers = [{ kind: 'file' as const, label: 'values.yaml', text: ha('') }, setLayer('--set', `server.ha.replicas=${value}`)];
      const model = await buildModel({ layers }, { chartVersion });
      return model.replicas;
    };
    // `| default 3`: zero is empty, so 3 pods.
    expect(await replicas('0', '0.25.0')).toBe(3);
    expect(await replicas('5', '0.25.0')).toBe(5);
    // 0.26.0 takes only an int64: a values-file number (float64) gives 3, a --set integer counts.
    expect(await replicas('5', '0.26.0')).toBe(3);
    expect(await replicas('5', '0.26.0', true)).toBe(5);
    expect(await replicas('5', '0.26.1')).toBe(5);
    expect(await replicas('0', '0.26.1')).toBe(0);
  });

  it('probes liveness with execCommand only from 0.27.0 (server-statefulset.yaml, v0.26.1 and v0.27.0)', async () => {
    const text = 'server:\n  livenessProbe:\n    enabled: true\n    execCommand: ["vault", "status"]\n';
    expect((await modelOf(text, { chartVersion: '0.26.1' })).serverProbes.liveness.kind).toBe('http');
    expect((await modelOf(text, { chartVersion: '0.27.0' })).serverProbes.liveness.kind).toBe('exec');
  });

  it('runs the CSI provider\'s Agent sidecar from 0.24.0, when csi.agent.enabled is "true" (csi-daemonset.yaml, v0.23.0 and v0.24.0)', async () => {
    const components = async (text: string, chartVersion: string): Promise<string[]> =>
      (await modelOf(text, { chartVersion })).images.map((image) => image.component);
    const text = 'csi:\n  enabled: true\n  agent:\n    enabled: true\n';
    expect(await components(text, '0.23.0')).not.toContain('csiAgent');
    expect(await components(text, '0.24.0')).toContain('csiAgent');
    // The template compares the string form with "true": "yes" is off.
    expect(await components('csi:\n  enabled: true\n  agent:\n    enabled: "yes"\n', '0.34.1')).not.toContain('csiAgent');
  });

  it('runs tpl over the config never on 0.29.0, once or twice from 0.29.1 (_helpers.tpl vault.config, v0.28.1, v0.29.0, v0.29.1)', async () => {
    const text = 'server:\n  standalone:\n    config: |\n      ui = {{ .Values.missing | toWhatever }}\n';
    const problems = async (chartVersion: string): Promise<number> =>
      (await modelOf(text, { chartVersion })).config!.templateProblems.length;
    expect(await problems('0.28.1')).toBe(1);
    expect(await problems('0.29.0')).toBe(0);
    expect(await problems('0.29.1')).toBe(1);
    const model = await modelOf(text, { chartVersion: '0.29.1' });
    expect([model.configTemplatePasses('hcl'), model.configTemplatePasses('json'), model.configTemplatePasses('yaml-map')]).toEqual([
      1, 2, 0,
    ]);
    expect((await modelOf(text, { chartVersion: '0.29.0' })).configTemplatePasses('json')).toBe(0);
  });

  it('allows one eviction with raft redundancy zones from 0.33.0 (_helpers.tpl vault.pdb.maxUnavailable, v0.32.0 and v0.33.0)', async () => {
    const text = ha('    replicas: 5\n    raft:\n      enabled: true\n      redundancyZones:\n        enabled: true\n');
    expect((await modelOf(text, { chartVersion: '0.32.0' })).disruptionBudget.maxUnavailable).toBe(2);
    expect((await modelOf(text, { chartVersion: '0.33.0' })).disruptionBudget.maxUnavailable).toBe(1);
  });
});
