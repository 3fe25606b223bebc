import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('serverAffinity', () => {
  it("reads the chart's default tpl string: one required hostname term selecting the server pods", async () => {
    const affinity = (await modelOf('server: {ha: {enabled: true}}')).serverAffinity;
    expect(affinity.status).toBe('parsed');
    expect(
      affinity.antiAffinity.map(({ required, topologyKey, spreadsNodes, selectsServer }) => ({
        required,
        topologyKey,
        spreadsNodes,
        selectsServer,
      })),
    ).toEqual([{ required: true, topologyKey: 'kubernetes.io/hostname', spreadsNodes: true, selectsServer: true }]);
    expect(affinity.antiAffinity[0]!.place().fromChartDefault).toBe(true);
  });

  it.each([['""'], ['null'], ['{}']])('treats %s as no affinity', async (value) => {
    expect((await modelOf(`server: {affinity: ${value}}`)).serverAffinity.status).toBe('absent');
  });

  it('treats masked Helm actions as unknown values, never as mismatches, but reads literal text around them', async () => {
    const model = await modelOf(`
      server:
        affinity: |
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels:
                    app.kubernetes.io/instance: "{{ .Release.Name }}-other"
                    component: {{ .Values.component }}
                topologyKey: {{ .Values.topologyKey }}
              - labelSelector:
                  matchLabels: {component: injector}
                topologyKey: kubernetes.io/hostname
    `);
    const terms = model.serverAffinity.antiAffinity;
    expect(terms.map((term) => [term.topologyKey, term.spreadsNodes, term.selectsServer])).toEqual([
      [undefined, true, true],
      ['kubernetes.io/hostname', true, false],
    ]);
  });

  it('is unknown when an action stands where the terms would be, and invalid when the text is no mapping', async () => {
    expect((await modelOf("server: {affinity: '{{ toYaml .Values.a }}'}")).serverAffinity.status).toBe('unknown');
    expect((await modelOf("server: {affinity: 'podAntiAffinity: {{ toYaml .Values.a }}'}")).serverAffinity.status).toBe('unknown');
    expect((await modelOf("server: {affinity: '- a list'}")).serverAffinity.status).toBe('invalid');
    expect((await modelOf('server: {affinity: 3}')).serverAffinity.status).toBe('invalid');
  });

  it('evaluates matchExpressions against the pod labels, extraLabels included, and skips Vault run-time labels', async () => {
    const model = await modelOf(`
      server:
        extraLabels: {tier: secrets}
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels: {tier: secrets, vault-active: "true"}
                  matchExpressions: [{key: component, operator: NotIn, values: [webhook]}, {key: tier, operator: Exists}]
                topologyKey: kubernetes.io/hostname
              - labelSelector:
                  matchExpressions: [{key: component, operator: DoesNotExist}]
                topologyKey: kubernetes.io/hostname
              - topologyKey: kubernetes.io/hostname
    `);
    expect(model.serverAffinity.antiAffinity.map((term) => term.selectsServer)).toEqual([true, false, false]);
  });
});
