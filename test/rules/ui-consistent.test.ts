import rule from '../../rules/ui-consistent.js';
import { testRule } from '../helpers/rule-tester.js';

/** A listener and storage, indented as config lines `indent` spaces deep. */
const storage = (indent: number): string =>
  ['', 'listener "tcp" { address = "[::]:8200" }', 'storage "file" { path = "/vault/data" }'].join(`\n${' '.repeat(indent)}`);
const STORAGE = storage(12);

testRule(rule, {
  valid: [
    {
      name: "both on, as in the guide's example",
      code: `
      ui:
        enabled: true
      server:
        standalone:
          config: |
            ui = true${STORAGE}
    `,
    },
    {
      name: 'both off',
      code: `
      server:
        standalone:
          config: |
            ui = false${STORAGE}
    `,
    },
    {
      name: 'no ui setting and no ui Service',
      code: `
      server:
        standalone:
          config: |${STORAGE}
    `,
    },
    {
      name: 'dev mode always serves the UI',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
    {
      name: 'the chart default config serves the UI while ui.enabled stays off: nothing conflicts',
      code: `
      server:
        image:
          tag: "1.16.1"
    `,
    },
    {
      name: 'ui = true with no ui Service: reached by port-forward or the main Service, fine',
      code: `
      ui:
        enabled: false
      server:
        standalone:
          config: |
            ui = "true"${STORAGE}
    `,
    },
    {
      name: 'VAULT_UI in the environment decides instead of the config',
      code: `
      ui:
        enabled: true
      server:
        extraEnvironmentVars:
          VAULT_UI: "true"
        standalone:
          config: |${STORAGE}
    `,
    },
    {
      name: 'a ui value Vault cannot read is left to other rules',
      code: `
      server:
        standalone:
          config: |
            ui = "yes"${STORAGE}
    `,
    },
  ],
  invalid: [
    {
      name: 'ui Service on, UI off in the config',
      code: `
        ui:
          enabled: true
        server:
          standalone:
            config: |${storage(14)}
      `,
      errors: [
        {
          messageId: 'serviceWithoutUi',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 16,
          message:
            'Service "vault-ui": ui.enabled is on, but the Vault config does not serve the web UI (no ui setting, and Vault\'s default is off)',
        },
      ],
    },
    {
      name: 'ui.enabled "-" follows global.enabled; ui = false in an HA config',
      lint: { releaseName: 'prod' },
      code: `
        ui:
          enabled: "-"
        server:
          ha:
            enabled: true
            config: |
              ui = false${storage(14)}
      `,
      errors: [{ messageId: 'serviceWithoutUi', line: 2, column: 12, endLine: 2, endColumn: 15, message: '(ui = false)' }],
    },
  ],
});
