import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'no-unauthenticated-endpoints',
  meta: {
    description: 'No listener serves metrics, profiles or in-flight requests without a token, and no endpoint family is opened',
    severity: 'warning',
    tags: ['security', 'hardening'],
    guide: 'Production hardening (unauthenticated endpoints)',
    messageGuides: {
      metricsAccess: 'Production hardening; listener "tcp" docs (keep unauthenticated access off)',
      pprofAccess: 'Production hardening; listener "tcp" docs (keep unauthenticated access off)',
      inFlightAccess: 'Production hardening; listener "tcp" docs (keep unauthenticated access off)',
      unauthenticatedAccess: 'Production hardening; configuration docs (enable_unauthenticated_access)',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      metricsAccess: `Expected unauthenticated_metrics_access on listener "{{listener}}" to be false, found {{value}}; anyone who reaches the listener can read /v1/sys/metrics`,
      pprofAccess: `Expected unauthenticated_pprof_access on listener "{{listener}}" to be false, found {{value}}; anyone who reaches the listener can pull runtime profiles from /v1/sys/pprof and load the server`,
      inFlightAccess: `Expected unauthenticated_in_flight_requests_access on listener "{{listener}}" to be false, found {{value}}; anyone who reaches the listener can list the requests Vault is serving at /v1/sys/in-flight-req`,
      unauthenticatedAccess: 'Unexpected enable_unauthenticated_access: Vault 2.x then serves the {{families}} endpoints without a token',
    },
    hints: {
      metricsAccess: 'Remove it and let Prometheus authenticate with a Vault token that may read sys/metrics ({{tokenSetting}}).',
      pprofAccess: 'Remove it; profile with an authenticated token (vault debug) when you need to.',
      inFlightAccess: 'Remove it; read sys/in-flight-req with an authenticated token when you need to.',
      unauthenticatedAccess: 'Remove enable_unauthenticated_access and update the clients to authenticate for these endpoints.',
    },
    messageSeverities: { pprofAccess: 'error' },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    // Listener sub-blocks whose switch opens an endpoint without a token.
    const switches = [
      { block: 'telemetry', key: 'unauthenticated_metrics_access', messageId: 'metricsAccess' },
      { block: 'profiling', key: 'unauthenticated_pprof_access', messageId: 'pprofAccess' },
      { block: 'inflight_requests_logging', key: 'unauthenticated_in_flight_requests_access', messageId: 'inFlightAccess' },
    ] as const;
    const tokenSetting = model.chartDeclares('serverTelemetry.serviceMonitor.authorization')
      ? 'serverTelemetry.serviceMonitor.authorization'
      : `chart ${model.chartVersion} cannot give its ServiceMonitor a token: scrape with a ServiceMonitor of your own that has one`;
    for (const listener of config.root.blocks('listener')) {
      for (const { block, key, messageId } of switches) {
        for (const sub of listener.body.blocks(block)) {
          const attr = sub.body.attr(key);
          if (!attr || attr.templated || attr.truth !== true) continue;
          context.report({
            node: attr,
            messageId,
            data: { listener: listener.label ?? 'tcp', value: JSON.stringify(attr.value), tokenSetting },
          });
        }
      }
    }
    const open = config.root.attr('enable_unauthenticated_access');
    if (!open || open.templated) return;
    const families = (Array.isArray(open.value) ? open.value : [open.value]).filter((item) => typeof item === 'string' && item !== '');
    if (families.length === 0) return;
    context.report({
      node: open,
      messageId: 'unauthenticatedAccess',
      data: { families: families.map((item) => `"${String(item)}"`).join(', ') },
    });
  },
});
