import { defineRule, isInternalLbKey, isPrivateCidr, saysInternal } from '../src/engine/index.js';

/** Annotation maps that do not land on a Service, where users often put the internal annotation by mistake. */
const ELSEWHERE = [
  'server.annotations',
  'server.statefulSet.annotations',
  'server.ingress.annotations',
  'ui.annotations',
  'server.service.annotations',
  'server.service.active.annotations',
  'server.service.standby.annotations',
];

export default defineRule({
  id: 'private-load-balancer',
  meta: {
    description: 'Every LoadBalancer Service the chart makes is internal',
    severity: 'error',
    tags: ['network', 'security'],
    guide: 'Load balancers, ingress, and replication traffic',
    messages: {
      missingInternalAnnotation:
        'Missing internal load balancer annotation on {{services}} (type LoadBalancer); cloud providers give it a public IP, and the guide says Vault should never be internet-facing',
      publicAnnotation: 'Expected {{key}} to make {{services}} internal, found "{{value}}"; the load balancer is public',
      publicSourceRanges:
        'Expected ui.loadBalancerSourceRanges to list only private ranges, found "{{range}}"; the ui load balancer accepts traffic from the internet',
      misplacedAnnotation: 'Unexpected place for {{key}}: {{path}} does not land on {{services}}, which stays public',
    },
    hints: {
      missingInternalAnnotation:
        'Add under {{home}}.annotations the annotation of your provider, e.g. service.beta.kubernetes.io/aws-load-balancer-scheme: internal, networking.gke.io/load-balancer-type: "Internal" or service.beta.kubernetes.io/azure-load-balancer-internal: "true"{{alternative}}.',
      publicAnnotation: 'Set {{key}} to the value that means internal.',
      publicSourceRanges:
        'List private CIDRs only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), or add an internal load balancer annotation.',
      misplacedAnnotation: 'Move the annotation to {{home}}.annotations.',
    },
  },
  check(context) {
    const { model } = context;
    // One finding per place and message: server.service.type makes the main, active and standby
    // Services load balancers at once, and one annotation under server.service fixes all three.
    const pending = new Map<unknown, { report: (services: string) => void; names: string[] }>();
    const note = (key: unknown, name: string, report: (services: string) => void): void => {
      const entry = pending.get(key) ?? { report, names: [] };
      entry.names.push(name);
      pending.set(key, entry);
    };
    for (const service of model.services) {
      if (service.type !== 'LoadBalancer') continue;
      const data = {
        home: service.home,
        alternative: service.role === 'ui' ? ', or restrict ui.loadBalancerSourceRanges to private CIDRs' : '',
      };
      if (service.annotations.some((annotation) => saysInternal(annotation.key, annotation.value))) continue;
      const related = service.ignoredSourceRanges
        ? [{ node: service.ignoredSourceRanges, message: 'ignored: the chart writes loadBalancerSourceRanges only on the ui Service' }]
        : [];
      const ranges = service.sourceRanges?.value;
      const rangeList = Array.isArray(ranges) ? ranges.map(String) : [];
      if (rangeList.length > 0 && rangeList.every(isPrivateCidr)) continue;
      const publicAnnotation = service.annotations.find((annotation) => isInternalLbKey(annotation.key));
      if (publicAnnotation) {
        note(publicAnnotation, service.name, (services) =>
          context.report({
            node: publicAnnotation,
            messageId: 'publicAnnotation',
            data: { ...data, services, key: publicAnnotation.key, value: String(publicAnnotation.value) },
            related,
          }),
        );
        continue;
      }
      const publicRange = rangeList.find((range) => !isPrivateCidr(range));
      if (service.sourceRanges && publicRange !== undefined) {
        const node = service.sourceRanges.get([rangeList.indexOf(publicRange)]) ?? service.sourceRanges;
        note(node, service.name, () => context.report({ node, messageId: 'publicSourceRanges', data: { ...data, range: publicRange } }));
        continue;
      }
      const landing = new Set(service.annotationSources.map((source) => source.path));
      const misplaced = ELSEWHERE.filter((path) => !landing.has(path))
        .map((path) => ({ path, node: model.get(path) }))
        .flatMap(({ path, node }) =>
          node?.isUserSet && node.kind === 'map' ? [...node.children].map(([key, child]) => ({ path, key, child })) : [],
        )
        .find(({ key, child }) => saysInternal(key, child.value));
      if (misplaced) {
        note(`${misplaced.path}.${misplaced.key}\u0000${service.home}`, service.name, (services) =>
          context.report({
            node: misplaced.child,
            messageId: 'misplacedAnnotation',
            data: { ...data, services, key: misplaced.key, path: misplaced.path },
            related,
          }),
        );
        continue;
      }
      const written = service.annotationSources.map((source) => source.node).find((node) => node?.isUserSet && node.yaml);
      const missing = `${service.home}.annotations`;
      note(written ?? missing, service.name, (services) =>
        written
          ? context.report({ node: written, messageId: 'missingInternalAnnotation', data: { ...data, services }, related })
          : context.reportMissing({
              path: missing,
              messageId: 'missingInternalAnnotation',
              data: { ...data, services },
              decidedBy: service.typeNode,
              related,
            }),
      );
    }
    for (const { report, names } of pending.values()) {
      const quoted = names.map((name) => `"${name}"`);
      report(quoted.length === 1 ? `Service ${quoted[0]}` : `Services ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`);
    }
  },
});
