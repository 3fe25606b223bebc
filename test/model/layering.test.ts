import { describe, expect, it } from 'vitest';
import { buildModel, type LintOptions } from '../../src/engine/lint.js';
import { lintTargets, loadRules } from '../../src/lint.js';
import type { InputLayer } from '../../src/model/model.js';
import { setLayer, type SetFlag } from '../../src/model/set-args.js';
import { renderRelease } from '../../src/model/render.js';
import { dedent } from '../helpers/rule-tester.js';

/** The rules these releases are about; others (added in parallel) are switched off so the expectations stay exact. */
const RULES = [
  'tls-enabled',
  'private-load-balancer',
  'auto-unseal',
  'ha-replicas',
  'image-tag-pinned',
  'persistent-storage',
  'retry-join-matches-replicas',
  'yaml-syntax',
  'hcl-syntax',
];

function file(label: string, text: string): InputLayer {
  return { kind: 'file', label, text: dedent(text) };
}

function set(flag: SetFlag, argument: string, files: Record<string, string> = {}): InputLayer {
  return setLayer(flag, argument, { readFile: (path) => files[path] ?? '' });
}

/** Lint one release made of layers; each finding as `rule/messageId file:line:column`. */
async function lintRelease(layers: InputLayer[], options: LintOptions = {}): Promise<string[]> {
  const off = Object.fromEntries((await loadRules()).filter((rule) => !RULES.includes(rule.id)).map((rule) => [rule.id, 'off' as const]));
  const results = await lintTargets([{ layers }], { ...options, rules: { ...off, ...options.rules } });
  return results.flatMap((result) =>
    result.findings.map(
      (finding) => `${finding.ruleId}/${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
    ),
  );
}

/** A production-ready HA raft release (TLS, KMS seal, five pods, internal UI load balancer). */
const BASE = `
  global:
    tlsDisable: false
  server:
    image:
      tag: "1.16.1"
    auditStorage:
      enabled: true
    extraVolumes:
      - type: secret
        name: tls-server
      - type: secret
        name: tls-ca
    ha:
      enabled: true
      replicas: 5
      raft:
        enabled: true
        config: |
          listener "tcp" {
            address       = "[::]:8200"
            tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
            tls_key_file  = "/vault/userconfig/tls-server/tls.key"
          }
          seal "awskms" {
            kms_key_id = "alias/vault-unseal"
          }
          storage "raft" {
            path = "/vault/data"
            retry_join {
              auto_join = "provider=k8s label_selector=\\"component=server\\""
            }
          }
  ui:
    enabled: true
    serviceType: LoadBalancer
    annotations:
      service.beta.kubernetes.io/aws-load-balancer-scheme: internal
`;

/** Staging turns TLS off in the chart and in the listener. */
const STAGING = `
  # staging: plain http everywhere
  global:
    tlsDisable: true
  server:
    ha:
      raft:
        config: |
          listener "tcp" {
            address     = "[::]:8200"
            tls_disable = 1
          }
          seal "awskms" {
            kms_key_id = "alias/vault-unseal"
          }
          storage "raft" {
            path = "/vault/data"
            retry_join {
              auto_join = "provider=k8s label_selector=\\"component=server\\""
            }
          }
`;

/** Prod restores TLS on both sides. */
const PROD = `
  global:
    tlsDisable: false
  server:
    ha:
      raft:
        config: |
          listener "tcp" {
            address       = "[::]:8200"
            tls_cert_file = "/vault/userconfig/tls-server/tls.crt"
            tls_key_file  = "/vault/userconfig/tls-server/tls.key"
          }
          seal "awskms" {
            kms_key_id = "alias/vault-unseal"
          }
          storage "raft" {
            path = "/vault/data"
            retry_join {
              auto_join = "provider=k8s label_selector=\\"component=server\\""
            }
          }
`;

describe('a value disabled in one layer and restored in the next', () => {
  it('reports TLS turned off by the staging layer, at the staging lines: one decision, one finding', async () => {
    expect(await lintRelease([file('base.yaml', BASE)])).toEqual([]);
    expect(await lintRelease([file('base.yaml', BASE), file('staging.yaml', STAGING)])).toEqual([
      'tls-enabled/tlsDisabled staging.yaml:10:25',
    ]);
  });

  it('finds nothing once prod turns TLS back on in the chart and the listener', async () => {
    expect(await lintRelease([file('base.yaml', BASE), file('staging.yaml', STAGING), file('prod.yaml', PROD)])).toEqual([]);
  });

  it('keeps pointing at staging when prod restores only global.tlsDisable', async () => {
    const findings = await lintRelease([
      file('base.yaml', BASE),
      file('staging.yaml', STAGING),
      file('prod.yaml', 'global:\n  tlsDisable: false\n'),
    ]);
    expect(findings).toEqual(['tls-enabled/listenerTlsDisabled staging.yaml:10:25']);
  });

  it('restores an internal load balancer deleted by prod with a third file; a --set into the null is refused as Helm refuses it', async () => {
    const deleted = [file('base.yaml', BASE), file('prod.yaml', 'ui:\n  annotations: null\n')];
    expect(await lintRelease(deleted)).toEqual(['private-load-balancer/missingInternalAnnotation prod.yaml:2:16']);
    const restored = [...deleted, file('lb.yaml', 'ui:\n  annotations:\n    networking.gke.io/load-balancer-type: Internal\n')];
    expect(await lintRelease(restored)).toEqual([]);
    // Helm applies --set inside the merged files, where ui.annotations is nil: "interface {} is nil, not map".
    const refused = [...deleted, set('--set', 'ui.annotations.networking\\.gke\\.io/load-balancer-type=Internal')];
    expect(await lintRelease(refused)).toEqual([
      'yaml-syntax/syntax --set ui.annotations.networking\\.gke\\.io/load-balancer-type=Internal:1:4',
    ]);
  });
});

describe('null deletes a key', () => {
  const layers = [file('base.yaml', BASE), file('prod.yaml', 'server:\n  auditStorage: null\n  affinity: null\n')];

  it('reports the audit PVC a prod null removed, at the null', async () => {
    expect(await lintRelease(layers)).toEqual(['persistent-storage/auditStorageDisabled prod.yaml:2:17']);
  });

  it('removes the chart default anti-affinity from the effective values', async () => {
    const model = await buildModel({ layers });
    expect(model.get('server.affinity')?.value).toBeNull();
    expect(model.get('server.affinity')?.place()).toMatchObject({ layer: { label: 'prod.yaml' } });
    const serverSection = (lines: string[]): string[] =>
      lines.slice(
        lines.indexOf('server:'),
        lines.findIndex((line, index) => index > lines.indexOf('server:') && /^\S/.test(line)),
      );
    const values = serverSection(renderRelease(model).values.map((line) => line.text));
    expect(values.some((line) => /^ {2}(# )?affinity:/.test(line))).toBe(false);
    expect(values).toContain('  annotations: {}');
    const shown = serverSection(renderRelease(model, { showDeleted: true }).values.map((line) => line.text));
    expect(shown).toContain('  # affinity: null (deletes the chart default)');
  });

  it('makes chart 0.34.1 refuse a null raft config, and a --set-file in a third layer restores it', async () => {
    const deleted = [file('base.yaml', BASE), file('prod.yaml', 'server:\n  ha:\n    raft:\n      config: null\n')];
    const model = await buildModel({ layers: deleted });
    expect(model.configRenderError?.message).toBe(
      'Chart 0.34.1 refuses null at "server.ha.raft.config": structured server config is not supported, value must be a string',
    );
    expect(model.parsedConfig).toBeUndefined();
    expect(renderRelease(model).config).toMatchObject({ fails: true, lines: [] });
    // The config rules cannot see a config that does not render; the finding stays with the chart failure.
    expect(await lintRelease(deleted)).toEqual([]);
    const raft =
      'listener "tcp" {\n  address = "[::]:8200"\n  tls_disable = true\n}\nseal "awskms" {\n  kms_key_id = "alias/vault"\n}\nstorage "raft" {\n  path = "/vault/data"\n  retry_join {\n    auto_join = "provider=k8s"\n  }\n}\n';
    const restored = [...deleted, set('--set-file', 'server.ha.raft.config=raft.hcl', { 'raft.hcl': raft })];
    expect(await lintRelease(restored)).toEqual(['tls-enabled/listenerTlsDisabled --set-file server.ha.raft.config=raft.hcl:1:23']);
  });
});

describe('lists replace, --set indexes merge', () => {
  const prod = file('prod.yaml', 'server:\n  extraVolumes:\n    - type: secret\n      name: kms-creds\n');

  it('replaces the base list with the prod list', async () => {
    const model = await buildModel({ layers: [file('base.yaml', BASE), prod] });
    expect(model.valueOf('server.extraVolumes')).toEqual([{ type: 'secret', name: 'kms-creds' }]);
    expect(model.get(['server', 'extraVolumes', 0, 'name'])?.layer.label).toBe('prod.yaml');
  });

  it('sets one item by index inside the list prod wrote, keeping the others', async () => {
    const layers = [
      file('base.yaml', BASE),
      prod,
      set('--set', 'server.extraVolumes[1].type=secret,server.extraVolumes[1].name=tls-server,server.ha.replicas=3'),
    ];
    const model = await buildModel({ layers });
    expect(model.valueOf('server.extraVolumes')).toEqual([
      { type: 'secret', name: 'kms-creds' },
      { type: 'secret', name: 'tls-server' },
    ]);
    expect(model.get(['server', 'extraVolumes', 0, 'name'])?.layer.label).toBe('prod.yaml');
    expect(model.get(['server', 'extraVolumes', 1, 'name'])?.place()).toMatchObject({ start: 63, end: 73 });
    expect(await lintRelease(layers)).toEqual([
      'ha-replicas/replicas --set server.extraVolumes[1].type=secret,server.extraVolumes[1].name=tls-server,server.ha.replicas=3:1:94',
    ]);
  });

  it('replaces a list only the chart defaults hold, as Helm does (the default item is gone)', async () => {
    const model = await buildModel({ layers: [file('base.yaml', BASE), set('--set', 'server.ingress.hosts[0].host=vault.example.com')] });
    expect(model.valueOf('server.ingress.hosts')).toEqual([{ host: 'vault.example.com' }]);
  });
});

describe('--set layers', () => {
  it('points findings at the value inside the argument', async () => {
    const layers = [
      file('base.yaml', BASE),
      file('prod.yaml', 'server:\n  ha:\n    replicas: 5\n'),
      set('--set', 'server.ha.replicas=3,server.image.tag=latest'),
    ];
    expect(await lintRelease(layers)).toEqual([
      'ha-replicas/replicas --set server.ha.replicas=3,server.image.tag=latest:1:20',
      'image-tag-pinned/latest --set server.ha.replicas=3,server.image.tag=latest:1:39',
    ]);
  });

  it('keeps --set-string values strings', async () => {
    expect(await lintRelease([file('base.yaml', BASE), set('--set-string', 'server.ha.replicas=5')])).toEqual([
      'ha-replicas/replicasNotNumber --set-string server.ha.replicas=5:1:20',
    ]);
    expect(await lintRelease([file('base.yaml', BASE), set('--set', 'server.ha.replicas=5')])).toEqual([]);
  });

  it('masks a secret in the label and the source of a --set layer', async () => {
    const layers = [
      file('base.yaml', BASE),
      set('--set', 'server.extraEnvironmentVars.VAULT_TOKEN=s.fake-token-1234,server.image.tag=latest'),
    ];
    const results = await lintTargets([{ layers }], { rules: { 'image-tag-pinned': 'error' } });
    const label = '--set server.extraEnvironmentVars.VAULT_TOKEN=*****************,server.image.tag=latest';
    const result = results.find((entry) => entry.file.startsWith('--set'))!;
    expect(result.file).toBe(label);
    expect(result.source).toBe(label.slice('--set '.length));
    expect(result.findings.map((finding) => finding.location.file)).toContain(label);
    expect(JSON.stringify(results)).not.toContain('s.fake-token-1234');
  });

  it('reports a --set that descends into a value a file wrote as a string, as Helm refuses it', async () => {
    const layers = [
      file('base.yaml', BASE),
      file('prod.yaml', 'server:\n  affinity: ""\n'),
      set('--set', 'server.affinity.podAntiAffinity=soft'),
    ];
    expect(await lintRelease(layers)).toEqual(['yaml-syntax/syntax --set server.affinity.podAntiAffinity=soft:1:8']);
    // Over the chart's default affinity string there is no conflict: Helm merges defaults later.
    expect(await lintRelease([file('base.yaml', BASE), set('--set', 'server.affinity.podAntiAffinity=soft')])).toEqual([]);
  });

  it('reports a malformed argument at its position', async () => {
    expect(await lintRelease([file('base.yaml', BASE), set('--set', 'server.ha.replicas')])).toEqual([
      'yaml-syntax/syntax --set server.ha.replicas:1:11',
    ]);
  });
});
