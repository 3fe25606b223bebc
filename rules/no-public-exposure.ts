import { decideReach, defineRule, hostNetworkPods, l7Reach, type L7Reach, type ServiceFact } from '../src/engine/index.js';

const quote = (names: string[]): string => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);

/** `Service "vault" (node port 30080)`, or the Services one type key makes NodePort, each with its port. */
function describeNodePorts(services: ServiceFact[]): string {
  const parts = services.map((service) => {
    const port = service.nodePort ? `node port ${String(service.nodePort.value)}` : 'a node port Kubernetes assigns';
    return `"${service.name}" (${port})`;
  });
  return `${services.length === 1 ? 'Service' : 'Services'} ${quote(parts)}`;
}

/** How an L7 object of unknown reach is reached, and what settles it, for the message and the hint. */
function unverified(item: L7Reach): { how: string; advice: string } {
  const { exposure } = item;
  if (exposure.kind === 'Route')
    return {
      how: 'served by the OpenShift router',
      advice:
        'if the router that admits this Route is internal-only, disable this rule for the line with the reason; otherwise admit the Route only on an internal router shard (labels in server.route.labels)',
    };
  if (exposure.kind === 'HTTPRoute') {
    const gateways = quote((item.parents ?? []).map((parent) => `"${parent.namespace}/${parent.name}"`));
    return {
      how: `attached to Gateway ${gateways}`,
      advice: `if the Gateway is internal, list it in the rule's internalGateways option; otherwise attach the HTTPRoute to an internal Gateway in server.httproute.parentRefs`,
    };
  }
  const className = item.ingressClass?.name;
  const elsewhere = 'reach Vault through an internal Layer 4 LoadBalancer Service';
  if (className === undefined)
    return {
      how: 'no ingress class, so the cluster default',
      advice: `set server.ingress.ingressClassName to the class of an internal controller and list that class in the rule's internalIngressClasses option, or ${elsewhere}`,
    };
  return {
    how: `ingress class "${className}"`,
    advice: `if class "${className}" is served by an internal load balancer, list it in the rule's internalIngressClasses option; otherwise set server.ingress.ingressClassName to the class of an internal controller, or ${elsewhere}`,
  };
}

export default defineRule({
  id: 'no-public-exposure',
  meta: {
    description: 'No NodePort Service, host network, public Ingress, Route or HTTPRoute publishes Vault',
    severity: 'warning',
    tags: ['network', 'security'],
    guide: 'Load balancers, ingress, and replication traffic',
    messages: {
      nodePort:
        "Unexpected type NodePort on {{services}}: Vault answers at that port on every node's address, so anyone who can reach a node reaches Vault",
      serverHostNetwork:
        "Unexpected hostNetwork on {{workload}}: Vault's {{ports}} answer on the address of every node it runs on, outside its Services and network policies",
      injectorHostNetwork:
        "Unexpected hostNetwork on {{workload}}: the Agent Injector's {{ports}} answers on the address of every node it runs on",
      internetFacingIngress:
        'Unexpected internet-facing Ingress "{{name}}" ({{controller}}): {{reason}}, so Vault is reachable from the internet',
      publicGateway:
        'Unexpected public Gateway "{{gateway}}" for HTTPRoute "{{name}}": the publicGateways option lists it, so Vault is reachable from the internet',
      unverifiedReach: 'Unknown reach of {{kind}} "{{name}}" ({{how}}): nothing in the values says that it is internal',
    },
    hints: {
      nodePort:
        'Set {{key}}: ClusterIP and reach Vault through an internal load balancer or an Ingress with TLS passthrough; if no node address can be reached from outside your network, disable this rule for the line with the reason.',
      serverHostNetwork: 'Set server.hostNetwork: false; clients reach Vault through its Services.',
      injectorHostNetwork:
        'Set injector.hostNetwork: false, unless the API server cannot reach pod addresses (e.g. EKS with a custom CNI): then keep it, allow only the API server to reach that port on the nodes, and disable this rule for the line with the reason.',
      internetFacingIngress:
        'To keep Vault private, {{fix}}; if Vault must serve the internet, disable this rule for the line with the reason.',
      publicGateway: 'Attach the HTTPRoute to an internal Gateway in server.httproute.parentRefs.',
      unverifiedReach: 'Say which it is: {{advice}}.',
    },
    messageSeverities: { internetFacingIngress: 'error', publicGateway: 'error', unverifiedReach: 'info', injectorHostNetwork: 'info' },
    options: {
      publicIngressClasses: { type: 'string[]', default: [], description: 'Ingress classes whose controller is internet-facing' },
      internalIngressClasses: {
        type: 'string[]',
        default: [],
        description: 'Ingress classes whose controller is reached only from private networks (wins over annotations)',
      },
      publicGateways: { type: 'string[]', default: [], description: 'Internet-facing Gateways, as `name` or `namespace/name`' },
      internalGateways: {
        type: 'string[]',
        default: [],
        description: 'Gateways reached only from private networks, as `name` or `namespace/name`',
      },
    },
  },
  check(context) {
    const { model, options } = context;
    // One finding per type key: server.service.type makes the main, active and standby Services NodePort at once.
    const byType = new Map<ServiceFact['typeNode'], ServiceFact[]>();
    for (const service of model.services.filter((item) => item.type === 'NodePort'))
      byType.set(service.typeNode, [...(byType.get(service.typeNode) ?? []), service]);
    for (const [typeNode, services] of byType) {
      const key = services[0]!.home === 'ui' ? 'ui.serviceType' : 'server.service.type';
      // Before 0.21.0 one nodePort value serves all three Services: one related place naming each.
      const ports = new Map<ServiceFact['nodePort'], string[]>();
      for (const service of services)
        if (service.nodePort) ports.set(service.nodePort, [...(ports.get(service.nodePort) ?? []), `"${service.name}"`]);
      const related = [...ports].map(([node, names]) => ({ node: node!, message: `the node port of ${quote(names)}` }));
      context.report({ node: typeNode!, messageId: 'nodePort', data: { services: describeNodePorts(services), key }, related });
    }
    for (const pod of context.fact(hostNetworkPods)) {
      const messageId = pod.component === 'server' ? 'serverHostNetwork' : 'injectorHostNetwork';
      context.report({ node: pod.node, messageId, data: { workload: pod.workload, ports: pod.ports } });
    }
    for (const item of context.fact(l7Reach)) {
      const { exposure, parents } = item;
      // An HTTPRoute without parentRefs fails the render (server-httproute.yaml).
      if (parents?.length === 0) continue;
      const base = { kind: exposure.kind, name: exposure.name, controller: exposure.controller };
      const reach = decideReach(item, options);
      if (reach?.reach === 'internal') continue;
      if (!reach) context.report({ node: item.enabled, messageId: 'unverifiedReach', data: { ...base, ...unverified(item) } });
      else if (parents) context.report({ node: reach.node, messageId: 'publicGateway', data: { ...base, gateway: reach.reason } });
      else {
        const related = [{ node: item.enabled, message: 'the Ingress is rendered here' }];
        context.report({
          node: reach.node,
          messageId: 'internetFacingIngress',
          data: { ...base, reason: reach.reason, fix: reach.fix },
          related,
        });
      }
    }
  },
});
