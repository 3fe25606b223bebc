import rule from '../../rules/enterprise-license.js';
import { testRule } from '../helpers/rule-tester.js';

/** The Enterprise image under `server:`, indented for a case whose `server:` sits at `indent` spaces. */
const ent = (indent: number): string =>
  ['', 'image:', '  repository: hashicorp/vault-enterprise', '  tag: "1.16.1-ent"'].join(`\n${' '.repeat(indent + 2)}`);
const ENT = ent(6);
const ENT8 = ent(8);

testRule(rule, {
  valid: [
    {
      name: 'the chart license secret',
      code: `
      server:${ENT}
        enterpriseLicense:
          secretName: vault-license
    `,
    },
    {
      name: 'VAULT_LICENSE from a secret',
      code: `
      server:${ENT}
        extraSecretEnvironmentVars:
          - envName: VAULT_LICENSE
            secretName: vault-license
            secretKey: license
    `,
    },
    {
      name: 'VAULT_LICENSE_PATH into a secret mounted by extraVolumes',
      code: `
      server:${ENT}
        extraVolumes:
          - type: secret
            name: vault-license
        extraEnvironmentVars:
          VAULT_LICENSE_PATH: /vault/userconfig/vault-license/license.hclic
    `,
    },
    {
      name: 'license_path in the config, into a server.volumes secret',
      code: `
      server:${ENT}
        volumes:
          - name: license
            secret:
              secretName: vault-ent-license
        volumeMounts:
          - name: license
            mountPath: /etc/vault/license
            readOnly: true
        standalone:
          config: |
            license_path = "/etc/vault/license/vault.hclic"
            listener "tcp" { address = "[::]:8200" }
            storage "file" { path = "/vault/data" }
    `,
    },
    {
      name: 'the community image needs no license',
      code: `
      server:
        image:
          repository: hashicorp/vault
          tag: "1.16.1"
    `,
    },
  ],
  invalid: [
    {
      name: "the guide's example: no license, reported at the repository that makes the image Enterprise",
      code: `
        server:
          image:
            repository: "hashicorp/vault-enterprise"
            tag: "1.16.1-ent"
      `,
      errors: [
        {
          messageId: 'missingLicense',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 45,
          fromChartDefault: true,
          message: 'image "hashicorp/vault-enterprise:1.16.1-ent"',
        },
      ],
    },
    {
      name: 'an -ent tag alone decides it: reported at the tag',
      code: `
        server:
          image:
            tag: "1.17.2-ent"
      `,
      errors: [{ messageId: 'missingLicense', line: 3, column: 10, endLine: 3, endColumn: 22, fromChartDefault: true }],
    },
    {
      name: 'an -ent tag on the community repository, with an empty secret name',
      code: `
        server:
          image:
            tag: "1.17.2-ent"
          enterpriseLicense:
            secretName: ""
      `,
      errors: [{ messageId: 'missingLicense', line: 5, column: 17, endLine: 5, endColumn: 19 }],
    },
    {
      name: 'a secret name without a key mounts nothing',
      code: `
        server:${ENT8}
          enterpriseLicense:
            secretName: vault-license
            secretKey: ""
      `,
      errors: [
        { messageId: 'missingSecretKey', line: 7, column: 16, endLine: 7, endColumn: 18, message: 'secret "vault-license", found ""' },
      ],
    },
    {
      name: 'a literal license in the env is reported without its value',
      code: `
        server:${ENT8}
          extraEnvironmentVars:
            VAULT_LICENSE: 02MV4UU43BK5HGYYTOJZ
      `,
      errors: [{ messageId: 'literalLicense', line: 6, column: 20, endLine: 6, endColumn: 40, message: /^(?!.*02MV4UU43BK5HGYYTOJZ)/ }],
    },
    {
      name: 'a license path that no mounted secret provides',
      code: `
        server:${ENT8}
          extraEnvironmentVars:
            VAULT_LICENSE_PATH: /etc/vault/license.hclic
      `,
      errors: [
        {
          messageId: 'pathNotInSecret',
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 49,
          message: 'Unexpected VAULT_LICENSE_PATH "/etc/vault/license.hclic"',
        },
      ],
    },
  ],
});
