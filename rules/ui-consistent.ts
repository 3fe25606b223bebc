import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'ui-consistent',
  meta: {
    description: 'A ui Service the chart renders reaches a Vault that serves the web UI',
    severity: 'warning',
    tags: ['ui'],
    guide: 'Vault UI',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      serviceWithoutUi:
        'Unexpected ui Service "{{service}}": ui.enabled is on, but the Vault config does not serve the web UI ({{setting}}), so the Service reaches no UI',
    },
    hints: {
      serviceWithoutUi: 'Add ui = true to the Vault config, or set ui.enabled: false.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    // VAULT_UI in the environment turns the UI on or off as well: the config alone does not decide then.
    if (!config || model.env.has('VAULT_UI')) return;
    const service = model.services.find((candidate) => candidate.role === 'ui');
    const attr = config.root.attr('ui');
    if (!service || attr?.templated) return;
    // Vault's default is no UI; a value Vault cannot read as a boolean is the config schema's finding.
    if (attr && attr.truth !== false) return;
    const setting = attr ? `ui = ${JSON.stringify(attr.value)}` : "no ui setting, and Vault's default is off";
    context.reportMissing({ path: 'ui.enabled', messageId: 'serviceWithoutUi', data: { service: service.name, setting } });
  },
});
