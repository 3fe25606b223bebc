import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { validate as validate0280 } from '../../src/schemas/generated/values-0.28.0.js';
// 0.34.0 and 0.34.1 have the same schema and share one module (scripts/build-schemas.mjs).
import { validate as validate0341 } from '../../src/schemas/generated/values-0.34.0.js';
import { knownKeysAt, suggestKey } from '../../src/schemas/suggest.js';
import { dotted, loadYaml, mergeValues, nest, parseYaml, pointerToPath, readJson } from './helpers.js';

const VERSIONS = [
  { version: '0.28.0', validate: validate0280, schema: readJson('schemas/values-0.28.0.schema.json') },
  { version: '0.34.1', validate: validate0341, schema: readJson('schemas/values-0.34.1.schema.json') },
] as const;

type Validator = (typeof VERSIONS)[number]['validate'];

function errorsOf(validate: Validator, values: unknown): ErrorObject[] {
  return validate(values) ? [] : [...(validate.errors ?? [])];
}

function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map((error) => `${error.instancePath || '/'} ${error.keyword} ${JSON.stringify(error.params)}`);
}

describe.each(VERSIONS)('values schema $version', ({ version, validate, schema }) => {
  const defaults = loadYaml(`test/vendor/values-${version}.yaml`);

  it('declares its $id and draft-07', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `urn:vault-lint:schema:values-${version}`,
    });
  });

  it("accepts the chart's own default values", () => {
    expect(describeErrors(errorsOf(validate, defaults))).toEqual([]);
  });

  it("accepts the chart's OpenShift overrides merged over the defaults", () => {
    const merged = mergeValues(defaults, loadYaml(`test/vendor/values.openshift-${version}.yaml`));
    expect(describeErrors(errorsOf(validate, merged))).toEqual([]);
    expect(merged).toMatchObject({ global: { openshift: true }, server: { readinessProbe: { path: '/v1/sys/health?uninitcode=204' } } });
  });

  it('finds exactly global.resources in the deployment guide example, alone and merged over the defaults', () => {
    const guide = loadYaml('test/vendor/override-values.yml');
    for (const values of [guide, mergeValues(defaults, guide)]) {
      const errors = errorsOf(validate, values);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        keyword: 'additionalProperties',
        instancePath: '/global',
        params: { additionalProperty: 'resources' },
      });
    }
    // Nothing under global is spelt like `resources`: the key belongs elsewhere, not misspelt.
    expect(suggestKey('resources', knownKeysAt(schema, ['global']))).toBeUndefined();
  });

  it('accepts every key the templates read that values.yaml leaves out', () => {
    const values = parseYaml(`
      fullnameOverride: vault-prod
      nameOverride: hcv
      server:
        uid: 100
        gid: 1000
        includeConfigAnnotation: true
        readinessProbe:
          path: /v1/sys/health?standbyok=true
        service:
          type: NodePort
          clusterIP: None
          nodePort: 30000
          activeNodePort: 30001
          standbyNodePort: 30002
      injector:
        uid: 100
        gid: 1000
        agentDefaults:
          ephemeralLimit: 128Mi
          ephemeralRequest: 64Mi
      ui:
        loadBalancerIP: 10.0.0.10
        loadBalancerSourceRanges:
          - 10.0.0.0/16
    `);
    expect(describeErrors(errorsOf(validate, mergeValues(defaults, values)))).toEqual([]);
  });

  it('accepts null where the chart default is null, and an uncommented empty loadBalancerIP', () => {
    const values = parseYaml(`
      injector:
        certs:
          secretName: null
      server:
        extraInitContainers: null
        extraContainers: null
        extraPorts: null
        volumes: null
        volumeMounts: null
        dataStorage:
          storageClass: null
        auditStorage:
          storageClass: null
        ha:
          apiAddr: null
          clusterAddr: null
          disruptionBudget:
            maxUnavailable: null
      ui:
        serviceNodePort: null
        loadBalancerIP:
      csi:
        volumes: null
        volumeMounts: null
    `);
    expect(describeErrors(errorsOf(validate, values))).toEqual([]);
  });

  it('leaves maps the chart renders verbatim open', () => {
    const values = parseYaml(`
      server:
        resources:
          requests: { memory: 8Gi, cpu: 2000m }
          limits: { memory: 16Gi, hugepages-2Mi: 1Gi }
          claims: [{ name: gpu }]
        annotations: |
          vault.example.com/owner: "{{ .Release.Name }}"
        extraLabels: { team: platform }
        extraEnvironmentVars: { VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt, GOOGLE_REGION: global }
        statefulSet:
          securityContext:
            pod: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
            container: |
              allowPrivilegeEscalation: false
        volumes: [{ name: plugins, emptyDir: {} }]
        volumeMounts: [{ name: plugins, mountPath: /usr/local/libexec/vault, readOnly: true }]
        extraContainers: [{ name: sidecar, image: busybox, anyField: 1 }]
        extraInitContainers: [{ name: init, image: alpine }]
        networkPolicy:
          ingress: [{ from: [{ podSelector: { matchLabels: { app: x } } }], whatever: true }]
          egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/24 } }] }]
        affinity:
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] }
        tolerations: "- key: dedicated\\n  operator: Exists"
        nodeSelector: { kubernetes.io/arch: amd64 }
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone }]
        service:
          annotations: { service.beta.kubernetes.io/aws-load-balancer-scheme: internal }
      injector:
        resources: { requests: { cpu: 250m } }
        extraEnvironmentVars: { KUBERNETES_SERVICE_HOST: kubernetes.default.svc }
        securityContext: { pod: { fsGroup: 1000 }, container: { capabilities: { drop: [ALL] } } }
    `);
    expect(describeErrors(errorsOf(validate, mergeValues(defaults, values)))).toEqual([]);
  });

  it('accepts "-" and "true" for enabled flags', () => {
    const values = parseYaml(`
      server: { enabled: "true", standalone: { enabled: "-" }, dataStorage: { enabled: "true" } }
      injector: { enabled: "-" }
      ui: { enabled: "true" }
      csi: { enabled: "-" }
    `);
    expect(describeErrors(errorsOf(validate, mergeValues(defaults, values)))).toEqual([]);
  });
});

/** Commonly edited keys, misspelt: [dotted path of the misspelt key, value, expected key]. */
const MISSPELLINGS: [string, unknown, string][] = [
  ['server.ha.replica', 5, 'replicas'],
  ['global.tlsDisabled', false, 'tlsDisable'],
  ['global.externalVaultAddress', 'https://vault.example.com', 'externalVaultAddr'],
  ['server.dataStorge', { enabled: true }, 'dataStorage'],
  ['server.extraEnviromentVars', { VAULT_CACERT: '/vault/ca.crt' }, 'extraEnvironmentVars'],
  ['server.extraSecretEnvironmentVar', [], 'extraSecretEnvironmentVars'],
  ['ui.serviceTyp', 'LoadBalancer', 'serviceType'],
  ['ui.loadBalancerSourceRange', ['10.0.0.0/8'], 'loadBalancerSourceRanges'],
  ['server.image.tags', '1.16.1', 'tag'],
  ['injector.agentImage.tags', '1.16.1', 'tag'],
  ['server.ha.raft.setNodeID', true, 'setNodeId'],
  ['server.ha.raft.configs', 'ui = true', 'config'],
  ['server.standalone.confg', 'ui = true', 'config'],
  ['injector.enable', false, 'enabled'],
  ['server.auditStorage.enabeld', true, 'enabled'],
  ['server.livenessProbe.enable', true, 'enabled'],
  ['serverTelemetry.serviceMonitor.enable', true, 'enabled'],
  ['server.affinty', '', 'affinity'],
  ['server.toleration', [], 'tolerations'],
  ['server.nodeselector', {}, 'nodeSelector'],
  ['server.statefulset', { annotations: {} }, 'statefulSet'],
  ['csi.daemonset', { annotations: {} }, 'daemonSet'],
  ['server.updateStrategy', 'OnDelete', 'updateStrategyType'],
  ['server.dataStorage.storageClassName', 'gp3', 'storageClass'],
  ['server.service.tpye', 'LoadBalancer', 'type'],
  ['server.readinessProbe.initialDelaySecond', 10, 'initialDelaySeconds'],
  ['server.ingress.annotation', {}, 'annotations'],
  ['server.serviceAccount.annotation', {}, 'annotations'],
  ['server.ha.disruptionBudget.maxUnavailble', 1, 'maxUnavailable'],
  ['server.ha.apiAddress', 'https://vault.example.com:8200', 'apiAddr'],
];

describe.each(VERSIONS)('misspelt keys, chart $version', ({ validate, schema, version }) => {
  const defaults = loadYaml(`test/vendor/values-${version}.yaml`);

  it.each(MISSPELLINGS)('%s: %j is reported, suggesting %s', (path, value, expected) => {
    const segments = dotted(path);
    const key = String(segments.at(-1));
    const parent = segments.slice(0, -1);
    const errors = errorsOf(validate, mergeValues(defaults, nest(segments, value)));
    expect(describeErrors(errors)).toEqual([`/${parent.join('/')} additionalProperties ${JSON.stringify({ additionalProperty: key })}`]);
    const error = errors[0]!;
    expect(suggestKey(key, knownKeysAt(schema, pointerToPath(error.instancePath)))).toBe(expected);
  });

  it('reports a misspelt key inside a list item at the item', () => {
    const values = nest(
      ['server', 'extraVolumes'],
      [
        { type: 'secret', name: 'tls' },
        { type: 'secret', nme: 'ca' },
      ],
    );
    const errors = errorsOf(validate, values);
    expect(describeErrors(errors)).toEqual([
      '/server/extraVolumes/1 required {"missingProperty":"name"}',
      '/server/extraVolumes/1 additionalProperties {"additionalProperty":"nme"}',
    ]);
    expect(suggestKey('nme', knownKeysAt(schema, pointerToPath('/server/extraVolumes/1')))).toBe('name');
  });
});

describe('version differences', () => {
  it('0.28.0 accepts its dead configAnnotation key and includeConfigAnnotation; 0.34.1 only the latter', () => {
    const values = { server: { configAnnotation: true, includeConfigAnnotation: true } };
    expect(errorsOf(validate0280, values)).toEqual([]);
    const errors = errorsOf(validate0341, values);
    expect(describeErrors(errors)).toEqual(['/server additionalProperties {"additionalProperty":"configAnnotation"}']);
    expect(suggestKey('configAnnotation', knownKeysAt(VERSIONS[1].schema, ['server']))).toBe('includeConfigAnnotation');
  });

  it('0.28.0 accepts a YAML map config, 0.34.1 only a string', () => {
    const values = { server: { ha: { config: { ui: true }, raft: { config: { ui: true } } }, standalone: { config: { ui: true } } } };
    expect(errorsOf(validate0280, values)).toEqual([]);
    expect(describeErrors(errorsOf(validate0341, values))).toEqual([
      '/server/standalone/config type {"type":"string"}',
      '/server/ha/raft/config type {"type":"string"}',
      '/server/ha/config type {"type":"string"}',
    ]);
  });

  it('keys added after 0.28.0 are unknown to the 0.28.0 schema', () => {
    for (const path of [
      'server.preStop',
      'server.httproute',
      'server.serviceCA',
      'csi.hostNetwork',
      'csi.logLevel',
      'server.ha.raft.redundancyZones',
    ]) {
      const segments = dotted(path);
      const value = nest(
        segments,
        path === 'csi.logLevel' ? 'info' : path === 'csi.hostNetwork' ? false : path === 'server.preStop' ? [] : {},
      );
      expect(errorsOf(validate0341, value), path).toEqual([]);
      expect(describeErrors(errorsOf(validate0280, value)), path).toEqual([
        `/${segments.slice(0, -1).join('/')} additionalProperties ${JSON.stringify({ additionalProperty: segments.at(-1) })}`,
      ]);
    }
  });
});

/** [dotted path, value, expected keyword, expected params]. */
const WRONG_TYPES: [string, unknown, string, Record<string, unknown>][] = [
  ['server.ha.replicas', '5', 'type', { type: 'integer' }],
  ['server.ha.replicas', 2.5, 'type', { type: 'integer' }],
  ['global.tlsDisable', 'false', 'type', { type: 'boolean' }],
  ['server.enabled', 1, 'type', { type: ['boolean', 'string'] }],
  ['injector.enabled', 0, 'type', { type: ['boolean', 'string'] }],
  ['ui.enabled', 1, 'type', { type: ['boolean', 'string'] }],
  ['csi.enabled', 1, 'type', { type: ['boolean', 'string'] }],
  ['server.image.tag', 1.16, 'type', { type: 'string' }],
  ['server.service.port', '8200', 'type', { type: 'integer' }],
  ['injector.replicas', '2', 'type', { type: 'integer' }],
  ['server.annotations', ['a=b'], 'type', { type: ['string', 'object'] }],
  ['server.extraEnvironmentVars', ['VAULT_CACERT=/x'], 'type', { type: 'object' }],
  ['server.resources', 'cpu: 1', 'type', { type: 'object' }],
  ['ui.serviceType', 'LoadBalancr', 'enum', { allowedValues: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] }],
  ['server.updateStrategyType', 'Rolling', 'enum', { allowedValues: ['OnDelete', 'RollingUpdate'] }],
  ['server.image.pullPolicy', 'always', 'enum', { allowedValues: ['Always', 'IfNotPresent', 'Never'] }],
  ['server.ha.disruptionBudget.maxUnavailable', 'half', 'pattern', { pattern: '^[0-9]+%$' }],
];

describe.each(VERSIONS)('wrong types, chart $version', ({ validate, version }) => {
  const defaults = loadYaml(`test/vendor/values-${version}.yaml`);

  it.each(WRONG_TYPES)('%s: %j is a %s error', (path, value, keyword, params) => {
    const errors = errorsOf(validate, mergeValues(defaults, nest(dotted(path), value)));
    expect(errors.map((error) => ({ instancePath: error.instancePath, keyword: error.keyword, params: error.params }))).toEqual([
      { instancePath: `/${path.replaceAll('.', '/')}`, keyword, params },
    ]);
  });

  it('accepts a percentage for the disruption budget', () => {
    expect(errorsOf(validate, nest(dotted('server.ha.disruptionBudget.maxUnavailable'), '50%'))).toEqual([]);
  });
});
