import { defineRule } from '../src/engine/index.js';

const REFUSED =
  'Vault 1.21+ refuses to start on a duplicate attribute, older versions silently use the last one (Vault: duplicate HCL attributes)';

export default defineRule({
  id: 'duplicate-config-key',
  meta: {
    description: 'No attribute of the embedded Vault config is set twice, counting the disable_mlock line the chart adds',
    severity: 'error',
    tags: ['vault-config', 'upgrade'],
    guide: 'Vault listener; Vault storage configuration',
    messages: {
      duplicateKey: `Unexpected repeated "{{key}}" {{where}}, first set on line {{line}}; ${REFUSED}`,
      chartPrependedDuplicate: `Unexpected "disable_mlock" in a config for chart {{chartVersion}}, which prepends its own "disable_mlock = true"; ${REFUSED}`,
      chartAppendedDuplicate: `Unexpected disable_mlock = {{value}}: chart {{chartVersion}} appends its own "disable_mlock = true" unless a line reads "disable_mlock = true" or "disable_mlock = false"; ${REFUSED}`,
      chartAlwaysAppendedDuplicate: `Unexpected "disable_mlock" in a config for chart {{chartVersion}}, which appends its own "disable_mlock = true" to every HCL config; ${REFUSED}`,
    },
    hints: {
      duplicateKey: 'Keep one "{{key}}" line {{where}}.',
      chartPrependedDuplicate: 'Remove disable_mlock from the config: chart {{chartVersion}} always sets disable_mlock = true.',
      chartAppendedDuplicate:
        'Write it as disable_mlock = true, unquoted, so that the chart does not add its own line (Vault on Kubernetes runs without mlock: see mlock-disabled).',
      chartAlwaysAppendedDuplicate: 'Remove disable_mlock from the config: chart {{chartVersion}} always sets disable_mlock = true.',
    },
  },
  check(context) {
    const { model } = context;
    for (const duplicate of model.duplicateConfigKeys) {
      const { key: node, attribute, where } = duplicate;
      if (duplicate.chartLine === 'prepended')
        context.report({ node, messageId: 'chartPrependedDuplicate', data: { chartVersion: model.chartVersion } });
      else if (duplicate.chartLine === 'alwaysAppended')
        context.report({ node, messageId: 'chartAlwaysAppendedDuplicate', data: { chartVersion: model.chartVersion } });
      else if (duplicate.chartLine === 'appended') {
        const value = attribute.templated ? '(a Helm template)' : JSON.stringify(attribute.value);
        context.report({ node, messageId: 'chartAppendedDuplicate', data: { value, chartVersion: model.chartVersion } });
      } else {
        const related = [
          ...(duplicate.first ? [{ node: duplicate.first, message: 'first written here' }] : []),
          ...(duplicate.repeats ?? []).map((repeat) => ({ node: repeat, message: 'written again' })),
        ];
        context.report({ node, messageId: 'duplicateKey', data: { key: attribute.name, where, line: duplicate.firstLine ?? 0 }, related });
      }
    }
  },
});
