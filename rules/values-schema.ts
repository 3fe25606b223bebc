import { defineRule } from '../src/engine/index.js';

const WHY = 'Helm silently ignores keys the chart does not read, so this setting has no effect';

export default defineRule({
  id: 'values-schema',
  meta: {
    description: 'Every key the values file writes is one the chart reads, with a value of the type it expects',
    severity: 'warning',
    tags: ['helm', 'typo'],
    guide: 'Using Helm charts',
    messages: {
      unknownKey: `Unknown key "{{key}}" {{where}} for chart {{chartVersion}}; ${WHY}`,
      misspeltKey: `Unknown key "{{key}}" {{where}} for chart {{chartVersion}} (did you mean "{{suggestion}}"?); ${WHY}`,
      misplacedKey: `Unknown key "{{key}}" {{where}} for chart {{chartVersion}}: the chart reads "{{key}}" {{home}}; ${WHY}`,
      wrongType:
        'Expected "{{path}}" to be {{expected}}, found {{found}}; the chart renders it as written, so the manifest misbehaves or Kubernetes rejects it (chart values schema)',
      missingKey:
        'Missing key "{{key}}" in "{{path}}"; the chart renders this item incompletely and Kubernetes rejects it (chart values schema)',
      structuredConfig:
        'Expected "{{path}}" to be a string, found {{found}}; chart {{chartVersion}} fails to render with "structured server config is not supported" (since chart {{since}})',
      mixedConfigTypes:
        'Expected "{{path}}" to be {{expected}} like "{{decider}}", found {{found}}; chart {{chartVersion}} handles both the way "{{decider}}" is written and fails to render',
      jsonNeedsNewerChart:
        'Unexpected JSON config at "{{path}}": chart {{chartVersion}} prepends an HCL "disable_mlock = true" line to it, which Vault cannot parse',
      noConfigMap:
        'Missing server config: "server.standalone.config" and "server.ha.config" are both empty, so the chart renders no ConfigMap for "{{live}}" and the Vault pods fail at start copying their config file',
    },
    hints: {
      unknownKey: 'Remove "{{key}}", or move it to where chart {{chartVersion}} reads it (see the chart\'s values.yaml).',
      misspeltKey: 'Rename "{{key}}" to "{{suggestion}}".',
      misplacedKey: 'Move "{{key}}" and its value {{destination}}, where chart {{chartVersion}} reads it.',
      wrongType: 'Write "{{path}}" as {{expected}}.',
      missingKey: 'Add "{{key}}" to this item.',
      structuredConfig:
        'Write the config as a string (a `|` block of HCL, or JSON), or, if the chart you deploy is older than {{since}}, pass its version with --chart-version.',
      mixedConfigTypes: 'Write "{{path}}" and "{{decider}}" the same way: both strings (recommended) or both maps.',
      jsonNeedsNewerChart: 'Write the config in HCL, or use chart {{since}} or later.',
      noConfigMap: '{{fix}}; the chart creates its ConfigMap only when server.standalone.config or server.ha.config is non-empty.',
    },
    messageSeverities: {
      wrongType: 'error',
      missingKey: 'error',
      structuredConfig: 'error',
      mixedConfigTypes: 'error',
      jsonNeedsNewerChart: 'error',
      noConfigMap: 'error',
    },
  },
  requires: ['valuesSchema'],
  check(context) {
    const { model } = context;
    const chartVersion = model.chartVersion;
    for (const problem of model.valuesSchemaProblems) {
      const where = problem.where === '' ? 'at the top level' : `under "${problem.where}"`;
      if (problem.kind === 'unknownKey') {
        const home = problem.elsewhere === undefined ? '' : problem.elsewhere === '' ? 'at the top level' : `under "${problem.elsewhere}"`;
        const destination = problem.elsewhere === '' ? 'to the top level' : home;
        const messageId =
          problem.suggestion !== undefined ? 'misspeltKey' : problem.elsewhere !== undefined ? 'misplacedKey' : 'unknownKey';
        context.report({
          node: problem.node,
          messageId,
          data: { key: problem.key, where, chartVersion, suggestion: problem.suggestion ?? '', home, destination },
        });
      } else if (problem.kind === 'missingKey') {
        context.report({ node: problem.node, messageId: 'missingKey', data: { key: problem.key, path: problem.path } });
      } else {
        context.report({
          node: problem.node,
          messageId: 'wrongType',
          data: { path: problem.path, expected: problem.expected ?? '', found: problem.found ?? '' },
        });
      }
    }
    const problem = model.configRenderProblem;
    if (problem) context.report({ node: problem.node, messageId: problem.messageId, data: { ...problem.data, chartVersion } });
  },
});
