import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicate-config-key.js';
import { lintText } from '../../src/index.js';
import { dedent, testRule, type ExpectedRelated } from '../helpers/rule-tester.js';

/** A standalone release whose config is `hcl` (dedented); JSON goes on one line. */
function standalone(hcl: string): string {
  const body = dedent(hcl)
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `server:\n  standalone:\n    config: |\n${body}\n`;
}

/** The span of the `occurrence`-th `needle` in the values text. */
function spanOf(code: string, needle: string, occurrence = 1): ExpectedRelated {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = code.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not in the test text`);
  const before = code.slice(0, at).split('\n');
  const line = before.length;
  const column = before.at(-1)!.length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}

const lineOf = (code: string, needle: string): number => spanOf(code, needle).line;

const REPEATS = standalone(`
  ui = true
  listener "tcp" {
    address     = "[::]:8200"
    tls_disable = 1
    address     = "0.0.0.0:8200"
  }
  storage "raft" {
    path = "/vault/data"
    retry_join {
      leader_api_addr = "http://vault-0.vault-internal:8200"
      leader_api_addr = "http://vault-1.vault-internal:8200"
    }
  }
  ui = false
`);

const BOTH_VERSIONS = standalone(`
  disable_mlock = "true"
  storage "file" {
    path = "/vault/data"
  }
`);

const PREPENDED = standalone(`
  disable_mlock = true
  storage "file" {
    path = "/vault/data"
  }
`);

testRule(rule, {
  valid: [
    {
      // The chart's explicit-line check sees what helmfile printed (true or false): no duplicate it can know of.
      name: 'disable_mlock printed by a helmfile action in a helmfile template',
      code: 'server:\n  image:\n    tag: {{ .Values.vaultVersion | quote }}\n  standalone:\n    config: |\n      disable_mlock = {{ .Values.disableMlock }}\n      ui = {{ .Values.ui }}\n      storage "file" { path = "/vault/data" }\n',
    },
    {
      name: 'repeated blocks are fine: listeners, retry_join, seals',
      code: standalone(`
      disable_mlock = true
      listener "tcp" {
        address = "[::]:8200"
      }
      listener "tcp" {
        address = "127.0.0.1:8300"
      }
      storage "raft" {
        path = "/vault/data"
        retry_join {
          leader_api_addr = "http://vault-0.vault-internal:8200"
        }
        retry_join {
          leader_api_addr = "http://vault-1.vault-internal:8200"
        }
      }
      seal "awskms" {
        region = "eu-west-1"
      }
      seal "transit" {
        disabled = "true"
      }
    `),
    },
    {
      name: 'chart 0.34.1 keeps a disable_mlock = true|false line and adds none',
      code: standalone(`
      disable_mlock = false
      storage "file" { path = "/vault/data" }
    `),
    },
    {
      name: 'the same name in different objects',
      code: standalone(`
      address = "x"
      listener "tcp" { address = "[::]:8200" }
      listener "unix" { address = "/run/vault.sock" }
    `),
    },
    {
      name: 'alternatives chosen by a Helm action the linter cannot evaluate',
      code: standalone(`
      {{- if .Values.global.openshift }}
      disable_mlock = false
      {{- else }}
      disable_mlock = true
      {{- end }}
    `),
    },
    {
      name: 'JSON: chart 0.34.1 re-encodes it, keeping one value',
      code: `server:\n  standalone:\n    config: '{"ui": true, "ui": false, "disable_mlock": "true"}'\n`,
    },
    {
      name: 'chart 0.28.0 without a disable_mlock of the user',
      lint: { chartVersion: '0.28.0' },
      code: standalone('storage "file" { path = "/vault/data" }'),
    },
    {
      name: 'dev mode renders no config',
      code: `server:\n  dev:\n    enabled: true\n  standalone:\n    config: |\n      ui = true\n      ui = true\n`,
    },
  ],
  invalid: [
    {
      name: 'repeated attributes at the top level, in a listener and in a retry_join',
      code: REPEATS,
      errors: [
        {
          messageId: 'duplicateKey',
          ...spanOf(REPEATS, 'address', 2),
          message: `Unexpected repeated "address" in listener "tcp", first set on line ${lineOf(REPEATS, 'address')}`,
          related: [{ ...spanOf(REPEATS, 'address'), message: 'first written here' }],
        },
        {
          messageId: 'duplicateKey',
          ...spanOf(REPEATS, 'leader_api_addr', 2),
          message: `in storage "raft" retry_join, first set on line ${lineOf(REPEATS, 'leader_api_addr')}`,
          related: [{ ...spanOf(REPEATS, 'leader_api_addr') }],
        },
        {
          messageId: 'duplicateKey',
          ...spanOf(REPEATS, 'ui', 2),
          message: `Unexpected repeated "ui" at the top level, first set on line ${lineOf(REPEATS, 'ui')}; Vault 1.21+ refuses to start`,
          related: [{ ...spanOf(REPEATS, 'ui') }],
        },
      ],
    },
    {
      name: 'chart 0.34.1 appends its line when the user writes disable_mlock other than true|false',
      code: BOTH_VERSIONS,
      errors: [
        {
          messageId: 'chartAppendedDuplicate',
          ...spanOf(BOTH_VERSIONS, 'disable_mlock'),
          message: 'Unexpected disable_mlock = "true": chart 0.34.1 appends its own "disable_mlock = true"',
        },
      ],
    },
    {
      name: 'chart 0.34.1: an unquoted 1 is not true|false either',
      code: standalone('disable_mlock = 1\nstorage "file" { path = "/d" }'),
      errors: [
        { messageId: 'chartAppendedDuplicate', line: 4, column: 7, endLine: 4, endColumn: 20, message: 'Unexpected disable_mlock = 1:' },
      ],
    },
    {
      name: 'chart 0.28.0 prepends disable_mlock = true even when the user set it',
      lint: { chartVersion: '0.28.0' },
      code: PREPENDED,
      errors: [
        {
          messageId: 'chartPrependedDuplicate',
          ...spanOf(PREPENDED, 'disable_mlock'),
          message: 'chart 0.28.0, which prepends its own "disable_mlock = true"',
        },
      ],
    },
    {
      // templates/_helpers.tpl vault.config at v0.31.0 appends the line to every HCL config; v0.32.0 checks for one first.
      name: 'chart 0.31.0 appends disable_mlock = true even after an explicit line',
      lint: { chartVersion: '0.31.0' },
      code: standalone('disable_mlock = true\nstorage "file" { path = "/d" }'),
      errors: [
        {
          messageId: 'chartAlwaysAppendedDuplicate',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 20,
          message: 'chart 0.31.0, which appends its own "disable_mlock = true" to every HCL config',
        },
      ],
    },
    {
      name: 'chart 0.28.0 and a repeat of the user: both reported',
      lint: { chartVersion: '0.28.0' },
      code: standalone('disable_mlock = true\ndisable_mlock = false'),
      errors: [
        { messageId: 'chartPrependedDuplicate', line: 4, column: 7, endLine: 4, endColumn: 20 },
        {
          messageId: 'duplicateKey',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 20,
          message: 'first set on line 4',
          related: [{ line: 4, column: 7, endLine: 4, endColumn: 20 }],
        },
      ],
    },
    {
      name: 'a config the chart ignores in this mode would fail once it is used',
      code: `server:\n  ha:\n    raft:\n      config: |\n        cluster_name = "a"\n        cluster_name = "b"\n`,
      errors: [
        {
          messageId: 'duplicateKey',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          message: 'first set on line 5',
          related: [{ line: 5, column: 9, endLine: 5, endColumn: 21 }],
        },
      ],
    },
    {
      name: 'a key written three times in one object is one finding; the first and the last are related',
      code: `server:\n  ha:\n    raft:\n      config: |\n        cluster_name = "a"\n        cluster_name = "b"\n        cluster_name = "c"\n`,
      errors: [
        {
          messageId: 'duplicateKey',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          related: [
            { line: 5, column: 9, endLine: 5, endColumn: 21, message: 'first written here' },
            { line: 7, column: 9, endLine: 7, endColumn: 21, message: 'written again' },
          ],
        },
      ],
    },
  ],
});

describe('duplicate-config-key on the guide', () => {
  it('is quiet on the deployment guide example for both chart versions (its config has no disable_mlock)', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../fixtures/guide/override-values.yml', import.meta.url), 'utf8');
    for (const chartVersion of ['0.28.0', '0.34.1']) {
      const findings = (await lintText(text, { chartVersion })).filter((finding) => finding.ruleId === rule.id);
      expect(findings).toEqual([]);
    }
  });
});
