import { dataStorageKind, defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'persistent-storage',
  meta: {
    description: 'Data and audit logs live on persistent volume claims',
    severity: 'error',
    tags: ['storage'],
    guide: 'Stateful storage',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      dataStorageDisabled:
        "Disabled data storage PVC with {{storage}} storage: server.dataStorage.enabled is {{value}}, so Vault's data dies with the pod",
      auditStorageDisabled:
        'Disabled audit storage PVC: server.auditStorage.enabled is {{value}}, so a file audit device writing in the pod loses its logs when the pod is rescheduled; audit devices that write to stdout or a socket need no volume',
    },
    // Vault's audit devices are enabled through its API, not the config: a missing volume may be deliberate.
    messageSeverities: { auditStorageDisabled: 'warning' },
    hints: {
      dataStorageDisabled: 'Set server.dataStorage.enabled: true.',
      auditStorageDisabled:
        'Set server.auditStorage.enabled: true and write the file audit device under {{mountPath}}; leave it off only if every audit device writes to stdout or a socket.',
    },
  },
  check(context) {
    const { model } = context;
    if (model.storesDataOnDisk && !model.dataStorageRendered) {
      const node = model.get('server.dataStorage.enabled');
      const data = {
        value: JSON.stringify(node?.value ?? null),
        storage: context.fact(dataStorageKind),
      };
      if (node) context.report({ node, messageId: 'dataStorageDisabled', data });
      else context.reportMissing({ path: 'server.dataStorage.enabled', messageId: 'dataStorageDisabled', data });
    }
    if (!model.auditStorageRendered) {
      const node = model.get('server.auditStorage.enabled');
      const data = {
        value: JSON.stringify(node?.value ?? null),
        mountPath: String(model.valueOf('server.auditStorage.mountPath') ?? '/vault/audit'),
      };
      if (node) context.report({ node, messageId: 'auditStorageDisabled', data });
      else context.reportMissing({ path: 'server.auditStorage.enabled', messageId: 'auditStorageDisabled', data });
    }
  },
});
