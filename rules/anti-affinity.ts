import { defineRule, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'anti-affinity',
  meta: {
    description: 'HA server pods keep a required pod anti-affinity on kubernetes.io/hostname',
    severity: 'warning',
    tags: ['availability', 'scheduling'],
    guide: 'Kubernetes StatefulSets',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      removed: `Missing pod anti-affinity: server.affinity is {{value}}, so the scheduler may put several Vault pods on one node, and losing that node takes out more than one of them`,
      invalidAffinity:
        'Unexpected server.affinity text: it is not a YAML mapping once Helm renders it, so the chart writes an affinity Kubernetes rejects',
      missingHostnameTerm: `Missing required pod anti-affinity on kubernetes.io/hostname in server.affinity: nothing keeps two Vault pods off the same node`,
      wrongTopologyKey: `Expected the required pod anti-affinity in server.affinity to use topologyKey "kubernetes.io/hostname", found {{key}}; it does not keep Vault pods on distinct nodes`,
      preferredOnly: `Expected a required pod anti-affinity on kubernetes.io/hostname in server.affinity, found only a preferred one; the scheduler may still put several Vault pods on one node`,
      requiredPerZone: `Unexpected required pod anti-affinity on topologyKey "{{key}}" in server.affinity: it admits one Vault pod per zone or region, so with {{replicas}} replicas every pod beyond the number of zones stays Pending`,
      selectorMismatch: `Unexpected label selector in the required pod anti-affinity of server.affinity: it matches no Vault server pod (app.kubernetes.io/name "{{name}}", app.kubernetes.io/instance "{{instance}}", component "server"), so it keeps nothing apart`,
    },
    hints: {
      removed:
        'Remove server.affinity to get the chart default (a required anti-affinity on kubernetes.io/hostname), and run at least as many nodes as replicas.',
      invalidAffinity: 'Write server.affinity as a YAML map, or as a string holding one; remove it to get the chart default.',
      missingHostnameTerm:
        'Add podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution with topologyKey: kubernetes.io/hostname and a labelSelector on the server pods, or remove server.affinity to get the chart default.',
      wrongTopologyKey:
        'Use topologyKey: kubernetes.io/hostname; to spread over zones as well, add server.topologySpreadConstraints with topologyKey: topology.kubernetes.io/zone and whenUnsatisfiable: ScheduleAnyway.',
      requiredPerZone:
        'Use topologyKey: kubernetes.io/hostname in the required term, and spread over zones with server.topologySpreadConstraints: [{maxSkew: 1, topologyKey: "{{key}}", whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app.kubernetes.io/name: {{name}}, app.kubernetes.io/instance: {{instance}}, component: server}}}] (or a preferred anti-affinity term on "{{key}}").',
      preferredOnly:
        'Add a requiredDuringSchedulingIgnoredDuringExecution term with topologyKey: kubernetes.io/hostname and the same labelSelector (keep a preferred term for zones), and run at least as many nodes as replicas.',
      selectorMismatch:
        'Match the server pods: matchLabels app.kubernetes.io/name: {{name}}, app.kubernetes.io/instance: {{instance}}, component: server.',
    },
  },
  check(context) {
    const { model } = context;
    const { node, status, antiAffinity } = model.serverAffinity;
    if (status === 'unknown') return;
    if (status === 'absent') {
      if (node) context.report({ node, messageId: 'removed', data: { value: JSON.stringify(node.value) } });
      else context.reportMissing({ path: 'server.affinity', messageId: 'removed', data: { value: 'null' } });
      return;
    }
    const at = { place: () => node!.keyPlace() };
    if (status === 'invalid') return context.report({ node: at, messageId: 'invalidAffinity' });
    const perZone = antiAffinity.find((term) => term.required && term.perZone && term.selectsServer);
    if (perZone) {
      const data = { key: perZone.topologyKey!, replicas: model.replicas, name: model.chartName, instance: model.releaseName };
      return context.report({ node: perZone, messageId: 'requiredPerZone', data });
    }
    if (antiAffinity.some((term) => term.required && term.spreadsNodes && term.selectsServer)) return;
    const unselecting = antiAffinity.find((term) => term.required && term.spreadsNodes);
    const otherKey = antiAffinity.find((term) => term.required && term.selectsServer);
    const preferred = antiAffinity.find((term) => !term.required && term.spreadsNodes && term.selectsServer);
    if (unselecting)
      context.report({ node: unselecting, messageId: 'selectorMismatch', data: { name: model.chartName, instance: model.releaseName } });
    else if (otherKey)
      context.report({
        node: otherKey,
        messageId: 'wrongTopologyKey',
        data: { key: otherKey.topologyKey === undefined ? 'none' : `"${otherKey.topologyKey}"` },
      });
    else if (preferred) context.report({ node: preferred, messageId: 'preferredOnly' });
    else context.report({ node: at, messageId: 'missingHostnameTerm' });
  },
});
