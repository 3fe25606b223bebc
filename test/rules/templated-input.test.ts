import rule from '../../rules/templated-input.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'an ordinary file', code: 'server:\n  image:\n    tag: "1.16.1"\n' },
    {
      name: 'shell variables and chart tpl in an ordinary file',
      code: [
        'server:',
        '  annotations:',
        '    release: "{{ .Release.Name }}"',
        '  extraArgs: "-log-level=${LEVEL}"',
        '  postStart: ["/bin/sh", "-c", "echo ${HOSTNAME}"]',
        '',
      ].join('\n'),
    },
    { name: 'an escaped interpolation is text', code: 'server:\n  extraArgs: "$${LEVEL}"\n' },
    { name: 'template text in a comment', code: '# tag: ${vault_version}\nserver: {}\n' },
  ],
  invalid: [
    {
      name: 'a Terraform interpolation as a whole value, then a directive line',
      code: 'server:\n  image:\n    tag: ${vault_version}\n%{ if ha ~}\n  ha:\n    enabled: true\n%{ endif ~}\n',
      errors: [
        {
          messageId: 'terraformTemplate',
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 26,
          message: '2 directives and embedded interpolations set aside (every branch and loop body read once) and 1 ${…} values',
          related: [
            { line: 4, column: 1, endLine: 4, endColumn: 12 },
            { line: 7, column: 1, endLine: 7, endColumn: 12 },
          ],
        },
      ],
    },
    {
      name: 'Helm control lines and a value printed by an action',
      code: '{{- if .Values.ui }}\nui:\n  enabled: true\n{{- end }}\nserver:\n  image:\n    tag: {{ .Values.tag | quote }}\n',
      errors: [
        {
          messageId: 'helmTemplate',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 21,
          message: '2 control actions set aside (every branch read) and 1 values printed by actions',
          related: [
            { line: 4, column: 1, endLine: 4, endColumn: 11 },
            { line: 7, column: 10, endLine: 7, endColumn: 35 },
          ],
        },
      ],
    },
  ],
});
