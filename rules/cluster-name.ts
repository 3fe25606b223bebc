import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'cluster-name',
  meta: {
    description: 'The Vault config names the cluster (cluster_name)',
    severity: 'info',
    tags: ['observability'],
    guide: 'Cluster name',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingClusterName:
        'Missing cluster_name in {{path}}: Vault makes up a random name, which then labels its metrics, so Prometheus dashboards and alerts cannot tell clusters apart',
    },
    hints: {
      missingClusterName: 'Add cluster_name = "<a stable, meaningful name>" to the Vault config, e.g. cluster_name = "vault-prod".',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    const name = config.root.attr('cluster_name');
    if (name?.templated) return;
    const data = { path: model.parsedConfigPath ?? config.source.path.join('.') };
    // An empty name is no name: Vault generates one just the same.
    if (name && name.value === '') context.report({ node: name, messageId: 'missingClusterName', data });
    else if (!name && model.configFullyVisible)
      context.report({ node: { place: () => config.source.keyPlace() }, messageId: 'missingClusterName', data });
  },
});
