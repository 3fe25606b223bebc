import { defineRule, type SyntaxProblem } from '../src/engine/index.js';

/** Problems that repeat one mistake, with what each repeat is called as a related location. */
const RELATED: Record<string, string> = {
  unknownAlias: 'the same alias again',
  multipleDocuments: 'another document Helm ignores',
};

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
      fileTooLarge: '{{detail}}',
      aliasBudget: '{{detail}}',
      depthLimit: '{{detail}}',
      notDisableable: '{{detail}}',
      sectionMissing: '{{detail}}',
    },
    hints: {
      syntax: 'Fix the YAML at this position; until it parses, no other check can run on this file.',
      duplicateKey: 'Keep one of the keys; Helm silently uses the last one.',
      multipleDocuments: 'Split the documents into separate values files and pass each with -f.',
      complexKey: 'Use plain string keys.',
      unknownAlias: 'Define the anchor (&name) before the alias that uses it.',
      notAMap: 'A values file holds keys such as global:, server:, ui: at the top level.',
      fileTooLarge:
        'Split the values into several files passed with -f, or raise the limit (maxFileSize) if the file is really meant to be this large.',
      aliasBudget:
        'Anchor smaller pieces or write the repeated values out; if nothing reads the nested aliases (an alias bomb), delete them. Helm itself refuses documents with excessive aliasing.',
      depthLimit: 'Flatten the structure; Helm values nest a few levels deep.',
      notDisableable:
        'Remove yaml-syntax from the directive (the whole directive if it names no other rule, since a bare one switches every rule off) and fix the syntax problem instead; Helm reads such a file differently from what it says.',
      sectionMissing:
        "Write the vault chart's values in this file under the values path's key, the key under which the umbrella chart passes them to its vault dependency (the alias in its Chart.yaml, else vault); if the file holds the vault chart's own values, leave out --values-path and valuesPath instead.",
    },
  },
  runsOnUnreadableInput: true,
  check(context) {
    // One mistake shows once: every later use of the same unknown alias, and every document after
    // the second, rides along as a related location of the first.
    const groups = new Map<string, SyntaxProblem[]>();
    for (const problem of context.model.syntaxProblems) {
      if (problem.ruleId !== 'yaml-syntax') continue;
      const related = RELATED[problem.messageId];
      const key =
        related === undefined ? `${groups.size}` : `${problem.place.layer.index}\u0000${problem.messageId}\u0000${problem.message}`;
      const group = groups.get(key);
      if (group) group.push(problem);
      else groups.set(key, [problem]);
    }
    for (const [problem, ...rest] of groups.values()) {
      if (!problem) continue;
      context.report({
        node: { place: () => problem.place },
        messageId: problem.messageId as 'syntax',
        data: { detail: problem.message },
        related: [
          ...(problem.related ?? []).map(({ place, message }) => ({ node: { place: () => place }, message })),
          ...rest.map((repeat) => ({ node: { place: () => repeat.place }, message: RELATED[repeat.messageId]! })),
        ],
      });
    }
  },
});
