import { defineRule, serviceDiscoveryOn, HA_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'service-registration',
  meta: {
    description: 'In HA, Vault labels its pods through service_registration "kubernetes"',
    severity: 'warning',
    tags: ['ha', 'upgrade', 'operations'],
    guide: 'Vault service registration',
    appliesTo: { modes: HA_MODES },
    messages: {
      missingRegistration:
        'Missing service_registration "kubernetes" in {{path}}; Vault then never labels its pods vault-active, so the active and standby Services select nothing and the guide\'s upgrade step kubectl delete pod --selector vault-active=false finds no pods',
      wrongRegistration:
        'Expected service_registration to be "kubernetes", found "{{type}}"; only the kubernetes registration labels the pods vault-active, which the active and standby Services and the guide\'s upgrade steps select on',
      discoveryDisabled:
        'Disabled server.serviceAccount.serviceDiscovery.enabled ({{value}}): without the discovery Role, service_registration "kubernetes" may not label the pods, so the active and standby Services select nothing',
    },
    hints: {
      missingRegistration: 'Add service_registration "kubernetes" {} to {{path}}.',
      wrongRegistration: 'Use service_registration "kubernetes" {}.',
      discoveryDisabled: 'Set server.serviceAccount.serviceDiscovery.enabled: true.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    const registrations = config.root.blocks('service_registration');
    const kubernetes = registrations.find((block) => block.label?.toLowerCase() === 'kubernetes');
    if (!kubernetes) {
      const other = registrations[0];
      if (other) context.report({ node: other, messageId: 'wrongRegistration', data: { type: other.label ?? '' } });
      else if (model.configFullyVisible)
        context.report({
          node: { place: () => config.source.keyPlace() },
          messageId: 'missingRegistration',
          data: { path: model.parsedConfigPath ?? config.source.path.join('.') },
        });
      return;
    }
    // The chart renders the discovery Role only when this is "true" (eq on its string form).
    const discovery = model.get('server.serviceAccount.serviceDiscovery.enabled');
    if (discovery && !context.fact(serviceDiscoveryOn))
      context.report({ node: discovery, messageId: 'discoveryDisabled', data: { value: JSON.stringify(discovery.value) } });
  },
});
