import { describe, expect, it } from 'vitest';
import rule from '../../rules/tls-enabled.js';
import { dedent, runRule, testRule } from '../helpers/rule-tester.js';

const LISTENER_TLS = `
      listener "tcp" {
        address       = "[::]:8200"
        tls_cert_file = "/vault/userconfig/tls/tls.crt"
        tls_key_file  = "/vault/userconfig/tls/tls.key"
      }
      storage "file" { path = "/vault/data" }`;

testRule(rule, {
  valid: [
    {
      name: 'global.tlsDisable printed by an action of a templated values file, with a TLS listener',
      code: `
      global:
        tlsDisable: {{ .Values.tlsDisable }}
      server:
        standalone:
          config: |${LISTENER_TLS.replace(/\n {6}/g, '\n            ')}
    `,
    },
    {
      name: 'dev mode always serves plain HTTP: asking for chart TLS would break its probes',
      code: `
      global:
        tlsDisable: true
      server:
        dev:
          enabled: true
    `,
    },
    {
      name: 'TLS in the chart and the listener',
      code: `
      global:
        tlsDisable: false
      server:
        standalone:
          config: |${LISTENER_TLS.replace(/\n {6}/g, '\n            ')}
    `,
    },
    {
      name: 'external Vault: nothing rendered',
      code: `
      global:
        externalVaultAddr: https://vault.example.com:8200
    `,
    },
    {
      name: 'tls_disable = false spelled as a string',
      code: `
      global:
        tlsDisable: false
      server:
        standalone:
          config: |
            listener "tcp" {
              tls_disable   = "false"
              tls_cert_file = "/vault/userconfig/tls/tls.crt"
              tls_key_file  = "/vault/userconfig/tls/tls.key"
            }
    `,
    },
    {
      name: 'dev mode serves plain http only: the chart must keep tlsDisable (chart 0.34.1 _helpers.tpl vault.scheme, server-statefulset.yaml -dev)',
      code: `
      server:
        dev:
          enabled: true
    `,
    },
  ],
  invalid: [
    {
      name: 'the string "false" is truthy to the chart',
      code: `
        global:
          tlsDisable: "false"
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'chartTlsDisabled', line: 2, column: 15, endLine: 2, endColumn: 22, message: 'found "false"' }],
    },
    {
      name: 'the chart default config disables TLS: reported at the nearest written key',
      code: `
        global:
          tlsDisable: false
        server:
          image:
            tag: "1.16.1"
      `,
      errors: [
        {
          messageId: 'listenerTlsDisabled',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 7,
          fromChartDefault: true,
          related: [{ line: 2, column: 15, endLine: 2, endColumn: 20, message: 'makes the chart use https' }],
        },
      ],
    },
    {
      name: 'tls_disable = 1 inside a literal block maps exactly',
      code: `
        global:
          tlsDisable: false
        server:
          ha:
            enabled: true
            config: |
              listener "tcp" {
                address     = "[::]:8200"
                tls_disable = 1
              }
      `,
      errors: [
        {
          messageId: 'listenerTlsDisabled',
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 24,
          message: 'pods never become Ready',
          related: [{ line: 2, column: 15, endLine: 2, endColumn: 20 }],
        },
      ],
    },
    {
      name: 'a value Vault cannot read as a boolean',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_disable = "yes"
              }
      `,
      errors: [{ messageId: 'listenerTlsDisableInvalid', line: 7, column: 23, endLine: 7, endColumn: 28 }],
    },
    {
      name: 'certificate and key missing: one finding, at the listener header',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                address = "[::]:8200"
              }
      `,
      errors: [{ messageId: 'missingCertificate', line: 6, column: 7, endLine: 6, endColumn: 21 }],
    },
    {
      name: 'only the key missing names the key',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
              }
      `,
      errors: [{ messageId: 'missingKeyFile', line: 6, column: 7, endLine: 6, endColumn: 21 }],
    },
    {
      name: 'only the certificate missing names the certificate',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_key_file = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [{ messageId: 'missingCertFile', line: 6, column: 7, endLine: 6, endColumn: 21 }],
    },
    {
      name: 'an escaped one-line config maps to the whole scalar, marked approximate',
      code: `
        global:
          tlsDisable: false
        server:
          standalone:
            config: "listener \\"tcp\\" {\\n  tls_disable = true\\n}\\n"
      `,
      errors: [
        {
          messageId: 'listenerTlsDisabled',
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 60,
          approximate: true,
          related: [{ line: 2, column: 15, endLine: 2, endColumn: 20 }],
        },
      ],
    },
    {
      name: 'TLS off in the chart and on the listener: one finding at the listener, the chart switch related',
      code: `
        global:
          tlsDisable: true
        server:
          standalone:
            config: |
              listener "tcp" {
                tls_disable = 1
              }
      `,
      errors: [
        {
          messageId: 'tlsDisabled',
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 24,
          message: 'global.tlsDisable: true',
          related: [{ line: 2, column: 15, endLine: 2, endColumn: 19, message: 'the chart side of the same switch' }],
        },
      ],
    },
    {
      name: 'neither written: the chart default config, at the nearest written key; no related place to show',
      code: `
        server:
          image:
            tag: "1.16.1"
      `,
      errors: [{ messageId: 'tlsDisabled', line: 1, column: 1, endLine: 1, endColumn: 7, fromChartDefault: true }],
    },
    {
      name: 'a file that writes nothing on the path: the start of the file, and the message says so',
      code: `
        injector:
          enabled: false
      `,
      errors: [
        {
          messageId: 'tlsDisabled',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fromChartDefault: true,
          message: '(chart default; not set in this file)',
        },
      ],
    },
    {
      name: 'two plain-text listeners and plain-http joins: one finding; the second listener and the joins are related',
      code: `
        global:
          tlsDisable: false
        server:
          ha:
            enabled: true
            replicas: 2
            raft:
              enabled: true
              config: |
                listener "tcp" {
                  address     = "[::]:8200"
                  tls_disable = true
                }
                listener "tcp" {
                  address     = "[::]:8300"
                  tls_disable = "1"
                }
                storage "raft" {
                  retry_join { leader_api_addr = "http://vault-0.vault-internal:8200" }
                  retry_join { leader_api_addr = "http://vault-1.vault-internal:8200" }
                }
      `,
      errors: [
        {
          messageId: 'listenerTlsDisabled',
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 29,
          related: [
            { line: 16, column: 25, endLine: 16, endColumn: 28, message: 'another listener' },
            { line: 2, column: 15, endLine: 2, endColumn: 20 },
            { line: 19, column: 42, endLine: 19, endColumn: 78, message: 'needs https:// and leader_ca_cert_file' },
            { line: 20, column: 42, endLine: 20, endColumn: 78 },
          ],
        },
      ],
    },
    {
      name: 'TLS off everywhere and VAULT_ADDR overridden over http: one finding, the override related and named in the hint',
      code: `
        global:
          tlsDisable: true
        server:
          extraEnvironmentVars:
            VAULT_ADDR: http://127.0.0.1:8200
          standalone:
            config: |
              listener "tcp" {
                tls_disable = 1
              }
      `,
      errors: [
        {
          messageId: 'tlsDisabled',
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 24,
          related: [
            { line: 2, column: 15, endLine: 2, endColumn: 19, message: 'the chart side of the same switch' },
            { line: 5, column: 17, endLine: 5, endColumn: 38, message: 'VAULT_ADDR' },
          ],
        },
      ],
    },
    {
      name: 'the listener serves TLS, the chart speaks http and VAULT_ADDR repeats http: the override rides along',
      code: `
        server:
          extraEnvironmentVars:
            VAULT_ADDR: http://127.0.0.1:8200
          standalone:
            config: |
              listener "tcp" {
                tls_cert_file = "/vault/userconfig/tls/tls.crt"
                tls_key_file  = "/vault/userconfig/tls/tls.key"
              }
      `,
      errors: [
        {
          messageId: 'chartTlsDisabled',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fromChartDefault: true,
          related: [{ line: 3, column: 17, endLine: 3, endColumn: 38, message: 'VAULT_ADDR' }],
        },
      ],
    },
    {
      name: 'TLS off everywhere and VAULT_ADDR already over https: the CLI fails against the plain listener, related',
      code: `
        global:
          tlsDisable: true
        server:
          extraEnvironmentVars:
            VAULT_ADDR: https://127.0.0.1:8200
          standalone:
            config: |
              listener "tcp" {
                tls_disable = 1
              }
      `,
      errors: [
        {
          messageId: 'tlsDisabled',
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 24,
          related: [
            { line: 2, column: 15, endLine: 2, endColumn: 19, message: 'the chart side of the same switch' },
            { line: 5, column: 17, endLine: 5, endColumn: 39, message: 'speak https to the plain-text listener' },
          ],
        },
      ],
    },
  ],
});

describe('tls-enabled hints', () => {
  const both = dedent(`
    global:
      tlsDisable: true
    server:
      ha:
        enabled: true
        replicas: 2
        raft:
          enabled: true
          config: |
            listener "tcp" {
              tls_disable = 1
            }
            storage "raft" {
              retry_join { leader_api_addr = "http://vault-0.vault-internal:8200" }
              retry_join { leader_api_addr = "http://vault-1.vault-internal:8200" }
            }
  `);

  it('names both changes when TLS is off in the chart and on the listener, and the joins too', async () => {
    const [finding, ...rest] = await runRule(rule, both);
    expect(rest).toEqual([]);
    expect(finding!.hint).toContain('global.tlsDisable: false');
    expect(finding!.hint).toContain('tls_cert_file');
    expect(finding!.hint).toContain('give every retry_join an https:// leader_api_addr and leader_ca_cert_file');
    expect(finding!.hint).not.toMatch(/http:\/\/|tlsDisable: true/);
  });

  it('names https joins without the leader CA too: they stop joining once the listener serves TLS', async () => {
    const [finding] = await runRule(rule, both.replaceAll('"http://', '"https://'));
    expect(finding!.hint).toContain('leader_ca_cert_file');
    expect(finding!.relatedLocations).toHaveLength(3);
  });

  it('leaves the joins out of the hint when they already use https with the leader CA', async () => {
    const withCa = both.replace(
      /retry_join \{ leader_api_addr = "http:\/\/(vault-\d)\.vault-internal:8200" \}/g,
      'retry_join { leader_api_addr = "https://$1.vault-internal:8200", leader_ca_cert_file = "/vault/userconfig/tls-ca/ca.crt" }',
    );
    const [finding] = await runRule(rule, withCa);
    expect(finding!.messageId).toBe('tlsDisabled');
    expect(finding!.hint).not.toContain('retry_join');
  });

  it('never tells a plain-text listener to pair with global.tlsDisable: false alone', async () => {
    const findings = await runRule(rule, both.replace('tlsDisable: true', 'tlsDisable: false'));
    expect(findings.map((finding) => finding.messageId)).toEqual(['listenerTlsDisabled']);
    expect(findings[0]!.hint).toMatch(/^Keep global\.tlsDisable: false and set tls_cert_file and tls_key_file/);
  });

  // Pasting the hint must not leave a VAULT_CACERT or leader_ca_cert_file naming a file nothing mounts (userconfig-mounted).
  const httpAddr = both.replace('\n  ha:', '\n  extraEnvironmentVars:\n    VAULT_ADDR: http://127.0.0.1:8200\n  ha:');

  it('mounts the CA it names for VAULT_CACERT and the joins when no volume holds it', async () => {
    const [finding] = await runRule(rule, httpAddr);
    expect(finding!.hint).toContain(
      'next to VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt, with the CA secret mounted by a server.extraVolumes item "- type: secret, name: tls-ca"',
    );
    expect(finding!.hint).toContain('leader_ca_cert_file (e.g. /vault/userconfig/tls-ca/ca.crt, with the CA secret mounted');
  });

  it('names the CA alone when server.extraVolumes already mounts tls-ca', async () => {
    const mounted = httpAddr.replace('\n  ha:', '\n  extraVolumes:\n    - type: secret\n      name: tls-ca\n  ha:');
    const [finding] = await runRule(rule, mounted);
    expect(finding!.hint).toContain('next to VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt;');
    expect(finding!.hint).not.toContain('server.extraVolumes item');
  });
});
