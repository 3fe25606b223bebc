import { defineRule } from '../src/engine/index.js';

export default defineRule({
  id: 'server-deployed',
  meta: {
    description: 'The release runs a Vault server wherever its Services or its injector expect one',
    severity: 'error',
    tags: ['helm', 'mode'],
    guide: 'Kubernetes StatefulSets',
    messageGuides: {
      injectorWithoutServer: 'Vault Agent Injector and CSI Provider',
    },
    messages: {
      noServerMode:
        'Missing Vault server: server.standalone.enabled is {{value}} and server.ha.enabled is not "true", so the chart renders no StatefulSet and its Services route to no pods',
      injectorWithoutServer:
        'Missing Vault server: {{key}} is {{value}} and no external Vault address is set, so the Agent Injector calls "{{service}}", a Service this release does not render',
    },
    hints: {
      noServerMode: 'Set server.ha.enabled: true for a highly available cluster, or server.standalone.enabled: true for a single server.',
      injectorWithoutServer:
        'Set {{externalKey}} to the address of the Vault the injector should use, or remove {{key}}: {{value}} so this release runs the server.',
    },
  },
  check(context) {
    const absence = context.model.serverAbsence;
    if (!absence) return;
    const data = {
      key: absence.node.path.join('.'),
      value: JSON.stringify(absence.node.value),
      service: absence.service,
      externalKey: absence.externalKey,
    };
    context.report({ node: absence.node, messageId: absence.reason === 'noMode' ? 'noServerMode' : 'injectorWithoutServer', data });
  },
});
