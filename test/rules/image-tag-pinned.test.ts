import rule from '../../rules/image-tag-pinned.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    `
      server:
        image:
          repository: hashicorp/vault
          tag: "1.16.1"
    `,
    `
      server:
        image:
          repository: hashicorp/vault-enterprise
          tag: "1.16.1-ent"
      injector:
        enabled: false
    `,
    {
      name: 'a digest after the version renders repository:version@sha256:…',
      code: `
      server:
        image:
          tag: "1.16.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    `,
    },
    {
      name: 'a digest satisfies requireDigest',
      options: { requireDigest: true },
      code: `
      server:
        image:
          tag: "1.16.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      injector:
        enabled: false
    `,
    },
    {
      name: 'external mode renders no server',
      code: `
      global:
        externalVaultAddr: https://vault.example.com
      injector:
        enabled: false
    `,
    },
    {
      name: 'component defaults are fine unless the option asks for explicit tags',
      code: `
      server:
        image:
          tag: "1.16.1"
      csi:
        enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'tag left to the chart default',
      code: `
        server:
          image:
            repository: hashicorp/vault
      `,
      errors: [
        {
          messageId: 'unpinnedDefault',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 8,
          fromChartDefault: true,
          message: 'the chart default "2.0.4"',
        },
      ],
    },
    {
      name: 'the default of chart 0.28.0 is named',
      code: `
        server:
          ha:
            enabled: true
      `,
      lint: { chartVersion: '0.28.0' },
      errors: [{ messageId: 'unpinnedDefault', line: 1, column: 1, endLine: 1, endColumn: 7, message: '"1.16.1"' }],
    },
    {
      name: 'an unquoted version is a number',
      code: `
        server:
          image:
            tag: 1.10
      `,
      errors: [{ messageId: 'notString', line: 3, column: 10, endLine: 3, endColumn: 14, message: 'found the number 1.1' }],
    },
    {
      name: 'latest and empty',
      code: `
        server:
          image:
            tag: latest
        injector:
          agentImage:
            tag: ""
      `,
      errors: [
        { messageId: 'latest', line: 3, column: 10, endLine: 3, endColumn: 16 },
        { messageId: 'latest', line: 6, column: 10, endLine: 6, endColumn: 12 },
      ],
    },
    {
      name: 'a minor version moves',
      code: `
        server:
          image:
            tag: "1.16"
      `,
      errors: [{ messageId: 'partialVersion', line: 3, column: 10, endLine: 3, endColumn: 16 }],
    },
    {
      name: 'explicit component tags and digests when asked',
      code: `
        server:
          image:
            tag: "1.16.1"
        injector:
          enabled: false
      `,
      options: { requireDigest: true },
      errors: [{ messageId: 'notDigest', line: 3, column: 10, endLine: 3, endColumn: 18, message: 'carry an image digest' }],
    },
    {
      name: 'a bare digest renders "hashicorp/vault:sha256:…", an invalid image reference',
      code: `
        server:
          image:
            tag: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      `,
      errors: [{ messageId: 'bareDigest', line: 3, column: 10, endLine: 3, endColumn: 83 }],
    },
    {
      name: 'a bare digest on the injector agent is as broken',
      code: `
        server:
          image:
            tag: "1.16.1"
        injector:
          agentImage:
            tag: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      `,
      errors: [{ messageId: 'bareDigest', line: 6, column: 10, endLine: 6, endColumn: 83 }],
    },
    {
      name: 'requireExplicitComponentTags reports the injector images at their nearest written key',
      code: `
        server:
          image:
            tag: "1.16.1"
        injector:
          replicas: 2
      `,
      options: { requireExplicitComponentTags: true },
      errors: [
        { messageId: 'unpinnedDefault', line: 4, column: 1, endLine: 4, endColumn: 9, fromChartDefault: true },
        { messageId: 'unpinnedDefault', line: 4, column: 1, endLine: 4, endColumn: 9, fromChartDefault: true },
      ],
    },
  ],
});
