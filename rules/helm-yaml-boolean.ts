import { defineRule } from '../src/engine/index.js';

export default defineRule({
  id: 'helm-yaml-boolean',
  meta: {
    description: 'Booleans are written as true or false, which every YAML reader agrees on',
    severity: 'warning',
    tags: ['yaml', 'portability'],
    guide: 'Using Helm charts',
    messages: {
      yaml11Boolean:
        'Unexpected YAML 1.1 boolean "{{text}}" at {{path}}; Helm reads {{value}}, but YAML 1.2 tools (yq, editors, schema checks) read the string "{{text}}"',
    },
    hints: {
      yaml11Boolean: 'Write {{value}}, or quote it ("{{text}}") if a string is meant.',
    },
  },
  check(context) {
    for (const node of context.model.yaml11Booleans) {
      const text = node.yaml?.kind === 'scalar' ? node.yaml.text : String(node.value);
      context.report({ node, messageId: 'yaml11Boolean', data: { text, value: String(node.value), path: node.path.join('.') } });
    }
  },
});
