import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'health-probes',
  meta: {
    description: 'Readiness and liveness probes are on, pass on standbys, and give Vault time to start',
    severity: 'warning',
    tags: ['availability', 'operations'],
    guide: 'Liveness/Readiness probes',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      readinessDisabled: `Disabled readiness probe: server.readinessProbe.enabled is {{value}}, so every pod counts as ready, sealed or not, for Services, rollouts and the disruption budget`,
      readinessNotStandbyOk: `Expected server.readinessProbe.path to let standbys pass with standbyok=true, found "{{path}}"; /v1/sys/health answers 429 on a standby, so standbys never become ready and node drains stall on the disruption budget`,
      livenessDisabled: `Disabled liveness probe: server.livenessProbe.enabled is {{value}}, so Kubernetes never restarts a Vault process that hangs`,
      livenessFailsHealthyPods: `Expected server.livenessProbe.path to succeed on every live Vault pod, found "{{path}}", which fails when a pod is {{states}}; Kubernetes then restarts pods that are only waiting to be unsealed or initialised, or serving as standbys`,
      livenessDelayTooShort: `Expected server.livenessProbe.initialDelaySeconds to be at least 60, found {{value}}; Kubernetes may kill Vault before it has started and unsealed`,
    },
    hints: {
      readinessDisabled:
        'Set server.readinessProbe.enabled: true (the chart default); without a path the chart probes with "vault status", which keeps sealed pods out of the Services.',
      readinessNotStandbyOk: 'Add standbyok=true to the query, e.g. path: "/v1/sys/health?standbyok=true".',
      livenessDisabled:
        'Set server.livenessProbe.enabled: true with path: "{{safePath}}" (the chart\'s default path fails on sealed pods), and keep initialDelaySeconds at 60 or more.',
      livenessFailsHealthyPods: 'Set server.livenessProbe.path: "{{safePath}}".',
      livenessDelayTooShort: 'Set server.livenessProbe.initialDelaySeconds: 60 (the chart default) or more.',
    },
  },
  check(context) {
    const { model } = context;
    const { readiness, liveness, safeLivenessPath: safePath } = model.serverProbes;
    const report = (probe: typeof readiness, messageId: 'readinessDisabled' | 'livenessDisabled', probeName: string): void => {
      const data = { value: JSON.stringify(probe.enabledNode?.value ?? null), safePath };
      if (probe.enabledNode) context.report({ node: probe.enabledNode, messageId, data });
      else context.reportMissing({ path: `server.${probeName}.enabled`, messageId, data });
    };
    if (!readiness.enabled) report(readiness, 'readinessDisabled', 'readinessProbe');
    // Only a release with standbys has a pod that answers 429: one pod is always the active one.
    else if (model.runsStandbys && readiness.path && readiness.standbyOk === false) {
      context.report({ node: readiness.path, messageId: 'readinessNotStandbyOk', data: { path: String(readiness.path.value) } });
    }
    if (!liveness.enabled) return report(liveness, 'livenessDisabled', 'livenessProbe');
    if (liveness.path && liveness.failsWhen?.some((state) => model.runsStandbys || !state.endsWith('standby'))) {
      // A single pod is never a standby: only the states it can be in count.
      const states = liveness.failsWhen
        .filter((state) => model.runsStandbys || !state.endsWith('standby'))
        .map((state) => (state.endsWith('standby') ? `a ${state}` : state));
      const list = states.length > 1 ? `${states.slice(0, -1).join(', ')} or ${states.at(-1)}` : states[0]!;
      context.report({
        node: liveness.path,
        messageId: 'livenessFailsHealthyPods',
        data: { path: String(liveness.path.value), states: list, safePath },
      });
    }
    const delay = liveness.initialDelaySeconds;
    const seconds = typeof delay?.value === 'number' ? delay.value : Number(String(delay?.value ?? ''));
    if (delay && !(seconds >= 60))
      context.report({ node: delay, messageId: 'livenessDelayTooShort', data: { value: JSON.stringify(delay.value) } });
  },
});
