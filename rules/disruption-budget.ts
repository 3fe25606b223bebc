import { defineRule, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'disruption-budget',
  meta: {
    description: 'HA servers keep the chart PodDisruptionBudget, sized to keep the raft quorum',
    severity: 'info',
    tags: ['availability', 'operations'],
    guide: 'Vault storage configuration (note on Pod eviction)',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      disabled:
        'Disabled PodDisruptionBudget: server.ha.disruptionBudget.enabled is {{value}}, so a node drain or cluster upgrade may evict several Vault pods at once',
      breaksQuorum:
        'Expected server.ha.disruptionBudget.maxUnavailable to allow at most {{safe}} of {{replicas}} raft voters to be evicted, found {{value}}; evicting {{allowed}} at once loses the raft quorum and stops Vault',
    },
    hints: {
      disabled: 'Remove server.ha.disruptionBudget.enabled (the chart default is true) or set it to true.',
      breaksQuorum:
        'Remove server.ha.disruptionBudget.maxUnavailable to use the chart formula ⌊(replicas−1)/2⌋, or set it to {{safe}} or less.',
    },
  },
  check(context) {
    const { model } = context;
    const budget = model.disruptionBudget;
    if (!budget.rendered) {
      const data = { value: JSON.stringify(budget.enabledNode?.value ?? null) };
      if (budget.enabledNode) context.report({ node: budget.enabledNode, messageId: 'disabled', data });
      else context.reportMissing({ path: 'server.ha.disruptionBudget.enabled', messageId: 'disabled', data });
      return;
    }
    // Only a raft cluster has a quorum of its own pods to lose; Consul keeps HA storage elsewhere.
    const replicas = model.replicas;
    const safe = Math.floor((replicas - 1) / 2);
    const allowed = budget.maxUnavailable;
    if (model.usesRaft && budget.override && allowed !== undefined && allowed > safe) {
      context.report({
        node: budget.override,
        messageId: 'breaksQuorum',
        data: { safe, replicas, allowed, value: JSON.stringify(budget.override.value) },
      });
    }
  },
});
