import { defineRule, resourcesRendered, RESOURCE_NAMES, CONFIG_MODES } from '../src/engine/index.js';

/** The reference architecture's small cluster, as the guide's example requests it. */
const MINIMUM = { cpu: { amount: 2, text: '2' }, memory: { amount: 8 * 2 ** 30, text: '8Gi' } } as const;
const EXAMPLE = { cpu: '2000m', memory: '8Gi' } as const;

export default defineRule({
  id: 'resource-limits',
  meta: {
    description: 'The Vault container sets CPU and memory requests and limits, limits not below requests',
    severity: 'warning',
    tags: ['resources', 'availability'],
    guide: 'Pod resource limits',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingResources:
        'Missing server.resources: the Vault container runs without CPU and memory requests or limits, so the scheduler reserves nothing for it and a busy neighbour can starve it',
      notAMap:
        'Expected server.resources to be a map of requests and limits, found {{value}}; the chart renders it verbatim and Kubernetes rejects the StatefulSet',
      missingRequest: 'Missing server.resources.requests.{{resource}}: the scheduler cannot reserve {{resource}} for Vault',
      missingLimit: 'Missing server.resources.limits.{{resource}}: nothing caps the {{resource}} Vault may use',
      missingRequests:
        'Missing server.resources.requests: Vault gets no request sized for it (Kubernetes copies a limit into a missing request, and reserves nothing where there is no limit)',
      missingLimits: 'Missing server.resources.limits: nothing caps the CPU or memory Vault may use',
      invalidQuantity:
        'Expected server.resources.{{kind}}.{{resource}} to be a Kubernetes quantity such as "{{example}}", found "{{value}}"; the API server rejects the StatefulSet',
      limitBelowRequest:
        'Expected server.resources.limits.{{resource}} to be at least the request "{{request}}", found "{{value}}"; Kubernetes rejects a limit below its request',
      belowMinimum:
        'Expected server.resources.requests.{{resource}} to be at least "{{minimum}}", the small cluster of the Vault reference architecture, found "{{value}}"',
    },
    hints: {
      missingResources:
        'Add server.resources with requests (memory: 8Gi, cpu: 2000m) and limits (memory: 16Gi, cpu: 2000m), sized for your environment.',
      notAMap: 'Write server.resources as a map: requests: {memory: 8Gi, cpu: 2000m} and limits: {memory: 16Gi, cpu: 2000m}.',
      missingRequest: 'Add server.resources.requests.{{resource}}, e.g. {{resource}}: {{example}}.',
      missingLimit: 'Add server.resources.limits.{{resource}}, at least the request.',
      missingRequests: 'Add server.resources.requests with memory: 8Gi and cpu: 2000m (at most the limits), sized for your environment.',
      missingLimits: 'Add server.resources.limits with memory and cpu at least the requests, e.g. memory: 16Gi and cpu: 2000m.',
      invalidQuantity: 'Use a number with a Kubernetes suffix: Ki, Mi, Gi for memory (not KB, MB, GB), m for millicpu.',
      limitBelowRequest: 'Raise server.resources.limits.{{resource}} to "{{request}}" or more, or lower the request.',
      belowMinimum: 'Request at least {{minimum}} of {{resource}}, or turn off the minimum option for smaller environments.',
    },
    options: {
      minimum: {
        type: 'boolean',
        default: false,
        strict: true,
        description: "Also require requests of at least the reference architecture's small cluster: 8Gi of memory and 2 CPUs",
      },
    },
  },
  check(context) {
    const { model } = context;
    const { node, requests, limits } = model.serverResources;
    // The chart renders resources only when the value is truthy: the default {}, null and "" leave the container without any.
    if (!node || !context.fact(resourcesRendered))
      return context.reportMissing({ path: 'server.resources', messageId: 'missingResources' });
    // A template expression prints the map (`{{ toYaml … | nindent 4 }}`): what it holds is unknown.
    if (node.templated) return;
    if (node.kind !== 'map') return context.report({ node, messageId: 'notAMap', data: { value: JSON.stringify(node.value) } });
    // With a whole side absent, adding that map is one edit: one finding, not one per resource.
    const noRequests = RESOURCE_NAMES.every((resource) => !requests[resource]);
    const noLimits = RESOURCE_NAMES.every((resource) => !limits[resource]);
    if (noRequests) context.reportMissing({ path: 'server.resources.requests', messageId: 'missingRequests' });
    if (noLimits) context.reportMissing({ path: 'server.resources.limits', messageId: 'missingLimits' });
    for (const resource of RESOURCE_NAMES) {
      const data = { resource, example: EXAMPLE[resource] };
      const request = requests[resource];
      const limit = limits[resource];
      if (!request && !noRequests)
        context.reportMissing({ path: `server.resources.requests.${resource}`, messageId: 'missingRequest', data });
      if (!limit && !noLimits) context.reportMissing({ path: `server.resources.limits.${resource}`, messageId: 'missingLimit', data });
      for (const [kind, entry] of [
        ['requests', request],
        ['limits', limit],
      ] as const) {
        if (entry && entry.amount === undefined)
          context.report({ node: entry.node, messageId: 'invalidQuantity', data: { ...data, kind, value: entry.text } });
      }
      if (request?.amount !== undefined && limit?.amount !== undefined && limit.amount < request.amount) {
        context.report({ node: limit.node, messageId: 'limitBelowRequest', data: { resource, request: request.text, value: limit.text } });
      }
      if (context.options.minimum && request?.amount !== undefined && request.amount < MINIMUM[resource].amount) {
        context.report({
          node: request.node,
          messageId: 'belowMinimum',
          data: { resource, minimum: MINIMUM[resource].text, value: request.text },
        });
      }
    }
  },
});
