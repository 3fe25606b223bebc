import rule from '../../rules/hcl-syntax.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      // helmfile prints value actions before Helm reads the file: the config gets a value there, never an empty one.
      name: 'value actions in the config of a helmfile template stand for values',
      code: 'server:\n  image:\n    tag: {{ .Values.vaultVersion | quote }}\n  standalone:\n    config: |\n      disable_mlock = {{ .Values.disableMlock }}\n      ui = {{ .Values.ui }}\n      storage "file" { path = "/vault/data" }\n',
    },
    'server:\n  standalone:\n    config: |\n      storage "file" { path = "/d" }\n',
    {
      name: 'a broken config in a key no mode reads is still checked only when the user wrote it; the default config is fine',
      code: 'global:\n  enabled: true\n',
    },
  ],
  invalid: [
    {
      name: 'unterminated string at its line in the literal block',
      code: 'server:\n  standalone:\n    config: |\n      listener "tcp" {\n        address = "[::]:8200\n      }\n',
      errors: [{ messageId: 'invalidHcl', line: 5, column: 19, endLine: 5, endColumn: 29 }],
    },
    {
      name: 'JSON error',
      code: `server:\n  standalone:\n    config: '{"storage": {"file": {"path": /d}}}'\n`,
      errors: [{ messageId: 'invalidJson', line: 3, column: 44, endLine: 3, endColumn: 45 }],
    },
    {
      name: 'a config the chart ignores is checked too',
      code: 'server:\n  ha:\n    raft:\n      config: |\n        storage "raft" {\n          path = \n        }\n',
      errors: [{ messageId: 'invalidHcl', line: 7, column: 9, endLine: 7, endColumn: 10 }],
    },
    {
      name: 'text HCL v1 accepts but drops',
      code: 'server:\n  standalone:\n    config: |\n      storage "file" { path = "/d" }\n      ui =\n',
      errors: [{ messageId: 'ignoredByVault', line: 5, column: 7, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'a config over the size limit (maxConfigSize) is not parsed, reported at its key',
      code: `server:\n  standalone:\n    config: "${'#'.repeat(1024 * 1024 + 1)}"\n`,
      errors: [{ messageId: 'configTooLarge', line: 3, column: 5, endLine: 3, endColumn: 11 }],
    },
    {
      name: 'a directive in a config comment naming hcl-syntax is itself a finding, and does not hide the error',
      code: 'server:\n  standalone:\n    config: |\n      # vault-lint-disable hcl-syntax\n      listener "tcp" {\n        address = "[::]:8200\n      }\n',
      errors: [
        { messageId: 'notDisableable', line: 4, column: 7, endLine: 4, endColumn: 38 },
        { messageId: 'invalidHcl', line: 6, column: 19, endLine: 6, endColumn: 29 },
      ],
    },
    {
      name: 'a missing "{" is one error: the "}" the recovery trips over later is no second mistake',
      code: 'server:\n  standalone:\n    config: |\n      listener "tcp" {\n        tls_disable = 1\n      }\n      storage "file"\n        path = "/x"\n      }\n      ui = true\n',
      errors: [{ messageId: 'invalidHcl', line: 7, column: 7, endLine: 7, endColumn: 14, message: 'Expected "=" after key "storage"' }],
    },
    {
      name: 'JSON: the first error only; what a broken document would drop is moot',
      code: 'server:\n  standalone:\n    config: |\n      {"listener": {"tcp": {"address": "[::]:8200",, "tls_disable": 1}},\n       "storage": {"file": {"path": "/x"}}\n',
      errors: [{ messageId: 'invalidJson', line: 4, column: 52, endLine: 4, endColumn: 53 }],
    },
    {
      name: 'what HCL v1 drops before the first error is still reported, with that error',
      code: `server:\n  standalone:\n    config: |\n      {"plugins": [true],\n       "storage": {"file": {"path": /x}}}\n`,
      errors: [
        { messageId: 'ignoredByVault', line: 4, column: 20, endLine: 4, endColumn: 24 },
        { messageId: 'invalidJson', line: 5, column: 37, endLine: 5, endColumn: 38 },
      ],
    },
  ],
});
