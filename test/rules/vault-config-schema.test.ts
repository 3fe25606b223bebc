import { readFileSync } from 'node:fs';
import rule from '../../rules/vault-config-schema.js';
import { CHART_VERSIONS } from '../../src/model/model.js';
import { dedent, testRule, type ExpectedError, type InvalidCase } from '../helpers/rule-tester.js';

/** A standalone release whose config is `hcl` (dedented, any indentation). */
function standalone(hcl: string): string {
  const body = dedent(hcl)
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `server:\n  standalone:\n    config: |\n${body}\n`;
}

/** The span of the `occurrence`-th `needle` in the values text: what a finding must cover. */
function spanOf(code: string, needle: string, occurrence = 1): Omit<ExpectedError, 'messageId'> {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = code.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not in the test text`);
  const before = code.slice(0, at).split('\n');
  const line = before.length;
  const column = before.at(-1)!.length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}

/** [stanza, config with one misspelt parameter, the misspelt key, the suggestion, Vault warns (true) or ignores silently]. */
const MISSPELT: [string, string, string, string, boolean][] = [
  ['top level', 'disable_mlok = true\nstorage "file" { path = "/d" }', 'disable_mlok', 'disable_mlock', true],
  ['top level', 'max_lease_tll = "768h"', 'max_lease_tll', 'max_lease_ttl', true],
  ['listener tcp', 'listener "tcp" {\n  tls_disabled = 1\n}', 'tls_disabled', 'tls_disable', true],
  ['listener tcp', 'listener "tcp" {\n  tls_cert = "/tls/tls.crt"\n}', 'tls_cert', 'tls_cert_file', true],
  [
    'listener telemetry',
    'listener "tcp" {\n  telemetry {\n    unauthenticated_metric_access = true\n  }\n}',
    'unauthenticated_metric_access',
    'unauthenticated_metrics_access',
    true,
  ],
  ['listener unix', 'listener "unix" {\n  socket_mod = "644"\n}', 'socket_mod', 'socket_mode', true],
  ['storage raft', 'storage "raft" {\n  paht = "/vault/data"\n}', 'paht', 'path', false],
  ['storage raft', 'storage "raft" {\n  path = "/vault/data"\n  node-id = "vault-0"\n}', 'node-id', 'node_id', false],
  [
    'retry_join',
    'storage "raft" {\n  path = "/d"\n  retry_join {\n    leader_api_address = "https://vault-0.vault-internal:8200"\n  }\n}',
    'leader_api_address',
    'leader_api_addr',
    false,
  ],
  [
    'retry_join',
    'storage "raft" {\n  path = "/d"\n  retry_join {\n    leader_api_addr = "https://vault-0.vault-internal:8200"\n    leader_ca_cert_fle = "/ca.crt"\n  }\n}',
    'leader_ca_cert_fle',
    'leader_ca_cert_file',
    false,
  ],
  ['storage consul', 'storage "consul" {\n  adress = "HOST_IP:8500"\n}', 'adress', 'address', false],
  ['storage file', 'storage "file" {\n  pth = "/vault/data"\n}', 'pth', 'path', false],
  ['ha_storage consul', 'ha_storage "consul" {\n  consistencymode = "strong"\n}', 'consistencymode', 'consistency_mode', false],
  ['seal awskms', 'seal "awskms" {\n  kms_key = "alias/vault"\n}', 'kms_key', 'kms_key_id', false],
  ['seal gcpckms', 'seal "gcpckms" {\n  keyring = "vault-kr"\n}', 'keyring', 'key_ring', false],
  ['seal azurekeyvault', 'seal "azurekeyvault" {\n  vault_nam = "kv"\n}', 'vault_nam', 'vault_name', false],
  ['seal transit', 'seal "transit" {\n  mountpath = "transit/"\n}', 'mountpath', 'mount_path', false],
  ['seal pkcs11', 'seal "pkcs11" {\n  key_lable = "vault"\n}', 'key_lable', 'key_label', false],
  ['telemetry', 'telemetry {\n  disable_hostnames = true\n}', 'disable_hostnames', 'disable_hostname', true],
  ['service_registration kubernetes', 'service_registration "kubernetes" {\n  pod_nam = "vault-0"\n}', 'pod_nam', 'pod_name', false],
];

function misspelt([stanza, hcl, key, suggestion, warns]: (typeof MISSPELT)[number], chartVersion: string): InvalidCase {
  const code = standalone(hcl);
  const effect = warns ? 'only logs a warning and ignores it' : 'ignores it silently';
  return {
    name: `${stanza}: ${key} on chart ${chartVersion}`,
    code,
    lint: { chartVersion },
    errors: [{ messageId: 'misspeltKey', ...spanOf(code, key), message: `(did you mean "${suggestion}"?); Vault ${effect}` }],
  };
}

const vendor = (name: string): string => readFileSync(new URL(`../vendor/${name}`, import.meta.url), 'utf8');
/** Each supported chart's own values.yaml, as imported by scripts/import-chart.mjs. */
const chartValues = (version: string): string =>
  readFileSync(new URL(`../../schemas/vault-helm/${version}/values.yaml`, import.meta.url), 'utf8');

const TYPES = standalone(`
  listener "tcp" {
    address         = "[::]:8200"
    tls_min_version = "tls1.2"
  }
  storage "raft" {
    path                   = "/vault/data"
    performance_multiplier = "fast"
    retry_join {
      leader_api_addr = "https://vault-0.vault-internal:8200"
      auto_join       = "provider=k8s"
    }
  }
  telemetry {
    prometheus_retention_time = "30 seconds"
  }
  ui = "yes"
`);

const STANZAS = standalone(`
  storage "raf" {
    path = "/vault/data"
  }
  storage "file" {
    path = "/vault/file"
  }
  seal "kmip" {}
  listener "tpc" {}
`);

const JSON_CONFIG = `server:\n  standalone:\n    config: '{"listener": [{"tcp": {"adress": "[::]:8200"}}], "storage": {"file": {"path": "/d"}}}'\n`;

const YAML_MAP = `server:\n  standalone:\n    config:\n      listener:\n        tcp:\n          tls_disabled: 1\n      storage:\n        file:\n          path: /vault/data\n`;

testRule(rule, {
  valid: [
    ...CHART_VERSIONS.map((chartVersion) => ({
      name: `the chart's own values.yaml ${chartVersion}, configs and all`,
      code: chartValues(chartVersion),
      lint: { chartVersion },
    })),
    { name: "the deployment guide's raft config", code: vendor('override-values.yml') },
    {
      name: 'keys and block names that differ by case where Vault matches them case-insensitively',
      code: standalone(`
      UI = true
      Disable_Mlock = true
      Listener "TCP" {
        Address     = "[::]:8200"
        TLS_Disable = 1
        Telemetry {
          Unauthenticated_Metrics_Access = false
        }
      }
      Telemetry {
        Disable_Hostname = true
      }
      storage "Raft" {
        path = "/vault/data"
      }
    `),
    },
    {
      name: "Vault's coercions: booleans, durations and integers written several ways",
      code: standalone(`
      ui                = "true"
      disable_mlock     = 1
      default_lease_ttl = 3600
      max_lease_ttl     = "7d"
      listener "tcp" {
        tls_disable      = "1"
        max_request_size = "33554432"
        tls_min_version  = "tls13"
      }
      storage "raft" {
        path                   = "/vault/data"
        performance_multiplier = "1"
        retry_join {
          auto_join        = "provider=k8s label_selector=\\"app.kubernetes.io/name=vault\\""
          auto_join_scheme = "https"
        }
      }
    `),
    },
    {
      name: 'blocks written as attributes, lists of objects and JSON shapes',
      code: standalone(`
      listener {
        tcp {
          address = "[::]:8200"
        }
      }
      telemetry = {
        disable_hostname = true
      }
      storage "raft" {
        path = "/vault/data"
        retry_join = [
          { leader_api_addr = "https://vault-0.vault-internal:8200" },
          { leader_api_addr = "https://vault-1.vault-internal:8200" },
        ]
      }
    `),
    },
    {
      name: "a JSON config in Vault's JSON shape",
      code: `server:\n  standalone:\n    config: '{"listener": [{"tcp": {"address": "[::]:8200"}}], "storage": {"file": {"path": "/d"}}, "ui": true}'\n`,
    },
    {
      name: 'a value set by a Helm action the linter cannot evaluate is not judged',
      code: standalone(`
      storage "raft" {
        path                   = "/vault/data"
        performance_multiplier = "{{ .Values.raftMultiplier }}"
      }
      listener "tcp" {
        tls_min_version = "{{ .Values.tlsMin }}"
      }
    `),
    },
    {
      name: 'dev mode renders no config',
      code: `server:\n  dev:\n    enabled: true\n  standalone:\n    config: |\n      disable_mlok = true\n`,
    },
    {
      name: 'a YAML map config is read on chart 0.28.0',
      lint: { chartVersion: '0.28.0' },
      code: YAML_MAP.replace('tls_disabled', 'tls_disable'),
    },
    {
      name: 'free-form parameters of backends the schema does not detail',
      code: standalone(`
      storage "s3" {
        bucket   = "vault"
        anything = 1
      }
    `),
    },
  ],
  invalid: [
    ...CHART_VERSIONS.flatMap((chartVersion) => MISSPELT.map((entry) => misspelt(entry, chartVersion))),
    {
      name: 'an unknown parameter without a close match',
      code: standalone('listener "tcp" {\n  acme_email = true\n}'),
      errors: [
        {
          messageId: 'unknownKey',
          ...spanOf(standalone('listener "tcp" {\n  acme_email = true\n}'), 'acme_email'),
          message: 'Unknown parameter "acme_email" in listener "tcp"; Vault only logs a warning',
        },
      ],
    },
    {
      name: 'wrong types and enums at the value; both leader_api_addr and auto_join at the retry_join',
      code: TYPES,
      errors: [
        {
          messageId: 'wrongType',
          ...spanOf(TYPES, '"tls1.2"'),
          message: 'Expected tls_min_version in listener "tcp" to be one of "tls10", "tls11", "tls12" or "tls13", found "tls1.2"',
        },
        {
          messageId: 'wrongType',
          ...spanOf(TYPES, '"fast"'),
          message: 'Expected performance_multiplier in storage "raft" to be a whole number without units, found "fast"',
        },
        {
          messageId: 'conflict',
          ...spanOf(TYPES, 'retry_join'),
          message: 'Unexpected both "leader_api_addr" and "auto_join" in storage "raft" retry_join',
        },
        { messageId: 'wrongType', ...spanOf(TYPES, '"30 seconds"'), message: 'to be a duration such as "90s"' },
        { messageId: 'wrongType', ...spanOf(TYPES, '"yes"'), message: 'Expected ui at the top level to be a boolean' },
      ],
    },
    {
      name: 'unknown stanza types, and a second storage block',
      code: STANZAS,
      errors: [
        { messageId: 'unknownType', ...spanOf(STANZAS, '"raf"'), message: 'Unknown storage type "raf" (did you mean "raft"?)' },
        { messageId: 'extraBlock', ...spanOf(STANZAS, 'storage "file"'), message: 'Unexpected second storage block "file"' },
        { messageId: 'unknownType', ...spanOf(STANZAS, '"kmip"'), message: 'Unknown seal type "kmip"; Vault refuses' },
        { messageId: 'unknownType', ...spanOf(STANZAS, '"tpc"'), message: 'Unknown listener type "tpc" (did you mean "tcp"?)' },
      ],
    },
    {
      name: 'a JSON config: the key inside the single-line string',
      code: JSON_CONFIG,
      errors: [{ messageId: 'misspeltKey', ...spanOf(JSON_CONFIG, '"adress"'), message: 'did you mean "address"?' }],
    },
    {
      name: 'a YAML map config on chart 0.28.0: the map key',
      lint: { chartVersion: '0.28.0' },
      code: YAML_MAP,
      errors: [{ messageId: 'misspeltKey', ...spanOf(YAML_MAP, 'tls_disabled'), message: 'did you mean "tls_disable"?' }],
    },
    {
      name: 'no rename onto a key the same block already has',
      code: standalone(`
        storage "raft" {
          path  = "/vault/data"
          paths = "/vault/data"
        }
      `),
      errors: [
        {
          messageId: 'unknownKey',
          ...spanOf(standalone('storage "raft" {\n  path  = "/vault/data"\n  paths = "/vault/data"\n}\n'), 'paths'),
          message: 'Unknown parameter "paths" in storage "raft";',
        },
      ],
    },
    {
      name: 'a config the chart ignores in this mode is checked too',
      code: `server:\n  ha:\n    raft:\n      config: |\n        storage "raft" {\n          paht = "/vault/data"\n        }\n`,
      errors: [{ messageId: 'misspeltKey', line: 6, column: 11, endLine: 6, endColumn: 15 }],
    },
  ],
});
