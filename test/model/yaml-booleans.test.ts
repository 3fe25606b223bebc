import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('yaml11Booleans', () => {
  it('lists the user scalars written as YAML 1.1-only boolean words, not true/false or quoted words', async () => {
    const model = await modelOf(`
      server:
        ha:
          enabled: yes
          raft: {enabled: "on", setNodeId: true}
        extraEnvironmentVars:
          A: NO
          B: nope
    `);
    expect(model.yaml11Booleans.map((node) => `${node.path.join('.')}=${String(node.value)}`).sort()).toEqual([
      'server.extraEnvironmentVars.A=false',
      'server.ha.enabled=true',
    ]);
  });

  it('keeps only effective values: a word a later layer overrides has no effect', async () => {
    const model = await modelOf([
      'server: {ha: {enabled: yes, replicas: 5}, auditStorage: {enabled: on}}',
      'server: {ha: {enabled: true}}',
    ]);
    expect(model.yaml11Booleans.map((node) => `${node.layer.label}:${node.path.join('.')}`)).toEqual([
      'layer1.yaml:server.auditStorage.enabled',
    ]);
  });
});
