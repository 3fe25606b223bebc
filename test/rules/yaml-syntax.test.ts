import rule from '../../rules/yaml-syntax.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    'server:\n  ha:\n    enabled: true\n',
    '# only a comment\n',
    '',
    { name: 'the values path written by the file', code: 'vault:\n  server:\n    enabled: true\n', lint: { valuesPath: 'vault' } },
    {
      name: 'a key in both branches of a template conditional is no duplicate; actions are no syntax error',
      code: 'server:\n{{- if .Values.ha }}\n  replicas: 5\n{{- else }}\n  replicas: 1\n{{- end }}\n  tag: {{ .Values.tag }}\n',
    },
  ],
  invalid: [
    {
      name: 'tab indentation',
      code: 'server:\n\tha: {}\n',
      errors: [{ messageId: 'syntax', line: 2, column: 1, endLine: 2, endColumn: 2, message: /tab/ }],
    },
    {
      name: 'duplicate key at its second occurrence, the first related',
      code: 'server:\n  ha:\n    replicas: 5\n    replicas: 3\n',
      errors: [
        {
          messageId: 'duplicateKey',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 13,
          related: [{ line: 3, column: 5, endLine: 3, endColumn: 13, message: 'first written here' }],
        },
      ],
    },
    {
      name: 'a key repeated inside one branch of a template is still a duplicate',
      code: 'server:\n{{- if .Values.ha }}\n  replicas: 5\n  replicas: 3\n{{- end }}\n',
      errors: [
        {
          messageId: 'duplicateKey',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 11,
          related: [{ line: 3, column: 3, endLine: 3, endColumn: 11, message: 'first written here' }],
        },
      ],
    },
    {
      name: 'a key written three times is one finding; the same name in another map is its own',
      code: 'server:\n  a: 1\n  a: 2\n  a: 3\nui:\n  a: 1\n  a: 2\n',
      errors: [
        {
          messageId: 'duplicateKey',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 4,
          related: [
            { line: 2, column: 3, endLine: 2, endColumn: 4, message: 'first written here' },
            { line: 4, column: 3, endLine: 4, endColumn: 4, message: 'written again' },
          ],
        },
        {
          messageId: 'duplicateKey',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 4,
          related: [{ line: 6, column: 3, endLine: 6, endColumn: 4 }],
        },
      ],
    },
    {
      name: 'a second document',
      code: 'server: {}\n---\nui: {}\n',
      errors: [{ messageId: 'multipleDocuments', line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
    {
      name: 'a list at the top level',
      code: '- a\n- b\n',
      errors: [{ messageId: 'notAMap', line: 1, column: 1, endLine: 1, endColumn: 2 }],
    },
    { name: 'a complex key', code: '? [a, b]\n: 1\n', errors: [{ messageId: 'complexKey', line: 1, column: 3, endLine: 1, endColumn: 9 }] },
    {
      name: 'an alias without anchor',
      code: 'a: *nowhere\n',
      errors: [{ messageId: 'unknownAlias', line: 1, column: 4, endLine: 1, endColumn: 12 }],
    },
    {
      name: 'a file over maxFileSize is not read',
      code: 'server:\n  enabled: true\n',
      lint: { maxFileSize: 16 },
      errors: [{ messageId: 'fileTooLarge', line: 1, column: 1, endLine: 1, endColumn: 2, message: '16 bytes' }],
    },
    {
      name: 'a values path no file writes: one finding at the start of the file, nothing else is linted',
      code: 'global:\n  tlsDisable: false\nconsul:\n  enabled: true\n',
      lint: { valuesPath: 'vault' },
      errors: [{ messageId: 'sectionMissing', line: 1, column: 1, endLine: 1, endColumn: 2, message: '"vault", the values path' }],
    },
    {
      name: 'an alias bomb stops at the alias that crosses the expansion budget',
      code: [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...['a', 'b', 'c', 'd'].map((name, i) => `${'bcde'[i]}: &${'bcde'[i]} [${Array(10).fill(`*${name}`).join(', ')}]`),
      ].join('\n'),
      errors: [{ messageId: 'aliasBudget', line: 5, column: 36, endLine: 5, endColumn: 38, message: '"*d"' }],
    },
    {
      name: 'nesting past the depth limit',
      code: `a: ${'['.repeat(201)}${']'.repeat(201)}\n`,
      errors: [{ messageId: 'depthLimit', line: 1, column: 203, endLine: 1, endColumn: 204 }],
    },
    {
      name: 'a directive naming yaml-syntax is itself a finding, and does not hide the error',
      code: 'a: 1 # vault-lint-disable-line yaml-syntax\na: 2\n',
      errors: [
        { messageId: 'notDisableable', line: 1, column: 6, endLine: 1, endColumn: 43 },
        {
          messageId: 'duplicateKey',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 2,
          related: [{ line: 1, column: 1, endLine: 1, endColumn: 2 }],
        },
      ],
    },
    {
      name: 'a syntax error in a later document is reported; the first document is still read',
      code: 'server: {}\n---\nui: [\n',
      errors: [
        { messageId: 'multipleDocuments', line: 2, column: 1, endLine: 2, endColumn: 4 },
        { messageId: 'syntax', line: 4, column: 1, endLine: 4, endColumn: 1 },
      ],
    },
    {
      name: 'one missing anchor used three times is one finding; the other uses are related',
      code: 'server:\n  a: *x\n  b: *x\n  c: *y\n  d: *x\n',
      errors: [
        {
          messageId: 'unknownAlias',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 8,
          related: [
            { line: 3, column: 6, endLine: 3, endColumn: 8, message: 'the same alias again' },
            { line: 5, column: 6, endLine: 5, endColumn: 8 },
          ],
        },
        { messageId: 'unknownAlias', line: 4, column: 6, endLine: 4, endColumn: 8 },
      ],
    },
    {
      name: 'three documents are one finding at the second; the third is related',
      code: 'server: {}\n---\nui: {}\n---\ninjector: {}\n',
      errors: [
        {
          messageId: 'multipleDocuments',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          related: [{ line: 4, column: 1, endLine: 4, endColumn: 4, message: 'another document Helm ignores' }],
        },
      ],
    },
  ],
});
