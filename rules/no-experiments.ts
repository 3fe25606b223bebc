import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'no-experiments',
  meta: {
    description: 'The Vault server runs no experimental features',
    severity: 'warning',
    tags: ['stability', 'hardening'],
    guide: 'Production hardening (experiments)',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      experiments:
        'Unexpected experiments {{names}} in the Vault config; experiments change or disappear between releases and should not be used in production (configuration docs: experiments)',
      experimentsEnv:
        'Unexpected experiments {{names}} in server.extraEnvironmentVars.{{key}}; experiments change or disappear between releases and should not be used in production (configuration docs: experiments)',
    },
    hints: {
      experiments: 'Remove the experiments list from the config, or leave it empty.',
      experimentsEnv: 'Remove {{key}} from server.extraEnvironmentVars.',
    },
  },
  check(context) {
    const { model } = context;
    const attr = model.parsedConfig?.root.attr('experiments');
    const listed =
      attr && !attr.templated
        ? (Array.isArray(attr.value) ? attr.value : [attr.value]).map(String).filter((name) => name.trim() !== '')
        : [];
    if (attr && listed.length > 0) context.report({ node: attr, messageId: 'experiments', data: { names: quoteAll(listed) } });
    // VAULT_EXPERIMENTS turns experiments on just as the config list does (a comma-separated list).
    const env = model.env.get('VAULT_EXPERIMENTS');
    if (env?.source !== 'literal' || !env.node.isUserSet || typeof env.value !== 'string') return;
    const names = env.value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names.length > 0)
      context.report({ node: env.node, messageId: 'experimentsEnv', data: { names: quoteAll(names), key: String(env.node.key) } });
  },
});

function quoteAll(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
