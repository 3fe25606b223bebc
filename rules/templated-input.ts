import { defineRule } from '../src/engine/index.js';

/** Related locations listed after the first; a template may hold hundreds of expressions. */
const MAX_RELATED = 10;

export default defineRule({
  id: 'templated-input',
  meta: {
    description:
      'A values file that is a template (helmfile .gotmpl, Terraform templatefile) is read with its template constructs set aside',
    severity: 'info',
    tags: ['syntax'],
    guide: 'Using Helm charts',
    messages: {
      helmTemplate:
        'Read this values file as a Go template (helmfile .gotmpl or similar): {{lines}} control actions set aside (every branch read) and {{values}} values printed by actions read as unknown',
      terraformTemplate:
        'Read this values file as a Terraform templatefile template: {{lines}} directives and embedded interpolations set aside (every branch and loop body read once) and {{values}} ${…} values read as unknown',
    },
    hints: {
      helmTemplate:
        'Nothing to change here; to check what the template prints, also lint the rendered values (for helmfile: helmfile write-values, then vault-lint on the output).',
      terraformTemplate:
        'Nothing to change here; to check what the template prints, also lint the rendered values (the output of templatefile(), e.g. from terraform console, written to a file).',
    },
  },
  check(context) {
    for (const layer of context.model.userLayers) {
      const template = layer.template;
      if (!template) continue;
      const spans = [...template.setAside, ...template.opaque].sort((a, b) => a.start - b.start);
      const [first, ...rest] = spans;
      if (!first) continue;
      const at = (span: { start: number; end: number }) => ({ place: () => ({ layer, start: span.start, end: span.end, yamlPath: [] }) });
      context.report({
        node: at(first),
        // Terraform wins the wording when both kinds appear: its directives are what the reader meets first.
        messageId: template.kinds.includes('terraform') ? 'terraformTemplate' : 'helmTemplate',
        data: { lines: String(template.setAside.length), values: String(template.opaque.length) },
        related: rest.slice(0, MAX_RELATED).map((span) => ({ node: at(span), message: 'also set aside or unknown' })),
      });
    }
  },
});
