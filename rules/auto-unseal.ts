import { defineRule, vaultBool, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'auto-unseal',
  meta: {
    description: 'The Vault config auto-unseals with a KMS or HSM seal',
    severity: 'warning',
    tags: ['seal', 'operations'],
    guide: 'Vault seal configuration',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingSeal: 'Missing seal stanza in {{path}}: Vault uses Shamir keys, so every rescheduled pod stays sealed until operators unseal it by hand (guide: "Vault seal configuration")',
      sealDisabled: 'Disabled seal "{{type}}": with every seal disabled Vault falls back to manual Shamir unsealing (guide: "Vault seal configuration")',
    },
    hints: {
      missingSeal: 'Add a seal stanza for your KMS, e.g. seal "awskms" { region = "…" kms_key_id = "…" } or seal "gcpckms" { … }, with credentials from a mounted secret or workload identity.',
      sealDisabled: 'Remove disabled = true once the seal migration is done.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    const seals = [...config.root.blocks('seal'), ...config.root.blocks('hsm')];
    if (seals.length === 0) {
      context.report({ node: { place: () => config.source.keyPlace() }, messageId: 'missingSeal', data: { path: config.source.path.join('.') } });
      return;
    }
    const active = seals.filter((seal) => vaultBool(seal.body.attr('disabled')?.value) !== true);
    if (active.length > 0) return;
    for (const seal of seals) {
      const disabled = seal.body.attr('disabled');
      context.report({ node: disabled ?? seal, messageId: 'sealDisabled', data: { type: seal.label ?? 'unknown' } });
    }
  },
});
