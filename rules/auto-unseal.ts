import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'auto-unseal',
  meta: {
    description: 'The Vault config auto-unseals with a KMS or HSM seal',
    severity: 'warning',
    tags: ['seal', 'operations'],
    guide: 'Vault seal configuration',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingSeal:
        'Missing seal stanza in {{path}}: Vault uses Shamir keys, so every rescheduled pod stays sealed until operators unseal it by hand',
      sealDisabled: 'Disabled seal "{{type}}": with every seal disabled Vault falls back to manual Shamir unsealing',
      multipleSeals: 'Unexpected second enabled seal "{{type}}" next to "{{first}}": {{why}}, so Vault refuses to start',
    },
    hints: {
      missingSeal:
        'Add a seal stanza for your KMS, e.g. seal "awskms" { region = "…" kms_key_id = "…" } or seal "gcpckms" { … }, with credentials from a mounted secret or workload identity.',
      sealDisabled: 'Remove disabled = true once the seal migration is done.',
      multipleSeals:
        'Keep one enabled seal; while migrating, mark the old one disabled = true. For Seal HA (Vault Enterprise 1.16+) set enable_multiseal = true and give each seal a unique name and a priority.',
    },
    messageSeverities: { multipleSeals: 'error' },
  },
  check(context) {
    const { model } = context;
    const seal = model.seal;
    const config = model.parsedConfig;
    if (!seal || !config) return;
    const [first, ...others] = seal.enabled;
    if (first && others.length > 0 && !(seal.multiseal && model.isEnterprise)) {
      const why = !model.isEnterprise
        ? 'Vault Community runs exactly one enabled seal'
        : 'several enabled seals need Seal HA, which enable_multiseal = true turns on';
      for (const other of others)
        context.report({
          node: other,
          messageId: 'multipleSeals',
          data: { type: other.label ?? 'unknown', first: first.label ?? 'unknown', why },
        });
      return;
    }
    // VAULT_SEAL_TYPE names the seal (or replaces the Shamir default Vault adds): nothing missing then.
    if (seal.source === 'env' && seal.type !== 'shamir') return;
    // A -config file from server.extraArgs the linter cannot read may hold the seal.
    if (!model.configFullyVisible) return;
    if (seal.blocks.length === 0) {
      context.report({
        node: { place: () => config.source.keyPlace() },
        messageId: 'missingSeal',
        data: { path: model.parsedConfigPath ?? config.source.path.join('.') },
      });
      return;
    }
    if (first) return;
    for (const block of seal.blocks) {
      const disabled = block.body.attr('disabled');
      context.report({ node: disabled ?? block, messageId: 'sealDisabled', data: { type: block.label ?? 'unknown' } });
    }
  },
});
