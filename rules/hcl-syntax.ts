import { defineRule } from '../src/engine/index.js';

export default defineRule({
  id: 'hcl-syntax',
  meta: {
    description: 'The embedded Vault config parses as Vault parses it (HCL v1 or JSON)',
    severity: 'error',
    tags: ['syntax', 'config'],
    guide: 'Vault listener',
    messages: {
      invalidHcl: '{{detail}}',
      invalidJson: '{{detail}}',
      ignoredByVault: '{{detail}}',
      configTooLarge: '{{detail}}',
      notDisableable: '{{detail}}',
    },
    hints: {
      invalidHcl: 'Vault refuses to start with a config it cannot parse; checks that read the config skip it until it parses.',
      invalidJson: 'Vault refuses to start with a config it cannot parse; checks that read the config skip it until it parses.',
      ignoredByVault:
        'Vault parses this without an error but does not read what is written here; fix the syntax so the setting takes effect.',
      configTooLarge:
        'Keep large values in mounted files and name them (leader_ca_cert_file instead of an inline leader_ca_cert PEM, tls_cert_file, plugin files); a Vault server config is a few kilobytes.',
      notDisableable:
        'Remove hcl-syntax from the directive (the whole directive if it names no other rule, since a bare one switches every rule off) and fix the config syntax instead; Vault does not start with a config it cannot parse.',
    },
  },
  check(context) {
    for (const problem of context.model.syntaxProblems) {
      if (problem.ruleId !== 'hcl-syntax') continue;
      context.report({
        node: { place: () => problem.place },
        messageId: problem.messageId as 'invalidHcl',
        data: { detail: problem.message },
      });
    }
  },
});
