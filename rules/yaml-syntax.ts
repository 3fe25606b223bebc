import { defineRule } from '../src/engine/index.js';

export default defineRule({
  id: 'yaml-syntax',
  meta: {
    description: 'The values file is valid YAML that Helm reads as one mapping',
    severity: 'error',
    tags: ['syntax'],
    guide: 'Using Helm charts',
    messages: {
      syntax: '{{detail}}',
      duplicateKey: '{{detail}}',
      multipleDocuments: '{{detail}}',
      complexKey: '{{detail}}',
      unknownAlias: '{{detail}}',
      notAMap: '{{detail}}',
    },
    hints: {
      syntax: 'Fix the YAML at this position; until it parses, no other check can run on this file.',
      duplicateKey: 'Keep one of the keys; Helm silently uses the last one.',
      multipleDocuments: 'Split the documents into separate values files and pass each with -f.',
      complexKey: 'Use plain string keys.',
      unknownAlias: 'Define the anchor (&name) before the alias that uses it.',
      notAMap: 'A values file holds keys such as global:, server:, ui: at the top level.',
    },
  },
  runsOnUnreadableInput: true,
  check(context) {
    for (const problem of context.model.syntaxProblems) {
      if (problem.ruleId !== 'yaml-syntax') continue;
      context.report({
        node: { place: () => problem.place },
        messageId: problem.messageId as 'syntax',
        data: { detail: problem.message },
      });
    }
  },
});
