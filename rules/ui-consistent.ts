import { defineRule, vaultBool, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'ui-consistent',
  meta: {
    description: 'The chart ui Service and the Vault config ui setting agree',
    severity: 'warning',
    tags: ['ui', 'network'],
    guide: 'Vault UI',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      serviceWithoutUi: 'Unexpected ui Service "{{service}}": ui.enabled is on, but the Vault config does not serve the web UI ({{setting}}), so the Service exposes the API without the UI it was made for (guide: "Vault UI")',
      uiWithoutService: 'Unexpected ui = {{value}} in the Vault config while ui.enabled is off: Vault serves the web UI on every listener, so it is reachable through the main Service and any ingress even though the chart ui Service is off (guide: "Vault UI")',
    },
    hints: {
      serviceWithoutUi: 'Add ui = true to the Vault config, or set ui.enabled: false.',
      uiWithoutService: 'Set ui = false in the Vault config if the UI should stay off, or set ui.enabled: true to expose it deliberately.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    // Dev mode always serves the UI and has no config; without a rendered config there is nothing to compare.
    if (!config) return;
    const attr = config.root.attr('ui');
    if (attr?.templated) return;
    const ui = attr ? vaultBool(attr.value) : false;
    if (ui === 'invalid') return;
    const service = model.services.find((candidate) => candidate.role === 'ui');
    if (service && !ui) {
      const setting = attr ? `ui = ${JSON.stringify(attr.value)}` : 'no ui setting';
      context.reportMissing({ path: 'ui.enabled', messageId: 'serviceWithoutUi', data: { service: service.name, setting } });
    } else if (!service && ui && attr) {
      context.report({ node: attr, messageId: 'uiWithoutService', data: { value: JSON.stringify(attr.value) } });
    }
  },
});
