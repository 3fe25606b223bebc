import { defineRule, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'update-strategy-on-delete',
  meta: {
    description: 'Upgrade standbys before the active node',
    severity: 'error',
    tags: ['upgrade', 'availability'],
    guide: 'Upgrading Vault on Kubernetes',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      rolling:
        'Expected server.updateStrategyType to be "OnDelete", found "{{value}}"; Kubernetes then replaces pods on its own, in an order that can fail over to an active node running the older Vault',
    },
    hints: {
      rolling:
        'Set server.updateStrategyType: OnDelete (the chart default), then upgrade by deleting the standby pods first (kubectl delete pod --selector="vault-active=false") and the active pod last.',
    },
  },
  check(context) {
    const { model } = context;
    const strategy = model.get('server.updateStrategyType');
    if (strategy && strategy.value !== 'OnDelete') {
      context.report({ node: strategy, messageId: 'rolling', data: { value: String(strategy.value) } });
    }
  },
});
