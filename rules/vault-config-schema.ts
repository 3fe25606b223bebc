import { defineRule } from '../src/engine/index.js';

const UNKNOWN = 'Vault {{effect}}, so the setting has no effect (Vault configuration reference)';

export default defineRule({
  id: 'vault-config-schema',
  meta: {
    description: 'Every parameter of the embedded Vault config is one Vault reads, with a value it accepts',
    severity: 'warning',
    tags: ['vault-config', 'typo'],
    guide: 'Vault listener; Vault storage configuration; Vault seal configuration',
    messages: {
      unknownKey: `Unknown parameter "{{key}}" {{where}}; ${UNKNOWN}`,
      misspeltKey: `Unknown parameter "{{key}}" {{where}} (did you mean "{{suggestion}}"?); ${UNKNOWN}`,
      unknownType: 'Unknown {{stanza}} type "{{key}}"{{didYouMean}}; Vault refuses to start with it (Vault configuration reference)',
      wrongType:
        'Expected {{key}} {{where}} to be {{expected}}, found {{found}}; Vault refuses to start on a value it cannot read (Vault configuration reference)',
      conflict: 'Unexpected both "{{key}}" and "{{other}}" {{where}}; Vault accepts only one of them (Vault configuration reference)',
      extraBlock:
        'Unexpected second {{stanza}} block "{{key}}"; Vault allows one {{stanza}} stanza and refuses to start (Vault configuration reference)',
    },
    hints: {
      unknownKey: 'Remove "{{key}}", or use the parameter you meant (see the Vault configuration reference).',
      misspeltKey: 'Rename "{{key}}" to "{{suggestion}}".',
      unknownType: 'Use a {{stanza}} type Vault knows{{didYouMean}}.',
      wrongType: 'Write {{key}} as {{expected}}.',
      conflict: 'Keep "{{key}}" or "{{other}}", not both.',
      extraBlock: 'Keep one {{stanza}} block.',
    },
    messageSeverities: { unknownType: 'error', wrongType: 'error', conflict: 'error', extraBlock: 'error' },
  },
  requires: ['vaultConfigSchema'],
  check(context) {
    for (const problem of context.model.configSchemaProblems) {
      const { node, key, where } = problem;
      const effect = problem.vaultWarns ? 'only logs a warning and ignores it' : 'ignores it silently';
      if (problem.kind === 'unknownKey') {
        const messageId = problem.suggestion === undefined ? 'unknownKey' : 'misspeltKey';
        context.report({ node, messageId, data: { key, where, effect, suggestion: problem.suggestion ?? '' } });
      } else if (problem.kind === 'unknownType') {
        context.report({
          node,
          messageId: 'unknownType',
          data: {
            key,
            stanza: problem.path,
            didYouMean: problem.suggestion === undefined ? '' : ` (did you mean "${problem.suggestion}"?)`,
          },
        });
      } else if (problem.kind === 'conflict') {
        context.report({ node, messageId: 'conflict', data: { key, where, other: problem.other ?? '' } });
      } else if (problem.kind === 'extraBlock') {
        context.report({ node, messageId: 'extraBlock', data: { key, stanza: problem.path } });
      } else {
        context.report({
          node,
          messageId: 'wrongType',
          data: { key, where, expected: problem.expected ?? '', found: problem.found ?? '' },
        });
      }
    }
  },
});
