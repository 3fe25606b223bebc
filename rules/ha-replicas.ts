import { defineRule } from '../src/engine/index.js';

interface Options {
  replicas: number;
}

export default defineRule({
  id: 'ha-replicas',
  meta: {
    description: 'Vault runs in HA mode with the guide\'s five replicas',
    severity: 'error',
    tags: ['ha'],
    guide: 'Kubernetes StatefulSets',
    messages: {
      devMode: 'Expected server.dev.enabled to be false, found {{value}}; dev mode runs one in-memory, unsealed Vault with a known root token (guide: "Kubernetes StatefulSets")',
      notHa: 'Expected server.ha.enabled to be true, found {{value}}; a standalone server has no failover (guide: a {{replicas}}-node Integrated Storage cluster)',
      replicasNotNumber: 'Expected server.ha.replicas to be a number, found {{value}}; the chart then runs 3 pods (guide: {{replicas}} nodes)',
      replicas: 'Expected server.ha.replicas to be {{replicas}}, found {{value}} (guide: a {{replicas}}-node Integrated Storage cluster)',
      evenReplicas: 'Expected server.ha.replicas to be {{replicas}}, found {{value}}; an even count tolerates no more failures than {{lower}} pods (quorum of {{value}} is {{quorum}}) (guide: a {{replicas}}-node cluster)',
    },
    hints: {
      devMode: 'Remove server.dev.enabled and set server.ha.enabled: true, server.ha.replicas: {{replicas}} and server.ha.raft.enabled: true, with a server.ha.raft.config whose listener serves TLS (the chart\'s default config turns TLS off).',
      notHa: 'Set server.ha.enabled: true, server.ha.replicas: {{replicas}} and server.ha.raft.enabled: true, and move the config to server.ha.raft.config with storage "raft" and a retry_join per pod (with server.ha.enabled alone the chart deploys its Consul config).',
      replicasNotNumber: 'Set server.ha.replicas: {{replicas}}.',
      replicas: 'Set server.ha.replicas: {{replicas}}, with one Kubernetes node per pod (the chart\'s anti-affinity requires it); if the config lists retry_join peers, add one for each new pod.',
      evenReplicas: 'Set server.ha.replicas: {{replicas}}; use an odd number of voters, and if the config lists retry_join peers, add one for each new pod.',
    },
    options: {
      replicas: { type: 'number', default: 5, description: 'The number of HA replicas to require' },
    },
  },
  defaultOptions: { replicas: 5 } as Options,
  check(context) {
    const { model } = context;
    const wanted = context.options.replicas;
    if (model.mode === 'external' || model.mode === 'none') return;
    if (model.mode === 'dev') {
      const dev = model.get('server.dev.enabled')!;
      context.report({ node: dev, messageId: 'devMode', data: { value: JSON.stringify(dev.value), replicas: wanted } });
      return;
    }
    if (model.mode === 'standalone') {
      const ha = model.get('server.ha.enabled');
      if (ha) context.report({ node: ha, messageId: 'notHa', data: { value: JSON.stringify(ha.value), replicas: wanted } });
      else context.reportMissing({ path: 'server.ha.enabled', messageId: 'notHa', data: { value: 'nothing', replicas: wanted } });
      return;
    }
    const node = model.get('server.ha.replicas');
    const value = node?.value;
    if (!node) {
      context.reportMissing({ path: 'server.ha.replicas', messageId: 'replicasNotNumber', data: { value: 'nothing', replicas: wanted } });
    } else if (typeof value !== 'number') {
      context.report({ node, messageId: 'replicasNotNumber', data: { value: JSON.stringify(value), replicas: wanted } });
    } else if (value !== wanted) {
      const even = value > 0 && value % 2 === 0;
      const data = { value, replicas: wanted, lower: value - 1, quorum: Math.floor(value / 2) + 1 };
      context.report({ node, messageId: even ? 'evenReplicas' : 'replicas', data });
    }
  },
});
