import { defineRule, SERVER_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'ha-replicas',
  meta: {
    description: "Vault runs in HA mode with the guide's five raft voters, or at least two pods on other HA storage",
    severity: 'error',
    tags: ['ha'],
    guide: 'Kubernetes StatefulSets',
    messageGuides: {
      notHa: 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)',
      replicasNotNumber: 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)',
      replicas: 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)',
      evenReplicas: 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)',
      moreReplicas: 'Using Helm charts (HA mode with a 5-node Integrated Storage cluster)',
    },
    appliesTo: { modes: SERVER_MODES },
    messages: {
      devMode:
        'Expected server.dev.enabled to be false, found {{value}}; dev mode runs one in-memory, unsealed Vault with a known root token',
      notHa: 'Expected server.ha.enabled to be true, found {{value}}; a standalone server has no failover',
      replicasNotNumber: 'Expected server.ha.replicas to be a number, found {{value}}; the chart then runs 3 pods',
      noReplicas: 'Expected server.ha.replicas to be {{replicas}}, found {{value}}; the StatefulSet then runs no Vault pod at all',
      singleReplica:
        'Expected server.ha.replicas to be {{replicas}}, found 1; one pod has no standby to take over, so Vault is down whenever that pod is',
      replicas:
        'Expected server.ha.replicas to be {{replicas}}, found {{value}}; {{value}} raft voters tolerate {{tolerates}}, {{replicas}} tolerate {{wantedTolerates}}',
      evenReplicas:
        'Expected server.ha.replicas to be {{replicas}}, found {{value}}; {{value}} raft voters need {{quorum}} for a quorum and so tolerate {{tolerates}}, the same as {{lower}}',
      moreReplicas:
        'Unexpected server.ha.replicas {{value}}, above the {{replicas}} the rule asks for; {{value}} raft voters tolerate {{tolerates}}, but every write then waits for {{quorum}} of them',
    },
    messageSeverities: { moreReplicas: 'info' },
    hints: {
      devMode:
        "Remove server.dev.enabled and set server.ha.enabled: true, server.ha.replicas: {{replicas}} and server.ha.raft.enabled: true, with a server.ha.raft.config whose listener serves TLS (the chart's default config turns TLS off).",
      notHa:
        'Set server.ha.enabled: true, server.ha.replicas: {{replicas}} and server.ha.raft.enabled: true, and move the config to server.ha.raft.config with storage "raft" and a retry_join per pod (with server.ha.enabled alone the chart deploys its Consul config).',
      replicasNotNumber: 'Set server.ha.replicas: {{replicas}}.',
      noReplicas:
        "Set server.ha.replicas: {{replicas}}, with one Kubernetes node per pod (the chart's anti-affinity requires it); if the config lists retry_join peers, list one for each pod.",
      singleReplica:
        "Set server.ha.replicas: {{replicas}}, with one Kubernetes node per pod (the chart's anti-affinity requires it); if the config lists retry_join peers, list one for each pod.",
      moreReplicas:
        'Set server.ha.replicas: {{replicas}} and remove the retry_join of every pod numbered {{replicas}} or more, or keep {{value}} and set the rule option replicas to {{value}} if the cluster must survive {{tolerates}}.',
      replicas:
        "Set server.ha.replicas: {{replicas}}, with one Kubernetes node per pod (the chart's anti-affinity requires it); if the config lists retry_join peers, add one for each new pod.",
      evenReplicas:
        'Set server.ha.replicas: {{replicas}}; use an odd number of voters, and if the config lists retry_join peers, add one for each new pod.',
    },
    options: {
      replicas: {
        type: 'integer',
        default: 5,
        minimum: 1,
        description:
          'The number of raft voters (`server.ha.replicas`) to require with Integrated Storage; other HA storage needs at least 2 pods',
      },
    },
  },
  check(context) {
    const { model } = context;
    const wanted = context.options.replicas;
    // The mode picks the message here (dev, or not HA); the scope itself is meta.appliesTo.
    // eslint-disable-next-line no-restricted-syntax
    if (model.mode === 'dev') {
      const dev = model.get('server.dev.enabled')!;
      context.report({ node: dev, messageId: 'devMode', data: { value: JSON.stringify(dev.value), replicas: wanted } });
      return;
    }
    // eslint-disable-next-line no-restricted-syntax
    if (model.mode === 'standalone') {
      const ha = model.get('server.ha.enabled');
      if (ha) context.report({ node: ha, messageId: 'notHa', data: { value: JSON.stringify(ha.value), replicas: wanted } });
      else context.reportMissing({ path: 'server.ha.enabled', messageId: 'notHa', data: { value: 'nothing', replicas: wanted } });
      return;
    }
    const node = model.get('server.ha.replicas');
    const value = node?.value;
    if (!node)
      return context.reportMissing({
        path: 'server.ha.replicas',
        messageId: 'replicasNotNumber',
        data: { value: 'nothing', replicas: wanted },
      });
    // A template expression writes the count: what it prints is unknown.
    if (node.templated) return;
    if (typeof value !== 'number')
      return context.report({ node, messageId: 'replicasNotNumber', data: { value: JSON.stringify(value), replicas: wanted } });
    if (value < 1) return context.report({ node, messageId: 'noReplicas', data: { value, replicas: wanted } });
    if (value === 1) return context.report({ node, messageId: 'singleReplica', data: { replicas: wanted } });
    // Only raft voters form a quorum among the pods; other HA storage keeps its own, so two pods give a standby.
    if (!model.usesRaft || value === wanted) return;
    const data = {
      value,
      replicas: wanted,
      lower: value - 1,
      quorum: quorum(value),
      tolerates: failures(value),
      wantedTolerates: failures(wanted),
    };
    if (value % 2 === 0) context.report({ node, messageId: 'evenReplicas', data });
    else context.report({ node, messageId: value > wanted ? 'moreReplicas' : 'replicas', data });
  },
});

function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** How many voters a raft cluster of this size can lose and keep its quorum, in words. */
function failures(voters: number): string {
  const tolerated = voters - quorum(voters);
  return tolerated === 0 ? 'no failure' : tolerated === 1 ? '1 failure' : `${tolerated} failures`;
}
