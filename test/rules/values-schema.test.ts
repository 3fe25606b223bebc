import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/values-schema.js';
import { lintText } from '../../src/lint.js';
import { CHART_VERSIONS } from '../../src/model/model.js';
import { dedent, testRule, type InvalidCase } from '../helpers/rule-tester.js';

const vendor = (name: string): string => readFileSync(new URL(`../vendor/${name}`, import.meta.url), 'utf8');

/**
 * Commonly edited keys, misspelt: [dotted path of the misspelt key, its value as YAML, the key
 * the suggestion must name]. Each becomes a values file whose last line writes the key.
 */
const MISSPELLINGS: [string, string, string][] = [
  ['server.ha.replica', '5', 'replicas'],
  ['global.tlsDisabled', 'false', 'tlsDisable'],
  ['global.externalVaultAddress', 'https://vault.example.com', 'externalVaultAddr'],
  ['server.dataStorge', '{ enabled: true }', 'dataStorage'],
  ['server.extraEnviromentVars', '{ VAULT_CACERT: /vault/ca.crt }', 'extraEnvironmentVars'],
  ['server.extraSecretEnvironmentVar', '[]', 'extraSecretEnvironmentVars'],
  ['ui.serviceTyp', 'LoadBalancer', 'serviceType'],
  ['ui.loadBalancerSourceRange', '[10.0.0.0/8]', 'loadBalancerSourceRanges'],
  ['server.image.tags', '"1.16.1"', 'tag'],
  ['injector.agentImage.tags', '"1.16.1"', 'tag'],
  ['server.ha.raft.setNodeID', 'true', 'setNodeId'],
  ['server.ha.raft.configs', '"ui = true"', 'config'],
  ['server.standalone.confg', '"ui = true"', 'config'],
  ['injector.enable', 'false', 'enabled'],
  ['server.auditStorage.enabeld', 'true', 'enabled'],
  ['server.livenessProbe.enable', 'true', 'enabled'],
  ['serverTelemetry.serviceMonitor.enable', 'true', 'enabled'],
  ['server.affinty', '""', 'affinity'],
  ['server.toleration', '[]', 'tolerations'],
  ['server.nodeselector', '{}', 'nodeSelector'],
  ['server.statefulset', '{ annotations: {} }', 'statefulSet'],
  ['csi.daemonset', '{ annotations: {} }', 'daemonSet'],
  ['server.updateStrategy', 'OnDelete', 'updateStrategyType'],
  ['server.dataStorage.storageClassName', 'gp3', 'storageClass'],
  ['server.service.tpye', 'LoadBalancer', 'type'],
  ['server.readinessProbe.initialDelaySecond', '10', 'initialDelaySeconds'],
  ['server.ingress.annotation', '{}', 'annotations'],
  ['server.ha.disruptionBudget.maxUnavailble', '1', 'maxUnavailable'],
  ['server.ha.apiAddress', 'https://vault.example.com:8200', 'apiAddr'],
];

/** `a.b.c` and a value -> nested YAML; the misspelt key sits on the last line, indented two spaces per level. */
function misspelt(path: string, value: string, chartVersion: string, expected: string): InvalidCase {
  const keys = path.split('.');
  const code = keys.map((key, depth) => `${'  '.repeat(depth)}${key}:${depth === keys.length - 1 ? ` ${value}` : ''}`).join('\n');
  const depth = keys.length - 1;
  const column = 2 * depth + 1;
  return {
    name: `${path} on chart ${chartVersion}`,
    code,
    lint: { chartVersion },
    errors: [
      {
        messageId: 'misspeltKey',
        line: keys.length,
        column,
        endLine: keys.length,
        endColumn: column + keys[depth]!.length,
        message: `(did you mean "${expected}"?)`,
      },
    ],
  };
}

testRule(rule, {
  valid: [
    ...CHART_VERSIONS.map((chartVersion) => ({
      name: `the chart's own values.yaml ${chartVersion}`,
      code: vendor(`values-${chartVersion}.yaml`),
      lint: { chartVersion },
    })),
    ...CHART_VERSIONS.map((chartVersion) => ({
      name: `the chart's OpenShift overrides ${chartVersion}`,
      code: vendor(`values.openshift-${chartVersion}.yaml`),
      lint: { chartVersion },
    })),
    {
      name: 'free-form maps take any key',
      code: `
      server:
        annotations:
          team/owner: platform
        extraEnvironmentVars:
          VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt
          ANY_NAME_AT_ALL: "1"
        resources:
          requests: { memory: 8Gi, cpu: 2000m }
          limits: { hugepages-2Mi: 1Gi }
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution: []
        service:
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-scheme: internal
    `,
    },
    {
      name: 'a null deletes a chart default and is no type problem',
      code: `
      server:
        image: null
        ha:
          replicas: null
    `,
    },
    {
      name: 'server.configAnnotation still exists in chart 0.28.0',
      lint: { chartVersion: '0.28.0' },
      code: `
      server:
        configAnnotation: true
    `,
    },
    {
      name: 'a YAML map config is fine on chart 0.28.0 when ha.config is a map too',
      lint: { chartVersion: '0.28.0' },
      code: `
      server:
        ha:
          enabled: true
          config:
            ui: true
            storage:
              consul:
                address: HOST_IP:8500
    `,
    },
    {
      name: 'a string config, HCL or JSON, on chart 0.34.1',
      code: `
      server:
        standalone:
          config: '{"storage": {"file": {"path": "/vault/data"}}}'
        ha:
          config: |
            ui = true
    `,
    },
  ],
  invalid: [
    {
      name: "the guide's global.resources: Helm ignores it",
      code: vendor('override-values.yml'),
      errors: [
        {
          messageId: 'unknownKey',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 12,
          message: 'Unknown key "resources" under "global" for chart 0.34.1',
        },
      ],
    },
    {
      name: 'an unknown top-level key without a close match',
      code: `
        vaultConfig:
          ui: true
      `,
      errors: [
        { messageId: 'unknownKey', line: 1, column: 1, endLine: 1, endColumn: 12, message: 'Unknown key "vaultConfig" at the top level' },
      ],
    },
    ...CHART_VERSIONS.flatMap((chartVersion) =>
      MISSPELLINGS.map(([path, value, expected]) => misspelt(path, value, chartVersion, expected)),
    ),
    {
      name: 'a key added in chart 0.29.0 is unknown to chart 0.28.0',
      lint: { chartVersion: '0.28.0' },
      code: `
        csi:
          logLevel: debug
      `,
      errors: [{ messageId: 'unknownKey', line: 2, column: 3, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'configAnnotation never had an effect and is gone in 0.34.1',
      code: `
        server:
          configAnnotation: true
      `,
      errors: [
        { messageId: 'misspeltKey', line: 2, column: 3, endLine: 2, endColumn: 19, message: 'did you mean "includeConfigAnnotation"?' },
      ],
    },
    {
      name: 'a misspelt key inside a list item',
      code: `
        server:
          extraVolumes:
            - type: secret
              name: tls
            - type: secret
              nme: ca
      `,
      errors: [
        {
          messageId: 'missingKey',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 19,
          message: 'Missing key "name" in "server.extraVolumes.1"',
        },
        { messageId: 'misspeltKey', line: 6, column: 7, endLine: 6, endColumn: 10, message: 'did you mean "name"?' },
      ],
    },
    {
      name: 'a key the chart reads higher up: move it there, never rename it into another setting (ui -> uid)',
      code: `
        server:
          ui: true
          ha:
            image:
              tag: "1.16.1"
      `,
      errors: [
        { messageId: 'misplacedKey', line: 2, column: 3, endLine: 2, endColumn: 5, message: 'the chart reads "ui" at the top level' },
        { messageId: 'misplacedKey', line: 4, column: 5, endLine: 4, endColumn: 10, message: 'the chart reads "image" under "server"' },
      ],
    },
    {
      name: 'a misplaced key on chart 0.28.0 as well',
      lint: { chartVersion: '0.28.0' },
      code: `
        server:
          ui:
            enabled: true
      `,
      errors: [
        {
          messageId: 'misplacedKey',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 5,
          message: 'for chart 0.28.0: the chart reads "ui" at the top level',
        },
      ],
    },
    {
      name: 'wrong types at the value, unknown keys at the key (no rename onto a key the block already has)',
      code: `
        global:
          tlsDisable: "false"
        server:
          ha:
            enabled: true
            replicas: "5"
            replica: 5
          image:
            pullPolicy: always
      `,
      errors: [
        {
          messageId: 'wrongType',
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 22,
          message: 'Expected "global.tlsDisable" to be a boolean, found "false"',
        },
        {
          messageId: 'wrongType',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 18,
          message: 'Expected "server.ha.replicas" to be an integer, found "5"',
        },
        { messageId: 'unknownKey', line: 7, column: 5, endLine: 7, endColumn: 12, message: 'Unknown key "replica" under "server.ha"' },
        {
          messageId: 'wrongType',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 23,
          message: 'to be one of "Always", "IfNotPresent" or "Never", found "always"',
        },
      ],
    },
    {
      name: 'a map where a list is expected is reported at its key; an image pull secret is a name or a map',
      code: `
        server:
          extraEnvironmentVars:
            - VAULT_CACERT=/vault/ca.crt
        global:
          imagePullSecrets:
            - 42
      `,
      errors: [
        { messageId: 'wrongType', line: 2, column: 3, endLine: 2, endColumn: 23, message: 'to be a map, found a list' },
        {
          messageId: 'wrongType',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 9,
          message: 'Expected "global.imagePullSecrets.0" to be a string or a map, found 42',
        },
      ],
    },
    {
      name: 'both configs the ConfigMap depends on emptied',
      code: `
        server:
          ha:
            enabled: true
            config: ""
          standalone:
            config: ""
      `,
      errors: [
        {
          messageId: 'noConfigMap',
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 15,
          message: 'renders no ConfigMap for "server.ha.config"',
        },
      ],
    },
    {
      name: 'a YAML map config on chart 0.34.1',
      code: `
        server:
          standalone:
            config:
              ui: true
      `,
      errors: [
        {
          messageId: 'structuredConfig',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 11,
          message: 'Expected "server.standalone.config" to be a string, found a map; chart 0.34.1 fails to render',
        },
      ],
    },
    {
      name: 'chart 0.28.0: a map raft config while ha.config stays the default string',
      lint: { chartVersion: '0.28.0' },
      code: `
        server:
          ha:
            enabled: true
            raft:
              enabled: true
              config:
                ui: true
      `,
      errors: [
        {
          messageId: 'mixedConfigTypes',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 13,
          message: 'Expected "server.ha.raft.config" to be a string like "server.ha.config", found a map',
        },
      ],
    },
    {
      name: 'chart 0.28.0: a JSON config string',
      lint: { chartVersion: '0.28.0' },
      code: `
        server:
          standalone:
            config: '{"storage": {"file": {"path": "/vault/data"}}}'
      `,
      errors: [{ messageId: 'jsonNeedsNewerChart', line: 3, column: 13, endLine: 3, endColumn: 61 }],
    },
  ],
});

describe('values-schema severities and layers', () => {
  it('warns about unknown keys and errs on wrong types (messageSeverities)', async () => {
    const text = dedent(`
      server:
        ha:
          replica: 5
          replicas: "5"
    `);
    const findings = (await lintText(text)).filter((finding) => finding.ruleId === 'values-schema');
    expect(findings.map((finding) => `${finding.messageId}:${finding.severity}`)).toEqual(['unknownKey:warning', 'wrongType:error']);
  });

  it('checks what the last layer left: an overridden wrong type is gone, an unknown key stays in its own file', async () => {
    const { lintTargets } = await import('../../src/lint.js');
    const base = dedent(`
      server:
        ha:
          replicas: "5"
          replica: 5
    `);
    const prod = dedent(`
      server:
        ha:
          replicas: 5
    `);
    const results = await lintTargets(
      [
        {
          layers: [
            { kind: 'file', label: 'base.yaml', text: base },
            { kind: 'file', label: 'prod.yaml', text: prod },
          ],
        },
      ],
      { rules: {} },
    );
    const found = results.flatMap((result) =>
      result.findings
        .filter((finding) => finding.ruleId === 'values-schema')
        .map((finding) => `${result.file}:${finding.location.line}:${finding.messageId}`),
    );
    expect(found).toEqual(['base.yaml:4:unknownKey']);
  });
});
