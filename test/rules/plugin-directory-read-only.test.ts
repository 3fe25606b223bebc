import rule from '../../rules/plugin-directory-read-only.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: "the chart's own example: an emptyDir an init container fills, mounted read-only",
      code: `
      server:
        volumes:
          - name: plugins
            emptyDir: {}
        volumeMounts:
          - mountPath: /usr/local/libexec/vault
            name: plugins
            readOnly: true
        standalone:
          config: |
            plugin_directory = "/usr/local/libexec/vault"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'an extraVolumes item (always read-only), and a path the image decides about',
      code: `
      server:
        extraVolumes:
          - type: configMap
            name: plugins
        standalone:
          config: |
            plugin_directory = "/vault/userconfig/plugins"
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'a path in the image',
      code: `
      server:
        standalone:
          config: |
            plugin_directory = "/usr/local/libexec/vault"
            storage "file" { path = "/vault/data" }
    `,
    },
  ],
  invalid: [
    {
      name: 'in the data volume',
      code: `
        server:
          standalone:
            config: |
              plugin_directory = "/vault/data/plugins"
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'writable', line: 4, column: 26, endLine: 4, endColumn: 47, message: 'data volume at /vault/data' }],
    },
    {
      name: 'in the audit volume, where a file audit device writes',
      code: `
        server:
          auditStorage:
            enabled: true
          standalone:
            config: |
              plugin_directory = "/vault/audit/"
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'writable', line: 6, column: 26, endLine: 6, endColumn: 41, message: 'audit volume at /vault/audit' }],
    },
    {
      name: 'in /tmp',
      code: `
        server:
          standalone:
            config: |
              plugin_directory = "/tmp/plugins"
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'writable',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 40,
          message: "/tmp is the container's writable scratch space",
        },
      ],
    },
    {
      name: 'in the home emptyDir',
      code: `
        server:
          standalone:
            config: |
              plugin_directory = "/home/vault/plugins"
              storage "file" { path = "/vault/data" }
      `,
      errors: [{ messageId: 'writable', line: 4, column: 26, endLine: 4, endColumn: 47, message: 'home emptyDir' }],
    },
    {
      name: 'an emptyDir mounted writable: the mount is related',
      code: `
        server:
          volumes:
            - name: plugins
              emptyDir: {}
          volumeMounts:
            - mountPath: /usr/local/libexec/vault
              name: plugins
          standalone:
            config: |
              plugin_directory = "/usr/local/libexec/vault"
              storage "file" { path = "/vault/data" }
      `,
      errors: [
        {
          messageId: 'writable',
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 52,
          message: 'volumeMounts entry at /usr/local/libexec/vault is not readOnly',
          related: [{ line: 6, column: 7, endLine: 6, endColumn: 42, message: 'the writable volumeMount' }],
        },
      ],
    },
  ],
});
