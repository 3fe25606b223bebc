import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

const GUIDE = '(guide: "Liveness/Readiness probes")';

export default defineRule({
  id: 'health-probes',
  meta: {
    description: 'Readiness and liveness probes are on, pass on standbys, and give Vault time to start',
    severity: 'warning',
    tags: ['availability', 'operations'],
    guide: 'Liveness/Readiness probes',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      readinessDisabled: `Disabled readiness probe: server.readinessProbe.enabled is {{value}}, so every pod counts as ready, sealed or not, for Services, rollouts and the disruption budget ${GUIDE}`,
      readinessNotStandbyOk: `Expected server.readinessProbe.path to let standbys pass with standbyok=true, found "{{path}}"; /v1/sys/health answers 429 on a standby, so standbys never become ready and node drains stall on the disruption budget ${GUIDE}`,
      livenessDisabled: `Disabled liveness probe: server.livenessProbe.enabled is {{value}}, so Kubernetes never restarts a Vault process that hangs ${GUIDE}`,
      livenessNotStandbyOk: `Expected server.livenessProbe.path to let standbys pass with standbyok=true, found "{{path}}"; /v1/sys/health answers 429 on a standby, so Kubernetes restarts every standby over and over ${GUIDE}`,
      livenessDelayTooShort: `Expected server.livenessProbe.initialDelaySeconds to be at least 60, found {{value}}; Kubernetes may kill Vault before it has started and unsealed ${GUIDE}`,
    },
    hints: {
      readinessDisabled: 'Set server.readinessProbe.enabled: true, with path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204" as the guide shows.',
      readinessNotStandbyOk: 'Add standbyok=true to the query, e.g. path: "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204".',
      livenessDisabled: 'Set server.livenessProbe.enabled: true with path: "/v1/sys/health?standbyok=true" and initialDelaySeconds: 60.',
      livenessNotStandbyOk: 'Use path: "/v1/sys/health?standbyok=true" (the chart default).',
      livenessDelayTooShort: 'Set server.livenessProbe.initialDelaySeconds: 60 (the chart default) or more.',
    },
  },
  check(context) {
    const { model } = context;
    const { readiness, liveness } = model.serverProbes;
    const report = (probe: typeof readiness, messageId: 'readinessDisabled' | 'livenessDisabled', probeName: string): void => {
      const data = { value: JSON.stringify(probe.enabledNode?.value ?? null) };
      if (probe.enabledNode) context.report({ node: probe.enabledNode, messageId, data });
      else context.reportMissing({ path: `server.${probeName}.enabled`, messageId, data });
    };
    if (!readiness.enabled) report(readiness, 'readinessDisabled', 'readinessProbe');
    // Only a release with standbys has a pod that answers 429: one pod is always the active one.
    else if (model.runsStandbys && readiness.path && readiness.standbyOk === false) {
      context.report({ node: readiness.path, messageId: 'readinessNotStandbyOk', data: { path: String(readiness.path.value) } });
    }
    if (!liveness.enabled) return report(liveness, 'livenessDisabled', 'livenessProbe');
    if (model.runsStandbys && liveness.path && liveness.standbyOk === false) {
      context.report({ node: liveness.path, messageId: 'livenessNotStandbyOk', data: { path: String(liveness.path.value) } });
    }
    const delay = liveness.initialDelaySeconds;
    const seconds = typeof delay?.value === 'number' ? delay.value : Number(String(delay?.value ?? ''));
    if (delay && !(seconds >= 60)) context.report({ node: delay, messageId: 'livenessDelayTooShort', data: { value: JSON.stringify(delay.value) } });
  },
});
