import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { validate } from '../../src/schemas/generated/vault-config.js';
import { knownKeysAt, suggestKey } from '../../src/schemas/suggest.js';
import { loadYaml, normaliseVaultConfig, parseVaultConfig, pointerToPath, readJson } from './helpers.js';

const schema = readJson('schemas/vault-config.schema.json');

function errorsOf(config: unknown): ErrorObject[] {
  return validate(config) ? [] : [...(validate.errors ?? [])];
}

function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map((error) => `${error.instancePath || '/'} ${error.keyword} ${JSON.stringify(error.params)}`);
}

function at(values: Record<string, unknown>, path: string[]): unknown {
  let cursor: unknown = values;
  for (const key of path) cursor = (cursor as Record<string, unknown> | undefined)?.[key];
  return cursor;
}

describe('the test normaliser', () => {
  it('keys labelled blocks by type, lists repeatable ones and unwraps unlabelled ones', () => {
    const config = parseVaultConfig(`
      ui = true
      experiments = ["events.alpha1"]
      listener "tcp" {
        address = "[::]:8200"
        telemetry { unauthenticated_metrics_access = "true" }
        custom_response_headers {
          "default" = { "Strict-Transport-Security" = ["max-age=31536000", "includeSubDomains"] }
        }
      }
      listener "tcp" { address = "127.0.0.1:8300" }
      storage "raft" {
        path = "/vault/data"
        retry_join { leader_api_addr = "http://vault-0.vault-internal:8200" }
      }
      seal "awskms" { region = "eu-west-1" }
      seal "transit" {
        disabled = "true"
        address  = "https://transit:8200"
      }
      telemetry { disable_hostname = true }
      service_registration "kubernetes" {}
    `);
    expect(config).toEqual({
      ui: true,
      experiments: ['events.alpha1'],
      listener: {
        tcp: [
          {
            address: '[::]:8200',
            telemetry: { unauthenticated_metrics_access: 'true' },
            custom_response_headers: { default: { 'Strict-Transport-Security': ['max-age=31536000', 'includeSubDomains'] } },
          },
          { address: '127.0.0.1:8300' },
        ],
      },
      storage: { raft: { path: '/vault/data', retry_join: [{ leader_api_addr: 'http://vault-0.vault-internal:8200' }] } },
      seal: { awskms: [{ region: 'eu-west-1' }], transit: [{ disabled: 'true', address: 'https://transit:8200' }] },
      telemetry: { disable_hostname: true },
      service_registration: { kubernetes: {} },
    });
    expect(errorsOf(config)).toEqual([]);
  });

  it("normalises Vault's JSON config shape the same way", () => {
    const config = normaliseVaultConfig({
      ui: true,
      listener: [{ tcp: { address: '127.0.0.1:443' } }, { tcp: { address: '127.0.0.1:444' } }],
      storage: { consul: { address: '127.0.0.1:8500' } },
      ha_storage: { consul: { disable_clustering: 'true' } },
      telemetry: { statsd_address: 'bar', disable_hostname: true },
    });
    expect(config).toEqual({
      ui: true,
      listener: { tcp: [{ address: '127.0.0.1:443' }, { address: '127.0.0.1:444' }] },
      storage: { consul: { address: '127.0.0.1:8500' } },
      ha_storage: { consul: { disable_clustering: 'true' } },
      telemetry: { statsd_address: 'bar', disable_hostname: true },
    });
    expect(errorsOf(config)).toEqual([]);
  });
});

describe('vault config schema', () => {
  it('declares its $id, draft-07 and documents the normalised shape', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:vault-lint:schema:vault-config',
      additionalProperties: false,
    });
    expect((schema as { description: string }).description).toMatch(/keyed by label/);
  });

  const CONFIG_PATHS = [
    ['server', 'standalone', 'config'],
    ['server', 'ha', 'config'],
    ['server', 'ha', 'raft', 'config'],
  ];
  describe.each(['0.28.0', '0.34.1'])("the chart's default configs, %s", (version) => {
    const values = loadYaml(`test/vendor/values-${version}.yaml`);
    it.each(CONFIG_PATHS.map((path) => [path.join('.'), path] as const))('%s validates', (_name, path) => {
      const text = at(values, path);
      expect(typeof text).toBe('string');
      const config = parseVaultConfig(text as string);
      expect(config).toHaveProperty('listener.tcp.0.tls_disable', 1);
      expect(describeErrors(errorsOf(config))).toEqual([]);
    });
  });

  it("validates the deployment guide's raft config with TLS and five retry_join stanzas", () => {
    const text = at(loadYaml('test/vendor/override-values.yml'), ['server', 'ha', 'raft', 'config']) as string;
    const config = parseVaultConfig(text);
    expect((config.storage as { raft: { retry_join: unknown[] } }).raft.retry_join).toHaveLength(5);
    expect(describeErrors(errorsOf(config))).toEqual([]);
  });

  /** [stanza, HCL with one misspelt parameter, pointer of the enclosing object, misspelt key, expected key]. */
  const MISSPELT: [string, string, string, string, string][] = [
    ['top level', 'disable_mlok = true', '', 'disable_mlok', 'disable_mlock'],
    ['top level', 'max_lease_tll = "768h"', '', 'max_lease_tll', 'max_lease_ttl'],
    ['listener tcp', 'listener "tcp" {\n  tls_disabled = 1\n}', '/listener/tcp/0', 'tls_disabled', 'tls_disable'],
    ['listener tcp', 'listener "tcp" {\n  adress = "[::]:8200"\n}', '/listener/tcp/0', 'adress', 'address'],
    ['listener tcp', 'listener "tcp" {\n  tls_cert = "/tls/tls.crt"\n}', '/listener/tcp/0', 'tls_cert', 'tls_cert_file'],
    [
      'listener telemetry',
      'listener "tcp" {\n  telemetry { unauthenticated_metric_access = true }\n}',
      '/listener/tcp/0/telemetry',
      'unauthenticated_metric_access',
      'unauthenticated_metrics_access',
    ],
    ['listener unix', 'listener "unix" {\n  socket_mod = "644"\n}', '/listener/unix/0', 'socket_mod', 'socket_mode'],
    ['storage raft', 'storage "raft" {\n  paht = "/vault/data"\n}', '/storage/raft', 'paht', 'path'],
    ['storage raft', 'storage "raft" {\n  path = "/vault/data"\n  node-id = "vault-0"\n}', '/storage/raft', 'node-id', 'node_id'],
    [
      'storage raft',
      'storage "raft" {\n  path = "/vault/data"\n  performance_multiplyer = 1\n}',
      '/storage/raft',
      'performance_multiplyer',
      'performance_multiplier',
    ],
    [
      'storage raft',
      'storage "raft" {\n  path = "/vault/data"\n  autopilot_redundancy_zones = "a"\n}',
      '/storage/raft',
      'autopilot_redundancy_zones',
      'autopilot_redundancy_zone',
    ],
    [
      'retry_join',
      'storage "raft" {\n  path = "/d"\n  retry_join {\n    leader_api_address = "https://vault-0.vault-internal:8200"\n  }\n}',
      '/storage/raft/retry_join/0',
      'leader_api_address',
      'leader_api_addr',
    ],
    [
      'retry_join',
      'storage "raft" {\n  path = "/d"\n  retry_join {\n    leader_api_addr = "https://vault-0.vault-internal:8200"\n    leader_ca_cert_fle = "/ca.crt"\n  }\n}',
      '/storage/raft/retry_join/0',
      'leader_ca_cert_fle',
      'leader_ca_cert_file',
    ],
    [
      'retry_join',
      'storage "raft" {\n  path = "/d"\n  retry_join {\n    auto_join = "provider=k8s"\n    leader_tls_server_name = "vault"\n  }\n}',
      '/storage/raft/retry_join/0',
      'leader_tls_server_name',
      'leader_tls_servername',
    ],
    ['storage consul', 'storage "consul" {\n  adress = "HOST_IP:8500"\n}', '/storage/consul', 'adress', 'address'],
    ['storage consul', 'storage "consul" {\n  tokne = "x"\n}', '/storage/consul', 'tokne', 'token'],
    ['storage file', 'storage "file" {\n  pth = "/vault/data"\n}', '/storage/file', 'pth', 'path'],
    [
      'ha_storage consul',
      'ha_storage "consul" {\n  consistencymode = "strong"\n}',
      '/ha_storage/consul',
      'consistencymode',
      'consistency_mode',
    ],
    ['seal awskms', 'seal "awskms" {\n  kms_key = "alias/vault"\n}', '/seal/awskms/0', 'kms_key', 'kms_key_id'],
    ['seal awskms', 'seal "awskms" {\n  regoin = "eu-west-1"\n}', '/seal/awskms/0', 'regoin', 'region'],
    ['seal gcpckms', 'seal "gcpckms" {\n  keyring = "vault-kr"\n}', '/seal/gcpckms/0', 'keyring', 'key_ring'],
    ['seal gcpckms', 'seal "gcpckms" {\n  cryptokey = "vault-key"\n}', '/seal/gcpckms/0', 'cryptokey', 'crypto_key'],
    ['seal azurekeyvault', 'seal "azurekeyvault" {\n  vault_nam = "kv"\n}', '/seal/azurekeyvault/0', 'vault_nam', 'vault_name'],
    ['seal azurekeyvault', 'seal "azurekeyvault" {\n  tennant_id = "t"\n}', '/seal/azurekeyvault/0', 'tennant_id', 'tenant_id'],
    ['seal transit', 'seal "transit" {\n  mountpath = "transit/"\n}', '/seal/transit/0', 'mountpath', 'mount_path'],
    ['seal transit', 'seal "transit" {\n  keyname = "autounseal"\n}', '/seal/transit/0', 'keyname', 'key_name'],
    ['seal ocikms', 'seal "ocikms" {\n  crypto_endpont = "https://x"\n}', '/seal/ocikms/0', 'crypto_endpont', 'crypto_endpoint'],
    ['seal alicloudkms', 'seal "alicloudkms" {\n  kms_keyid = "k"\n}', '/seal/alicloudkms/0', 'kms_keyid', 'kms_key_id'],
    ['seal pkcs11', 'seal "pkcs11" {\n  key_lable = "vault"\n}', '/seal/pkcs11/0', 'key_lable', 'key_label'],
    ['seal (any type)', 'seal "awskms" {\n  disable = "true"\n}', '/seal/awskms/0', 'disable', 'disabled'],
    ['telemetry', 'telemetry {\n  disable_hostnames = true\n}', '/telemetry', 'disable_hostnames', 'disable_hostname'],
    ['telemetry', 'telemetry {\n  prometheus_retention = "30s"\n}', '/telemetry', 'prometheus_retention', 'prometheus_retention_time'],
    [
      'service_registration kubernetes',
      'service_registration "kubernetes" {\n  pod_nam = "vault-0"\n}',
      '/service_registration/kubernetes',
      'pod_nam',
      'pod_name',
    ],
    [
      'service_registration consul',
      'service_registration "consul" {\n  servce = "vault"\n}',
      '/service_registration/consul',
      'servce',
      'service',
    ],
  ];

  it.each(MISSPELT)('%s: %j is caught with the right suggestion', (_stanza, hcl, parent, key, expected) => {
    const errors = errorsOf(parseVaultConfig(hcl));
    expect(describeErrors(errors)).toEqual([`${parent || '/'} additionalProperties ${JSON.stringify({ additionalProperty: key })}`]);
    expect(suggestKey(key, knownKeysAt(schema, pointerToPath(errors[0]!.instancePath)))).toBe(expected);
  });

  it('rejects unknown stanza types with a suggestion', () => {
    const cases: [string, string, string, string][] = [
      ['storage "raf" {\n  path = "/d"\n}', '/storage', 'raf', 'raft'],
      ['seal "awskm" {}', '/seal', 'awskm', 'awskms'],
      ['seal "kmip" {}', '/seal', 'kmip', ''],
      ['listener "tpc" {}', '/listener', 'tpc', 'tcp'],
      ['service_registration "kubernets" {}', '/service_registration', 'kubernets', 'kubernetes'],
    ];
    for (const [hcl, parent, key, expected] of cases) {
      const errors = errorsOf(parseVaultConfig(hcl));
      expect(describeErrors(errors), hcl).toEqual([`${parent} additionalProperties ${JSON.stringify({ additionalProperty: key })}`]);
      expect(suggestKey(key, knownKeysAt(schema, pointerToPath(parent))) ?? '', hcl).toBe(expected);
    }
  });

  it('reports tls_min_version = "tls1.2" as an enum error', () => {
    const errors = errorsOf(parseVaultConfig('listener "tcp" {\n  tls_min_version = "tls1.2"\n}'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      instancePath: '/listener/tcp/0/tls_min_version',
      keyword: 'enum',
      params: { allowedValues: ['tls10', 'tls11', 'tls12', 'tls13'] },
    });
  });

  it('checks the other enforced enums', () => {
    const errors = errorsOf(
      parseVaultConfig(`
        log_level = "verbose"
        log_format = "text"
        listener "tcp" {
          tls_max_version = "TLS13"
          proxy_protocol_behavior = "always"
        }
        storage "consul" { consistency_mode = "eventual" }
        storage "raft" {
          path = "/d"
          retry_join { auto_join = "provider=k8s", auto_join_scheme = "tcp" }
        }
      `),
    );
    expect(errors.map((error) => `${error.instancePath} ${error.keyword}`).sort()).toEqual([
      '/listener/tcp/0/proxy_protocol_behavior enum',
      '/listener/tcp/0/tls_max_version enum',
      '/log_format pattern',
      '/log_level pattern',
      '/storage maxProperties',
      '/storage/consul/consistency_mode enum',
      '/storage/raft/retry_join/0/auto_join_scheme enum',
    ]);
  });

  it("accepts Vault's coercions: booleans, durations and integers written several ways", () => {
    const config = parseVaultConfig(`
      ui = "true"
      disable_mlock = 1
      raw_storage_endpoint = ""
      default_lease_ttl = 3600
      max_lease_ttl = "7d"
      default_max_request_duration = "90s"
      cache_size = "131072"
      log_level = " WARNING "
      log_format = "JSON"
      imprecise_lease_role_tracking = "TRUE"
      listener "tcp" {
        tls_disable = "1"
        tls_require_and_verify_client_cert = "false"
        redact_version = true
        max_request_size = "33554432"
        max_request_duration = 90
        http_idle_timeout = "5m"
        http_read_timeout = "1h30m0.5s"
        x_forwarded_for_hop_skips = "0"
        x_forwarded_for_authorized_addrs = ["10.0.0.0/8", "192.168.0.0/16"]
        proxy_protocol_authorized_addrs = "10.0.0.0/8,192.168.0.0/16"
        tls_min_version = "tls12"
        telemetry { unauthenticated_metrics_access = 1 }
      }
      storage "raft" {
        path = "/vault/data"
        performance_multiplier = "1"
        snapshot_threshold = 8192
        snapshot_interval = "120s"
        raft_wal = "true"
        raft_log_verifier_enabled = true
        max_entry_size = 1048576
        autopilot_reconcile_interval = 10
        retry_join {
          auto_join = "provider=k8s label_selector=\\"app.kubernetes.io/name=vault\\""
          auto_join_scheme = "http"
          auto_join_port = 8200
        }
      }
      seal "transit" {
        address = "https://transit.example.com:8200"
        disable_renewal = "false"
        tls_skip_verify = 0
        priority = "1"
        name = "transit-primary"
      }
      telemetry {
        usage_gauge_period = "none"
        lease_metrics_epsilon = "1h"
        disable_hostname = "true"
        prometheus_retention_time = 30
        num_lease_metrics_buckets = "168"
      }
      user_lockout "all" {
        lockout_threshold = "5"
        lockout_duration = "15m"
      }
    `);
    expect(describeErrors(errorsOf(config))).toEqual([]);
  });

  it('rejects values Vault cannot coerce', () => {
    const errors = errorsOf(
      parseVaultConfig(`
        ui = "yes"
        default_lease_ttl = "30 minutes"
        cache_size = "128k"
        listener "tcp" {
          tls_disable = "on"
          x_forwarded_for_hop_skips = -1
        }
        storage "raft" {
          path = "/vault/data"
          performance_multiplier = "fast"
          raft_wal = 2
          max_entry_size = "1MB"
        }
        telemetry { disable_hostname = "yes" }
      `),
    );
    expect(errors.map((error) => `${error.instancePath} ${error.keyword}`).sort()).toEqual([
      '/cache_size pattern',
      '/default_lease_ttl pattern',
      '/listener/tcp/0/tls_disable pattern',
      '/listener/tcp/0/x_forwarded_for_hop_skips minimum',
      '/storage/raft/max_entry_size pattern',
      '/storage/raft/performance_multiplier pattern',
      '/storage/raft/raft_wal maximum',
      '/telemetry/disable_hostname pattern',
      '/ui pattern',
    ]);
  });

  it('decodes retry_join strictly: typed fields, and not both leader_api_addr and auto_join', () => {
    const errors = errorsOf(
      parseVaultConfig(`
        storage "raft" {
          path = "/vault/data"
          retry_join {
            leader_api_addr = "https://vault-0.vault-internal:8200"
            auto_join = "provider=k8s"
          }
          retry_join {
            auto_join = "provider=k8s"
            auto_join_port = "8200"
          }
        }
      `),
    );
    expect(describeErrors(errors)).toEqual([
      '/storage/raft/retry_join/0 not {}',
      '/storage/raft/retry_join/1/auto_join_port type {"type":"integer"}',
    ]);
  });

  it('allows one storage backend only, and free-form parameters for backends it does not detail', () => {
    expect(describeErrors(errorsOf(parseVaultConfig('storage "raft" { path = "/a" }\nstorage "file" { path = "/b" }')))).toEqual([
      '/storage maxProperties {"limit":1}',
    ]);
    expect(errorsOf(parseVaultConfig('storage "s3" {\n  bucket = "vault"\n  anything = 1\n}'))).toEqual([]);
    expect(errorsOf(parseVaultConfig('seal "shamir" {}'))).toEqual([]);
  });

  it('lists known keys through $ref, items and labels', () => {
    expect(knownKeysAt(schema, ['storage'])).toContain('raft');
    expect(knownKeysAt(schema, ['storage', 'raft'])).toEqual(expect.arrayContaining(['path', 'retry_join', 'node_id']));
    expect(knownKeysAt(schema, ['storage', 'raft', 'retry_join', 0])).toContain('leader_api_addr');
    expect(knownKeysAt(schema, ['seal', 'awskms', '0'])).toEqual(expect.arrayContaining(['kms_key_id', 'disabled', 'name', 'priority']));
    expect(knownKeysAt(schema, ['listener', 'unix', 0])).toContain('socket_mode');
    expect(knownKeysAt(schema, ['listener', 'tcp', 0])).not.toContain('socket_mode');
    expect(knownKeysAt(schema, ['storage', 's3'])).toEqual([]);
  });
});
