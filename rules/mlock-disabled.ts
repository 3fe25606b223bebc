import { defineRule, CONFIG_MODES, ipcLockAdded, mlockEnabledBy } from '../src/engine/index.js';

const FIX = 'Set {{setting}} and keep swap off on the Vault nodes (the Kubernetes default), which is what mlock guards against.';

export default defineRule({
  id: 'mlock-disabled',
  meta: {
    description: 'Vault on Kubernetes runs with disable_mlock = true, as the chart sets it',
    severity: 'error',
    tags: ['config', 'correctness'],
    guide: 'Vault storage configuration; Vault docs: disable_mlock',
    messageSeverities: { mlockWithRaft: 'warning' },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      mlockWithoutIpcLock:
        'Expected disable_mlock to be true, found {{value}}: the chart runs Vault as a non-root user without the IPC_LOCK capability (SKIP_SETCAP=true, allowPrivilegeEscalation: false), so Vault cannot lock its memory and exits at start ("Failed to lock memory")',
      mlockWithRaft:
        'Expected disable_mlock to be true with integrated storage, found {{value}}: Vault would lock the memory map of its growing raft database into RAM; the Vault docs strongly recommend disable_mlock = true with integrated storage',
    },
    hints: {
      mlockWithoutIpcLock: FIX,
      mlockWithRaft: FIX,
    },
  },
  check(context) {
    const attr = context.fact(mlockEnabledBy);
    if (!attr) return;
    const value = JSON.stringify(attr.value);
    const setting = attr.config.format === 'json' ? '"disable_mlock": true' : 'disable_mlock = true';
    if (!context.fact(ipcLockAdded)) context.report({ node: attr, messageId: 'mlockWithoutIpcLock', data: { value, setting } });
    else if (context.model.parsedConfig?.raftStorage) context.report({ node: attr, messageId: 'mlockWithRaft', data: { value, setting } });
  },
});
