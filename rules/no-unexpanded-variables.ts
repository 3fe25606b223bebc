import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

const VAULT_LITERAL = 'Vault reads its config literally and expands no variables';
const KUBERNETES_ONLY = "Kubernetes expands $(VAR) only in a container's env, command and args, never in the ConfigMap Vault reads";

const DESCRIBED: Record<string, string> = { HOST_IP: 'the node IP', POD_IP: 'the pod IP', HOSTNAME: 'the pod name' };

export default defineRule({
  id: 'no-unexpanded-variables',
  meta: {
    description: 'No ${VAR} or $(VAR) in the Vault config, which neither Vault nor the chart expands',
    severity: 'error',
    tags: ['config', 'correctness'],
    guide: 'Additional server configuration',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      substitutedWord:
        'Unexpanded "{{ref}}" in {{where}}: {{why}}; the chart\'s start script replaces only the bare word {{name}}, so Vault gets "{{mangled}}"',
      neverExpanded:
        'Unexpanded "{{ref}}" in {{where}}: {{why}}, and the chart replaces only the bare words HOST_IP, POD_IP and HOSTNAME (API_ADDR, TRANSIT_ADDR and RAFT_ADDR when those variables are set), so Vault gets the text "{{ref}}"',
    },
    hints: {
      substitutedWord:
        'Write the bare word, "{{bare}}"{{define}}: the chart\'s start script replaces {{name}} in the config before Vault reads it.',
      neverExpanded:
        'Write the value itself in place of "{{ref}}"; for the pod\'s own addresses and name use the bare words HOST_IP, POD_IP or HOSTNAME, which the chart replaces at start.',
    },
  },
  check(context) {
    for (const variable of context.model.unexpandedVariables) {
      const why = variable.form === 'shell' ? VAULT_LITERAL : KUBERNETES_ONLY;
      const where = variable.value.path.join('.');
      if (variable.substituted) {
        const mangled = variable.ref.replace(variable.name, `<${DESCRIBED[variable.name] ?? `the value of ${variable.name}`}>`);
        const define = variable.variableSet ? '' : ` and set server.extraEnvironmentVars.${variable.name} to the value`;
        context.report({
          node: variable.node,
          messageId: 'substitutedWord',
          data: { ref: variable.ref, where, why, name: variable.name, mangled, bare: variable.bare, define },
        });
      } else {
        context.report({ node: variable.node, messageId: 'neverExpanded', data: { ref: variable.ref, where, why } });
      }
    }
  },
});
