import { defineRule } from '../src/engine/index.js';

/** Vault's own go-sockaddr template functions, which people write for Vault to evaluate. */
const SOCKADDR = /^Get(All|Default|Private|Public)?(Interface|Interfaces|IP|IPs)$|^GetInterfaceIPs?$/;

export default defineRule({
  id: 'config-template-renders',
  meta: {
    description: "Helm renders the embedded Vault config: its template actions parse and run under the chart's tpl",
    severity: 'error',
    tags: ['helm', 'config'],
    guide: 'Using Helm charts',
    messages: {
      undefinedFunction:
        'Unknown template function "{{name}}" in {{path}}: the chart renders the config with Helm\'s tpl, which fails on a function Helm does not define, so helm install fails{{why}}',
      undefinedTemplate:
        'Unknown template "{{name}}" in {{path}}: chart {{chartVersion}} defines no such helper, so Helm\'s include fails and helm install fails',
      floatCount:
        'Expected an integer count for "{{name}}" in {{path}}, found a number from the values file: Helm reads it as a float64 and "{{name}}" takes an int, so helm install fails with "wrong type for value; expected int; got float64"',
      syntax: "Invalid Helm template in {{path}} ({{detail}}): the chart's tpl rejects it, so helm install fails",
      expansionLimit:
        'Stopped expanding Helm template logic in {{path}} at {{detail}}; what it renders is checked once, as written, and stanza counts are not checked',
    },
    hints: {
      undefinedFunction: 'Escape it so Helm prints it unchanged for Vault: write {{escaped}}.',
      undefinedTemplate: 'Write {{replacement}} instead; chart {{chartVersion}} puts every object in the release namespace.',
      floatCount: 'Wrap the number in int, e.g. until (int .Values.server.ha.replicas).',
      syntax:
        'Close every action with its two closing braces and end each if, range and with; to pass braces through to Vault, escape them as a backtick string inside an action.',
    },
    messageSeverities: { expansionLimit: 'warning' },
  },
  check(context) {
    const { model } = context;
    const config = model.config;
    if (!config || !config.isUserSet) return;
    const path = `"${config.source.path.join('.')}"`;
    // A chart that runs tpl a second time over a JSON config needs an escape that survives two passes.
    const twice = model.configTemplatePasses(config.format) === 2;
    for (const problem of config.templateProblems) {
      const node = { place: () => config.placeOfWritten(problem.start, problem.end) };
      if (problem.kind === 'undefinedFunction') {
        const inner = actionBody(problem.action);
        const vault = `{{ ${inner} }}`;
        const escaped = twice
          ? `{{ "{{\`${vault}\`}}" }} (chart ${model.chartVersion} runs a JSON config through tpl twice)`
          : `{{\`${vault}\`}}`;
        const why = SOCKADDR.test(problem.detail)
          ? '; Vault evaluates go-sockaddr templates itself, but only when Helm passes them through'
          : '';
        context.report({ node, messageId: 'undefinedFunction', data: { name: problem.detail, path, why, escaped } });
      } else if (problem.kind === 'undefinedTemplate') {
        const data = { name: problem.detail, path, chartVersion: model.chartVersion, replacement: '{{ .Release.Namespace }}' };
        context.report({ node, messageId: 'undefinedTemplate', data });
      } else if (problem.kind === 'floatCount') {
        context.report({ node, messageId: 'floatCount', data: { path, name: problem.detail } });
      } else if (problem.kind === 'syntax') {
        context.report({ node, messageId: 'syntax', data: { path, detail: problem.detail } });
      } else {
        context.report({ node, messageId: 'expansionLimit', data: { path, detail: problem.detail } });
      }
    }
  },
});

/** The text between `{{` and `}}` of an action, without Go's trim markers. */
function actionBody(action: string): string {
  let inner = action.startsWith('{{') ? action.slice(2) : action;
  if (inner.endsWith('}}')) inner = inner.slice(0, -2);
  if (inner.startsWith('- ')) inner = inner.slice(1);
  if (inner.endsWith(' -')) inner = inner.slice(0, -1);
  return inner.trim();
}
