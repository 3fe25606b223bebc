import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/types.js';
import { ConfigError } from '../../src/engine/config.js';
import { loadPolicies } from '../../src/policy/index.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { dedent } from '../helpers/rule-tester.js';

/** Read `policies:` from a config text the way the config reader hands it over. */
async function policies(config: string, chartVersion?: string) {
  const text = dedent(config);
  const root = parseYaml(text).root;
  if (root?.kind !== 'map') throw new Error('not a map');
  const node = root.pairs.find((pair) => pair.key.text === 'policies')!.value;
  const lines = text.split('\n');
  const problem = (at: { start: number }, path: readonly (string | number)[], expected: string) => {
    let offset = 0;
    let line = 0;
    while (line < lines.length && offset + lines[line]!.length + 1 <= at.start) offset += lines[line++]!.length + 1;
    return new ConfigError(`.vault-lint.yaml:${line + 1}:${at.start - offset + 1}: ${path.join('.')}: ${expected}`);
  };
  return loadPolicies({ node, problem, ...(chartVersion ? { chartVersion } : {}) });
}

/** Lint a values text with only the given policies; each finding as `line:col-endLine:endCol ruleId/messageId message`. */
async function lint(config: string, values: string, options: { releaseName?: string } = {}): Promise<string[]> {
  const registry = await policies(config);
  const findings: Finding[] = await lintText(dedent(values), { registry, file: 'values.yaml', ...options });
  return findings.map(
    (finding) =>
      `${finding.location.line}:${finding.location.column}-${finding.location.endLine}:${finding.location.endColumn} ${finding.ruleId}/${finding.messageId} ${finding.message}`,
  );
}

async function invalid(config: string, chartVersion?: string): Promise<string> {
  try {
    await policies(config, chartVersion);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the policies to be refused');
}

const REGISTRY = `
  policies:
    - id: acme/registry
      severity: error
      message: 'Image "{{value}}" at {{path}} is not from registry.acme.io'
      path: server.image.repository
      schema: { type: string, pattern: '^registry\\.acme\\.io/' }
`;

describe('policies on the values target', () => {
  it('checks the effective value at a path with a schema, at the exact value', async () => {
    expect(await lint(REGISTRY, 'server:\n  image:\n    repository: hashicorp/vault\n')).toEqual([
      '3:17-3:32 acme/registry/violation Image "hashicorp/vault" at server.image.repository is not from registry.acme.io',
    ]);
    expect(await lint(REGISTRY, 'server:\n  image:\n    repository: registry.acme.io/vault\n')).toEqual([]);
  });

  it('sees the chart default when the file does not set the value', async () => {
    const found = await lint(REGISTRY, 'server:\n  ha:\n    enabled: true\n');
    expect(found).toEqual([
      '1:1-1:7 acme/registry/violation Image "hashicorp/vault" at server.image.repository is not from registry.acme.io',
    ]);
  });

  it('runs wildcards over list items and map keys', async () => {
    const config = `
      policies:
        - id: acme/env-upper
          message: 'Env var {{path}} is not upper case'
          path: server.extraEnvironmentVars.*
          expression: path.split('.')[2] == path.split('.')[2].upperAscii() && value.size() >= 0
        - id: acme/volume-secret
          message: 'Volume {{path}} is not a secret'
          path: server.extraVolumes[*].type
          schema: { const: secret }
    `;
    const fixed = config;
    const values = `
      server:
        extraEnvironmentVars:
          GOOD: a
          bad_one: b
        extraVolumes:
          - type: secret
            name: tls
          - type: configMap
            name: cfg
    `;
    expect(await lint(fixed, values)).toEqual([
      '4:14-4:15 acme/env-upper/violation Env var server.extraEnvironmentVars.bad_one is not upper case',
      '8:13-8:22 acme/volume-secret/violation Volume server.extraVolumes[1].type is not a secret',
    ]);
  });

  it('reports a required path at its closest written ancestor', async () => {
    const config = `
      policies:
        - id: acme/audit-size
          message: 'Audit storage must be at least 50Gi'
          path: server.auditStorage.size
          required: true
          schema: { type: string, pattern: '^([5-9][0-9]|[1-9][0-9]{2,})Gi$' }
    `;
    expect(await lint(config, 'server:\n  auditStorage:\n    enabled: true\n    size: 10Gi\n')).toEqual([
      '4:11-4:15 acme/audit-size/violation Audit storage must be at least 50Gi',
    ]);
    // The chart default (10Gi) is checked too, reported where the user wrote the nearest key.
    expect(await lint(config, 'server:\n  auditStorage:\n    enabled: true\n')).toEqual([
      '2:3-2:15 acme/audit-size/violation Audit storage must be at least 50Gi',
    ]);
    const required = `
      policies:
        - id: acme/annotated
          message: 'Pods must name their team'
          path: server.annotations.team
          required: true
    `;
    expect(await lint(required, 'server:\n  annotations:\n    other: x\n')).toEqual([
      '2:3-2:14 acme/annotated/missing Missing "server.annotations.team": Pods must name their team',
    ]);
    expect(await lint(required, 'server:\n  annotations:\n    team: vault\n')).toEqual([]);
  });
});

const HA_RAFT = `
  server:
    ha:
      enabled: true
      replicas: 3
      raft:
        enabled: true
        config: |
          cluster_name = "vault-prod"
          storage "raft" {
            path = "/vault/data"
            retry_join {
              leader_api_addr = "https://vault-0.vault-internal:8200"
            }
            retry_join {
              leader_api_addr = "http://vault-1.vault-internal:8200"
            }
          }
          seal "transit" {
            address = "https://transit.acme.io:8200"
          }
          listener "tcp" {
            address = "[::]:8200"
            tls_cert_file = "/vault/userconfig/tls/tls.crt"
            tls_key_file = "/vault/userconfig/tls/tls.key"
          }
`;

describe('policies on the config target', () => {
  it('reads the live config as data and reports inside the embedded HCL', async () => {
    const config = `
      policies:
        - id: acme/join-https
          message: 'retry_join leader "{{value}}" is not https'
          target: config
          path: storage.raft.retry_join[*].leader_api_addr
          expression: value.startsWith('https://')
        - id: acme/seal-kind
          severity: warning
          message: 'Seal "{{path}}" is not awskms or transit'
          target: config
          path: seal.*
          expression: path in ['seal.awskms', 'seal.transit']
        - id: acme/cluster-name
          message: 'cluster_name "{{value}}" does not follow acme-<env>-<region>'
          target: config
          path: cluster_name
          required: true
          schema: { type: string, pattern: '^acme-(dev|prod)-[a-z]+[0-9]$' }
    `;
    expect(await lint(config, HA_RAFT)).toEqual([
      '8:24-8:36 acme/cluster-name/violation cluster_name "vault-prod" does not follow acme-<env>-<region>',
      '15:31-15:67 acme/join-https/violation retry_join leader "http://vault-1.vault-internal:8200" is not https',
    ]);
    const shamirless = HA_RAFT.replace('seal "transit"', 'seal "pkcs11"');
    expect(await lint(config, shamirless)).toContain('18:9-18:22 acme/seal-kind/violation Seal "seal.pkcs11" is not awskms or transit');
  });

  it('applies where a `when` on the config holds', async () => {
    const config = `
      policies:
        - id: acme/raft-five
          message: 'Raft clusters run 5 replicas, not {{value}}'
          path: server.ha.replicas
          expression: value >= 5
          when: { target: config, path: 'storage.raft.retry_join[*].leader_api_addr' }
    `;
    expect(await lint(config, HA_RAFT)).toEqual(['4:15-4:16 acme/raft-five/violation Raft clusters run 5 replicas, not 3']);
    const withoutJoin = HA_RAFT.replace(/ *retry_join \{\n.*\n *\}\n/g, '');
    expect(withoutJoin).not.toContain('retry_join');
    expect(await lint(config, withoutJoin)).toEqual([]);
  });

  it('reports a required config key at the block that should hold it', async () => {
    const config = `
      policies:
        - id: acme/raft-path
          message: 'Raft storage needs performance_multiplier'
          target: config
          path: storage.raft.performance_multiplier
          required: true
    `;
    expect(await lint(config, HA_RAFT)).toEqual([
      '9:9-9:23 acme/raft-path/missing Missing "storage.raft.performance_multiplier": Raft storage needs performance_multiplier',
    ]);
  });
});

describe('policies on the release target, when, and schema with CEL', () => {
  const AUDIT = `
    policies:
      - id: acme/prod-audit-size
        message: 'Production releases keep at least 50Gi of audit log'
        when: { target: release, expression: "release.name.startsWith('prod')" }
        path: server.auditStorage
        schema: { type: object, required: [enabled, size] }
        expression: value.enabled == true && int(value.size.replace('Gi', '')) >= 50
  `;

  it('applies only where `when` holds, and needs both the schema and the expression', async () => {
    const small = 'server:\n  auditStorage:\n    enabled: true\n    size: 10Gi\n';
    expect(await lint(AUDIT, small, { releaseName: 'dev-vault' })).toEqual([]);
    expect(await lint(AUDIT, small, { releaseName: 'prod-vault' })).toEqual([
      '2:3-2:15 acme/prod-audit-size/violation Production releases keep at least 50Gi of audit log',
    ]);
    expect(await lint(AUDIT, 'server:\n  auditStorage:\n    enabled: true\n    size: 100Gi\n', { releaseName: 'prod-vault' })).toEqual([]);
  });

  it('reads derived facts: replicas, seal, mode, TLS', async () => {
    const config = `
      policies:
        - id: acme/ha-five
          message: 'Production runs 5 replicas, not {{value}}'
          target: release
          path: replicas
          expression: value >= 5
        - id: acme/seal
          message: 'Seal {{value}} is not allowed'
          target: release
          path: seal.type
          expression: value in ['awskms', 'transit']
        - id: acme/tls
          message: 'TLS must be on end to end'
          target: release
          expression: release.tls.chart && release.tls.listener && release.mode == 'ha-raft'
    `;
    expect(await lint(config, HA_RAFT)).toEqual([
      // Without a path the policy is about the whole release: reported at the file's first line.
      '1:1-1:8 acme/tls/violation TLS must be on end to end',
      '4:15-4:16 acme/ha-five/violation Production runs 5 replicas, not 3',
    ]);
  });
});

describe('hints', () => {
  it("fill the placeholders of a violation and of a missing key, and stay off the policy's own failures", async () => {
    const config = dedent(`
      policies:
        - id: acme/registry
          message: 'Image "{{value}}" is not from registry.acme.io'
          hint: 'Set {{path}} to "registry.acme.io/{{value}}"'
          path: server.image.repository
          schema: { type: string, pattern: '^registry\\.acme\\.io/' }
        - id: acme/tag
          message: 'Every release names its team'
          hint: 'Add {{path}}'
          path: server.extraLabels.team
          required: true
        - id: acme/broken
          message: 'never'
          hint: 'never shown'
          path: server.image.repository
          expression: int(value) > 0
    `);
    const registry = await policies(config);
    const findings = await lintText('server:\n  image:\n    repository: hashicorp/vault\n', { registry, file: 'values.yaml' });
    expect(findings.map((finding) => [finding.ruleId, finding.messageId, finding.hint])).toEqual([
      ['acme/tag', 'missing', 'Add server.extraLabels.team'],
      ['acme/broken', 'evaluationError', undefined],
      ['acme/registry', 'violation', 'Set server.image.repository to "registry.acme.io/hashicorp/vault"'],
    ]);
  });

  it('refuse an unknown placeholder', async () => {
    expect(await invalid('policies:\n  - { id: a/b, message: m, hint: "use {{fix}}", expression: "true" }')).toMatch(
      /2:34: policies\.0\.hint: policy "a\/b": unknown placeholder "\{\{fix\}\}"/,
    );
  });
});

describe('invalid policies exit 2 naming the policy and where', () => {
  const cases: [string, string, RegExp][] = [
    ['not a list', 'policies: {}', /1:11: policies: expected a list of policies/],
    ['unknown key', 'policies:\n  - id: a/b\n    message: m\n    expresion: "true"', /4:5: policies\.0\.expresion: an unknown key/],
    [
      'id not namespaced',
      'policies:\n  - id: registry\n    message: m\n    expression: "true"',
      /2:9: policies\.0\.id: expected a namespaced id/,
    ],
    [
      'duplicate id',
      'policies:\n  - { id: a/b, message: m, expression: "true" }\n  - { id: a/b, message: m, expression: "true" }',
      /3:5: policies\.1: policy "a\/b" is declared twice/,
    ],
    [
      'nothing to check',
      'policies:\n  - { id: a/b, message: m, path: server }',
      /policy "a\/b": expected schema, expression or required: true/,
    ],
    [
      'unknown placeholder',
      'policies:\n  - { id: a/b, message: "{{valeu}}", expression: "true" }',
      /policy "a\/b": unknown placeholder "\{\{valeu\}\}"/,
    ],
    [
      'bad severity',
      'policies:\n  - { id: a/b, message: m, severity: fatal, expression: "true" }',
      /policies\.0\.severity: policy "a\/b": expected error, warning or info/,
    ],
    [
      'unknown target',
      'policies:\n  - { id: a/b, message: m, target: pods, expression: "true" }',
      /2:36: policies\.0\.target: policy "a\/b": unknown target "pods"/,
    ],
    [
      'bad schema',
      'policies:\n  - { id: a/b, message: m, schema: { type: strung } }',
      /policies\.0\.schema: policy "a\/b": invalid JSON Schema: schema is invalid/,
    ],
    [
      'unknown schema keyword',
      'policies:\n  - { id: a/b, message: m, schema: { patern: x } }',
      /policy "a\/b": invalid JSON Schema: strict mode: unknown keyword: "patern"/,
    ],
    [
      'CEL syntax',
      'policies:\n  - { id: a/b, message: m, expression: "value >" }',
      /policies\.0\.expression: policy "a\/b": the CEL expression does not compile: syntax error/,
    ],
    [
      'CEL undeclared variable',
      'policies:\n  - { id: a/b, message: m, expression: "vaules.x == 1" }',
      /policy "a\/b": the CEL expression does not compile: undeclared reference to "vaules"/,
    ],
    [
      'CEL undeclared function',
      'policies:\n  - { id: a/b, message: m, expression: "value.isPrivate()" }',
      /undeclared function "isPrivate"/,
    ],
    [
      'path syntax',
      'policies:\n  - { id: a/b, message: m, path: "server..image", expression: "true" }',
      /policies\.0\.path: policy "a\/b": expected a dotted path or JSON Pointer: an empty key/,
    ],
    [
      'path never matches',
      'policies:\n  - { id: a/b, message: m, path: server.imagee.tag, expression: "true" }',
      /2:34: policies\.0\.path: policy "a\/b": path "server.imagee.tag" can never match the values of any supported chart version/,
    ],
    [
      'unknown release fact',
      'policies:\n  - { id: a/b, message: m, target: release, path: sealType, expression: "true" }',
      /policy "a\/b": unknown release fact in "sealType"/,
    ],
    [
      'when path never matches',
      'policies:\n  - { id: a/b, message: m, expression: "true", when: { path: server.foo.bar } }',
      /policies\.0\.when\.path: policy "a\/b": path "server.foo.bar" can never match/,
    ],
    // Each refusal of the reader that had no case of its own.
    ['not a mapping', 'policies:\n  - acme/registry', /2:5: policies\.0: expected a policy: a mapping with id, message/],
    ['missing id', 'policies:\n  - { message: m, expression: "true" }', /2:5: policies\.0: expected id: a namespaced policy id/],
    ['missing message', 'policies:\n  - { id: a/b, expression: "true" }', /2:5: policies\.0: policy "a\/b": expected message/],
    [
      'message not text',
      'policies:\n  - { id: a/b, message: 5, expression: "true" }',
      /2:25: policies\.0\.message: expected a non-empty string/,
    ],
    ['empty message', 'policies:\n  - { id: a/b, message: "", expression: "true" }', /policies\.0\.message: expected a non-empty string/],
    [
      'docs not an address',
      'policies:\n  - { id: a/b, message: m, docs: wiki/page, expression: "true" }',
      /2:34: policies\.0\.docs: policy "a\/b": expected the address \(http or https\)/,
    ],
    [
      'required not a boolean',
      'policies:\n  - { id: a/b, message: m, path: server.image, required: "yes" }',
      /policies\.0\.required: policy "a\/b": expected true or false/,
    ],
    [
      'required without a key',
      'policies:\n  - { id: a/b, message: m, required: true }',
      /policies\.0\.required: policy "a\/b": required needs a path naming the key that must be there/,
    ],
    [
      'when not a mapping',
      'policies:\n  - { id: a/b, message: m, expression: "true", when: yes }',
      /policies\.0\.when: policy "a\/b": expected a mapping with target, path, schema or expression/,
    ],
    [
      'when with nothing to test',
      'policies:\n  - { id: a/b, message: m, expression: "true", when: { target: release } }',
      /policies\.0\.when: policy "a\/b": expected path, schema or expression/,
    ],
    [
      'schema not an object',
      'policies:\n  - { id: a/b, message: m, schema: 5 }',
      /policies\.0\.schema: policy "a\/b": invalid JSON Schema: expected a JSON Schema object/,
    ],
    [
      'schema with a pattern RE2 cannot run',
      'policies:\n  - { id: a/b, message: m, schema: { pattern: "^(a)\\\\1$" } }',
      /policies\.0\.schema: policy "a\/b": invalid JSON Schema: /,
    ],
    [
      'schema nested too deep',
      `policies:\n  - { id: a/b, message: m, schema: ${'{ not: '.repeat(70)}{}${' }'.repeat(70)} }`,
      /policies\.0\.schema: policy "a\/b": invalid JSON Schema: the schema is nested deeper than 64 levels/,
    ],
    [
      'schema too large',
      `policies:\n  - { id: a/b, message: m, schema: { enum: [${Array.from({ length: 10_001 }, (_, index) => index).join(', ')}] } }`,
      /policies\.0\.schema: policy "a\/b": invalid JSON Schema: the schema has more than 10000 nodes/,
    ],
    [
      'CEL too long',
      `policies:\n  - { id: a/b, message: m, expression: "${'true && '.repeat(600)}true" }`,
      /policies\.0\.expression: policy "a\/b": the CEL expression does not compile: the expression is longer than the limit of 4096 characters/,
    ],
    [
      'CEL message type',
      'policies:\n  - { id: a/b, message: m, expression: "acme.Policy{} == value" }',
      /the CEL expression does not compile: message types are not available \("acme.Policy"\)/,
    ],
    [
      'when unknown key',
      'policies:\n  - { id: a/b, message: m, expression: "true", when: { required: true } }',
      /policies\.0\.when\.required: an unknown key; expected target, path, schema, expression/,
    ],
  ];
  for (const [name, config, expected] of cases) {
    it(name, async () => {
      expect(await invalid(config)).toMatch(expected);
    });
  }

  describe('config paths are checked against the Vault config schema', () => {
    const refused: [string, RegExp][] = [
      [
        'clustr_name',
        /2:50: policies\.0\.path: policy "a\/b": path "clustr_name" can never match the Vault config: the top level of a Vault config has no key "clustr_name"; did you mean "cluster_name"\?/,
      ],
      [
        'storage.raf.path',
        /path "storage.raf.path" can never match the Vault config: storage of a Vault config has no key "raf"; did you mean "raft"\?/,
      ],
      [
        'storage.raft.retry_join[*].leader_api_adr',
        /storage\.raft\.retry_join\[\*\] of a Vault config has no key "leader_api_adr"; did you mean "leader_api_addr"\?/,
      ],
      ['seal.awskms.regoin', /seal\.awskms of a Vault config has no key "regoin"; did you mean "region"\?/],
      ['listener.tcp.tls_disabled', /listener\.tcp of a Vault config has no key "tls_disabled"; did you mean "tls_disable"\?/],
      // Both listener types are tried; the suggestion comes from the keys they share.
      ['listener.*.adress', /listener\.\* of a Vault config has no key "adress"; did you mean "address"\?/],
      // Keys inside storage stanzas are case-sensitive in Vault.
      ['storage.raft.RETRY_JOIN', /storage\.raft of a Vault config has no key "RETRY_JOIN"; did you mean "retry_join"\?/],
      ['telemetry.nothing_like_this', /telemetry of a Vault config has no key "nothing_like_this"$/],
    ];
    for (const [path, expected] of refused)
      it(`refuses ${path}`, async () => {
        expect(await invalid(`policies:\n  - { id: a/b, message: m, target: config, path: "${path}", expression: "true" }`)).toMatch(
          expected,
        );
      });

    it('refuses a config path in `when`', async () => {
      const config = 'policies:\n  - { id: a/b, message: m, expression: "true", when: { target: config, path: seal.transit.tokne } }';
      expect(await invalid(config)).toMatch(
        /2:78: policies\.0\.when\.path: policy "a\/b": path "seal.transit.tokne" can never match the Vault config: seal\.transit of a Vault config has no key "tokne"; did you mean "token"\?/,
      );
    });

    const accepted = [
      // Lists of blocks, written once or repeated, with or without [*].
      'storage.raft.retry_join[*].leader_api_addr',
      'storage.raft.retry_join.leader_api_addr',
      'storage.raft.retry_join[0].leader_api_addr',
      'listener.tcp.address',
      'listener.tcp[*].tls_disable',
      '/listener/tcp/0/address',
      // A JSON config in Vault's own shape: a list of labelled blocks.
      'listener[0].tcp.address',
      // Wildcards over labelled blocks.
      'seal.*',
      'seal.*.region',
      'storage.*.path',
      'listener.*.address',
      // Vault matches these keys and labels without case.
      'Cluster_Name',
      'listener.TCP.address',
      // Open objects: a shamir seal's body declares nothing, so any key may be there.
      'seal.shamir.anything',
      'service_registration.kubernetes.namespace',
    ];
    it('accepts paths some config can hold, through wildcards, labelled blocks and open objects', async () => {
      for (const path of accepted) {
        const config = `policies:\n  - { id: a/b, message: m, target: config, path: "${path}", expression: "true", when: { target: config, path: "${path}" } }`;
        await expect(policies(config), path).resolves.toHaveLength(1);
      }
    });
  });

  it("checks a path against the config's chart version", async () => {
    // server.hostNetwork is in the values.yaml of chart 0.34.1, not of 0.20.0: a config pinned to 0.20.0 refuses it.
    const config = 'policies:\n  - { id: a/b, message: m, path: server.hostNetwork, expression: "true" }';
    await expect(policies(config, '0.34.1')).resolves.toHaveLength(1);
    expect(await invalid(config, '0.20.0')).toMatch(/can never match the values of chart 0\.20\.0/);
  });
});

describe('policy schemas', () => {
  it('keep each pattern to its own schema, and run patterns on RE2', async () => {
    const { compileSchema } = await import('../../src/policy/schema.js');
    const registry = compileSchema({ type: 'string', pattern: '^registry\\.acme\\.io/' });
    const naming = compileSchema({ type: 'string', pattern: '^acme-(dev|stg|prod)-[a-z]+-[0-9]+$' });
    expect(registry('registry.acme.io/vault')).toBeUndefined();
    expect(naming('acme-prod-eu-1')).toBeUndefined();
    expect(naming('registry.acme.io/vault')).toEqual({ path: [], message: 'must match pattern "^acme-(dev|stg|prod)-[a-z]+-[0-9]+$"' });
    // A pattern that backtracks exponentially in a JavaScript RegExp is linear in RE2.
    const evil = compileSchema({ type: 'string', pattern: '^(a+)+$' });
    expect(evil(`${'a'.repeat(5000)}!`)).toMatchObject({ message: 'must match pattern "^(a+)+$"' });
    // RE2 has no backreferences: such a schema is refused when it is compiled.
    expect(() => compileSchema({ type: 'string', pattern: '^(a)\\1$' })).toThrow(/invalid|RE2|backreference|escape/i);
  });
});

describe('bounds: stated limits become findings', () => {
  const many = (count: number): string =>
    `server:\n  extraEnvironmentVars:\n${Array.from({ length: count }, (_, index) => `    VAR_${index}: "x"`).join('\n')}\n`;

  it('stops an expression past the cost limit and says so once', async () => {
    const config = `
      policies:
        - id: acme/quadratic
          message: 'never'
          path: server.extraEnvironmentVars
          expression: value.all(a, value.all(b, value.all(c, true)))
    `;
    expect(await lint(config, many(200))).toEqual([
      '2:3-2:23 acme/quadratic/costLimit Policy evaluation stopped at "server.extraEnvironmentVars": it passed the cost limit of 1000000',
    ]);
    // Doubling a string in a chain of maps is charged by the length it builds.
    const doubling = `
      policies:
        - id: acme/doubling
          message: 'never'
          expression: "${"['x']" + '.map(s, s + s)'.repeat(40)}.size() == 1"
    `;
    expect(await lint(doubling, 'server: {}\n')).toEqual([
      '1:1-1:11 acme/doubling/costLimit Policy evaluation stopped at "values": it passed the cost limit of 1000000',
    ]);
  });

  it('checks the first matches of a wildcard and reports that it stopped', async () => {
    const config = `
      policies:
        - id: acme/upper
          message: 'Env var {{path}} is not upper case'
          path: server.extraEnvironmentVars.*
          expression: "false"
    `;
    const found = await lint(config, many(1001));
    expect(found.filter((line) => line.includes('/violation'))).toHaveLength(1000);
    expect(found.filter((line) => !line.includes('/violation'))).toEqual([
      '1:1-1:8 acme/upper/tooManyMatches Policy path "server.extraEnvironmentVars.*" matches more than 1000 values; only the first 1000 were checked',
    ]);
  });

  it('reports an expression that fails on the data instead of passing it', async () => {
    const config = `
      policies:
        - id: acme/replicas
          message: 'never'
          path: server.ha
          expression: value.replicaz >= 3
    `;
    expect(await lint(config, 'server:\n  ha:\n    enabled: true\n')).toEqual([
      '2:3-2:5 acme/replicas/evaluationError Policy expression failed on "server.ha": field not found: replicaz',
    ]);
  });
});

describe('release facts', () => {
  it('reads the Vault version from the server tag without its pinned digest', async () => {
    const config = `
      policies:
        - id: acme/vault-version
          message: 'Vault {{value}} is older than 1.16'
          target: release
          path: vaultVersion
          expression: int(value.split('.')[1]) >= 16
    `;
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(await lint(config, `server:\n  image:\n    tag: "1.16.1@${digest}"\n`)).toEqual([]);
    expect(await lint(config, `server:\n  image:\n    tag: "v1.15.4@${digest}"\n`)).toEqual([
      '3:10-3:91 acme/vault-version/violation Vault 1.15.4 is older than 1.16',
    ]);
  });
});
