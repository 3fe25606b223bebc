import { defineRule, prometheusScrapes, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'telemetry-configured',
  meta: {
    description: 'The Vault config has a telemetry stanza, for Prometheus or another metrics sink',
    severity: 'info',
    tags: ['observability'],
    guide: 'Vault telemetry',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingTelemetry:
        'Missing telemetry stanza in {{path}}: Vault publishes no metrics, so Prometheus or statsd cannot monitor the cluster or alert on it',
      serviceMonitorWithoutTelemetry:
        'Missing telemetry stanza in {{path}} while serverTelemetry.serviceMonitor.enabled is on: the ServiceMonitor scrapes /v1/sys/metrics, which serves no Prometheus metrics without it',
    },
    hints: {
      missingTelemetry:
        'Add to the Vault config: telemetry { prometheus_retention_time = "30s" disable_hostname = true } (or statsd_address = "…" for statsd).',
      serviceMonitorWithoutTelemetry: 'Add to the Vault config: telemetry { prometheus_retention_time = "30s" disable_hostname = true }.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    // A -config file from server.extraArgs the linter cannot read may hold the stanza.
    if (config.root.blocks('telemetry').length > 0 || !model.configFullyVisible) return;
    const monitor = context.fact(prometheusScrapes);
    const messageId = monitor ? 'serviceMonitorWithoutTelemetry' : 'missingTelemetry';
    // Reported at the config key: the stanza goes into that config.
    context.report({
      node: { place: () => config.source.keyPlace() },
      messageId,
      data: { path: model.parsedConfigPath ?? config.source.path.join('.') },
    });
  },
});
