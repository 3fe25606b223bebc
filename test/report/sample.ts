import type { FileResult, Finding, Origin, RuleInfo, SetOrigin, Severity } from '../../src/engine/types.js';

/**
 * A hand-built run over four targets, shaped like what the engine hands the reporters: sorted
 * findings, masked source, every position a values-file position (1-based, end exclusive, UTF-16
 * columns). The positions are written out literally; `sample.test.ts` checks each span against the
 * source text so a typo here cannot hide behind a golden.
 */

/** The working directory the sample run pretends to have. */
export const SAMPLE_CWD = '/srv/ci/platform';

/** The version the sample run reports. */
export const SAMPLE_VERSION = '0.1.0';

export const DEPLOY_FILE = 'deploy/vault/values.yaml';
export const PROD_FILE = 'environments/prod values.yaml';
export const DEV_FILE = './environments/dev.yaml';
export const SET_LABEL = '--set server.image.tag=latest';
/** The `--set` argument of the sample, layered onto the deploy file; its columns count inside the argument, after the flag. */
export const SET_ORIGIN: SetOrigin = { kind: 'set', index: 1, argument: SET_LABEL, onto: DEPLOY_FILE };

// Lines 14 and 15 indent the HCL with a tab after the block scalar's six spaces: legal YAML, common
// in pasted Vault configs, and the case where carets drift if tabs are not expanded consistently.
// The secret on line 22 is already masked, as the engine guarantees for `source`.
export const DEPLOY_SOURCE = [
  'global:',
  '  tlsDisable: true',
  'server:',
  '  image:',
  '    repository: hashicorp/vault',
  '    tag: latest',
  '  updateStrategyType: RollingUpdate',
  '  ha:',
  '    enabled: true',
  '    replicas: 1',
  '    config: |',
  '      ui = true',
  '      listener "tcp" {',
  '      \taddress     = "[::]:8200"',
  '      \ttls_disable = 1',
  '      }',
  '      storage "raft" {',
  '        path    = "/vault/data"',
  '        node_id = "vault-0"',
  '      }',
  '  extraEnvironmentVars:',
  '    VAULT_TOKEN: "********"',
  'injector:',
  '  annotations: "vault.hashicorp.com/agent-inject: true,\\nlimit: 100%"',
  '',
].join('\n');

// The embedded config is an escaped double-quoted scalar here, so positions inside it cannot be
// mapped exactly and its finding covers the whole scalar (`approximate`). CRLF line ends on purpose.
export const PROD_SOURCE = [
  'server:',
  '  standalone:',
  '    enabled: true',
  '    config: "ui = true\\nlistener \\"tcp\\" {\\n  tls_disable = 1\\n}\\n"',
  '  dataStorage:',
  '    size: 1Gi',
  '',
].join('\r\n');

// A reserved domain: the project's docs address is not settled, and the reporters just pass it through.
const DOCS = 'https://vault-lint.example/rules/';

interface RuleSpec {
  severity: Severity;
  description: string;
  tags: string[];
  guide: string;
  messages: Record<string, string>;
  hints: Record<string, string>;
}

const RULE_SPECS: Record<string, RuleSpec> = {
  'tls-enabled': {
    severity: 'error',
    description: 'Serve the Vault API over TLS only',
    tags: ['security', 'tls'],
    guide: 'Configure TLS',
    messages: {
      chartTlsDisabled: 'Expected global.tlsDisable to be false, found "{{value}}"',
      listenerTlsDisabled: 'Disabled TLS on listener "{{type}}"',
    },
    hints: {
      chartTlsDisabled: 'Set global.tlsDisable: false and mount a certificate for the listener.',
      listenerTlsDisabled: 'Remove tls_disable from the listener and set tls_cert_file and tls_key_file.',
    },
  },
  'audit-storage-enabled': {
    severity: 'info',
    description: 'Keep audit logs on a persistent volume',
    tags: ['audit'],
    guide: 'Audit storage',
    messages: { disabled: 'Disabled audit storage: server.auditStorage.enabled is "false"' },
    hints: { disabled: 'Set server.auditStorage.enabled: true so audit logs survive pod restarts.' },
  },
  'image-tag-pinned': {
    severity: 'warning',
    description: 'Pin the Vault image to a version',
    tags: ['upgrade', 'image'],
    guide: 'Upgrading Vault on Kubernetes',
    messages: { floatingTag: 'Unpinned image tag "{{tag}}" for {{path}}' },
    hints: { floatingTag: 'Pin the tag to a released Vault version, e.g. "1.17.2".' },
  },
  'update-strategy-on-delete': {
    severity: 'error',
    description: 'Upgrade standbys before the active node',
    tags: ['upgrade'],
    guide: 'Upgrading Vault on Kubernetes',
    messages: { rolling: 'Expected server.updateStrategyType to be "OnDelete", found "{{value}}"' },
    hints: { rolling: 'Set server.updateStrategyType: OnDelete; RollingUpdate can fail over to an older leader.' },
  },
  'ha-replicas-min': {
    severity: 'warning',
    description: 'Run at least three Vault servers in HA mode',
    tags: ['availability'],
    guide: 'High availability with integrated storage',
    messages: { tooFew: 'Expected server.ha.replicas to be at least 3, found "{{value}}"' },
    hints: { tooFew: 'Set server.ha.replicas: 3 (or 5) so Raft keeps a quorum through one failure.' },
  },
  'ha-raft-retry-join': {
    severity: 'warning',
    description: 'Let Raft peers find each other with retry_join',
    tags: ['availability', 'raft'],
    guide: 'High availability with integrated storage',
    messages: { missingRetryJoin: 'Missing retry_join in storage "raft"' },
    hints: { missingRetryJoin: 'Add a retry_join block per peer (leader_api_addr) inside storage "raft".' },
  },
  'no-inline-secrets': {
    severity: 'error',
    description: 'Keep secrets out of values files',
    tags: ['security', 'secrets'],
    guide: 'Protecting secrets in values files',
    messages: { inlineSecret: 'Expected {{path}} to come from a Kubernetes Secret, found an inline value' },
    hints: { inlineSecret: 'Move the value to a Secret and reference it with server.extraSecretEnvironmentVars.' },
  },
  'injector-annotations-map': {
    severity: 'warning',
    description: 'Give injector annotations as a map',
    tags: ['injector'],
    guide: 'Agent injector',
    messages: { notAMap: 'Expected injector.annotations to be a map, found "{{value}}"' },
    hints: { notAMap: 'Write one "key: value" entry per annotation under injector.annotations.' },
  },
  'ha-enabled': {
    severity: 'warning',
    description: 'Run Vault in HA mode in production',
    tags: ['availability'],
    guide: 'High availability with integrated storage',
    messages: { standaloneMode: 'Disabled high availability: server.standalone.enabled is "true"' },
    hints: { standaloneMode: 'Set server.ha.enabled: true and server.standalone.enabled: false.' },
  },
  'data-storage-size-min': {
    severity: 'info',
    description: 'Give Raft storage room to grow',
    tags: ['storage'],
    guide: 'Storage sizing',
    messages: { tooSmall: 'Expected server.dataStorage.size to be at least "{{min}}", found "{{value}}"' },
    hints: { tooSmall: 'Size the volume for snapshots and the Raft log, e.g. server.dataStorage.size: 10Gi.' },
  },
  // Reports nothing in the sample: SARIF must still list it.
  'resources-set': {
    severity: 'warning',
    description: 'Set CPU and memory requests and limits',
    tags: ['resources'],
    guide: 'Kubernetes resources',
    messages: { missingResources: 'Missing server.resources' },
    hints: { missingResources: 'Set server.resources.requests and server.resources.limits.' },
  },
};

/** Rule metadata for every rule of the sample, keyed by id, in registration (not alphabetical) order. */
export const sampleRules: ReadonlyMap<string, RuleInfo> = new Map(
  Object.entries(RULE_SPECS).map(([id, spec]) => [
    id,
    {
      id,
      docsUrl: `${DOCS}${id}`,
      meta: {
        description: spec.description,
        severity: spec.severity,
        tags: spec.tags,
        guide: spec.guide,
        messages: spec.messages,
        hints: spec.hints,
      },
    },
  ]),
);

interface FindingSpec {
  ruleId: string;
  messageId: string;
  message: string;
  file: string | SetOrigin;
  span: [line: number, column: number, endLine: number, endColumn: number];
  yamlPath?: (string | number)[];
  hclPath?: (string | number)[];
  hclLine?: number;
  approximate?: boolean;
  fromChartDefault?: boolean;
  /** The guide section the message cites when narrower than its rule's (the engine's `messageGuides`). */
  guide?: string;
  related?: { file: string | SetOrigin; span: [line: number, column: number, endLine: number, endColumn: number]; message: string }[];
}

function originOf(file: string | SetOrigin): Origin {
  return typeof file === 'string' ? { kind: 'file', file } : file;
}

function finding(spec: FindingSpec): Finding {
  const rule = RULE_SPECS[spec.ruleId]!;
  const [line, column, endLine, endColumn] = spec.span;
  return {
    ruleId: spec.ruleId,
    messageId: spec.messageId,
    severity: rule.severity,
    message: spec.message,
    hint: rule.hints[spec.messageId],
    guide: spec.guide ?? rule.guide,
    docsUrl: `${DOCS}${spec.ruleId}`,
    location: {
      ...originOf(spec.file),
      line,
      column,
      endLine,
      endColumn,
      ...(spec.yamlPath ? { yamlPath: spec.yamlPath } : {}),
      ...(spec.hclPath ? { hclPath: spec.hclPath } : {}),
      ...(spec.hclLine !== undefined ? { hclLine: spec.hclLine } : {}),
      ...(spec.approximate !== undefined ? { approximate: spec.approximate } : {}),
    },
    ...(spec.related
      ? {
          relatedLocations: spec.related.map(({ file, span: [rLine, rColumn, rEndLine, rEndColumn], message }) => ({
            location: { ...originOf(file), line: rLine, column: rColumn, endLine: rEndLine, endColumn: rEndColumn },
            message,
          })),
        }
      : {}),
    ...(spec.fromChartDefault !== undefined ? { fromChartDefault: spec.fromChartDefault } : {}),
  };
}

/** A fresh copy of the sample run, so a test may change it freely. */
export function sampleResults(): FileResult[] {
  return [
    {
      kind: 'file',
      file: DEPLOY_FILE,
      source: DEPLOY_SOURCE,
      findings: [
        finding({
          ruleId: 'tls-enabled',
          messageId: 'chartTlsDisabled',
          message: 'Expected global.tlsDisable to be false, found "true"',
          file: DEPLOY_FILE,
          span: [2, 15, 2, 19],
          yamlPath: ['global', 'tlsDisable'],
        }),
        finding({
          // The chart's default decides, so the finding sits on the closest existing parent key.
          ruleId: 'audit-storage-enabled',
          messageId: 'disabled',
          message: 'Disabled audit storage: server.auditStorage.enabled is "false"',
          file: DEPLOY_FILE,
          span: [3, 1, 3, 7],
          yamlPath: ['server'],
          fromChartDefault: true,
        }),
        finding({
          ruleId: 'image-tag-pinned',
          messageId: 'floatingTag',
          message: 'Unpinned image tag "latest" for server.image.tag',
          file: DEPLOY_FILE,
          span: [6, 10, 6, 16],
          yamlPath: ['server', 'image', 'tag'],
        }),
        finding({
          ruleId: 'update-strategy-on-delete',
          messageId: 'rolling',
          message: 'Expected server.updateStrategyType to be "OnDelete", found "RollingUpdate"',
          file: DEPLOY_FILE,
          span: [7, 23, 7, 36],
          yamlPath: ['server', 'updateStrategyType'],
        }),
        finding({
          ruleId: 'ha-replicas-min',
          messageId: 'tooFew',
          message: 'Expected server.ha.replicas to be at least 3, found "1"',
          file: DEPLOY_FILE,
          span: [10, 15, 10, 16],
          yamlPath: ['server', 'ha', 'replicas'],
        }),
        finding({
          // Inside the embedded config: column 8 is the character after six spaces and a tab.
          ruleId: 'tls-enabled',
          messageId: 'listenerTlsDisabled',
          message: 'Disabled TLS on listener "tcp"',
          guide: 'Configure TLS (the listener)',
          file: DEPLOY_FILE,
          span: [15, 8, 15, 23],
          yamlPath: ['server', 'ha', 'config'],
          hclPath: ['listener', 'tcp', 'tls_disable'],
          hclLine: 4,
        }),
        finding({
          // Four lines: more than a code frame shows.
          ruleId: 'ha-raft-retry-join',
          messageId: 'missingRetryJoin',
          message: 'Missing retry_join in storage "raft"',
          file: DEPLOY_FILE,
          span: [17, 7, 20, 8],
          yamlPath: ['server', 'ha', 'config'],
          hclPath: ['storage', 'raft'],
          hclLine: 6,
          related: [{ file: DEPLOY_FILE, span: [10, 15, 10, 16], message: 'server.ha.replicas: the pods to list' }],
        }),
        finding({
          ruleId: 'no-inline-secrets',
          messageId: 'inlineSecret',
          message: 'Expected server.extraEnvironmentVars.VAULT_TOKEN to come from a Kubernetes Secret, found an inline value',
          file: DEPLOY_FILE,
          span: [22, 18, 22, 28],
          yamlPath: ['server', 'extraEnvironmentVars', 'VAULT_TOKEN'],
        }),
        finding({
          // The quoted value carries `%`, `,`, `:` and a real line break into the message.
          ruleId: 'injector-annotations-map',
          messageId: 'notAMap',
          message: 'Expected injector.annotations to be a map, found "vault.hashicorp.com/agent-inject: true,\nlimit: 100%"',
          file: DEPLOY_FILE,
          span: [24, 16, 24, 70],
          yamlPath: ['injector', 'annotations'],
        }),
      ],
    },
    {
      kind: 'file',
      file: PROD_FILE,
      source: PROD_SOURCE,
      findings: [
        finding({
          ruleId: 'ha-enabled',
          messageId: 'standaloneMode',
          message: 'Disabled high availability: server.standalone.enabled is "true"',
          file: PROD_FILE,
          span: [3, 14, 3, 18],
          yamlPath: ['server', 'standalone', 'enabled'],
        }),
        finding({
          ruleId: 'tls-enabled',
          messageId: 'listenerTlsDisabled',
          message: 'Disabled TLS on listener "tcp"',
          file: PROD_FILE,
          span: [4, 13, 4, 68],
          yamlPath: ['server', 'standalone', 'config'],
          hclPath: ['listener', 'tcp', 'tls_disable'],
          hclLine: 3,
          approximate: true,
        }),
        finding({
          ruleId: 'data-storage-size-min',
          messageId: 'tooSmall',
          message: 'Expected server.dataStorage.size to be at least "10Gi", found "1Gi"',
          file: PROD_FILE,
          span: [6, 11, 6, 14],
          yamlPath: ['server', 'dataStorage', 'size'],
        }),
      ],
    },
    // Linted and clean: absent from stylish and GitHub output, present in JSON and SARIF artifacts.
    { kind: 'file', file: DEV_FILE, source: 'server:\n  ha:\n    enabled: true\n', findings: [] },
    {
      // A `--set` argument: positions are within the argument, and there is no file to show.
      ...SET_ORIGIN,
      findings: [
        finding({
          ruleId: 'image-tag-pinned',
          messageId: 'floatingTag',
          message: 'Unpinned image tag "latest" for server.image.tag',
          file: SET_ORIGIN,
          span: [1, 18, 1, 24],
          yamlPath: ['server', 'image', 'tag'],
          // In another target's file: SARIF must find that file's artifact.
          related: [{ file: DEPLOY_FILE, span: [6, 10, 6, 16], message: 'the tag this argument overrides' }],
        }),
      ],
    },
  ];
}

/** The text each related location covers, per file, in the order of the findings that carry them. */
export const SAMPLE_RELATED_TEXTS: Record<string, string[]> = {
  [DEPLOY_FILE]: ['1', 'latest'],
};

/** The text each sample finding's span covers (single-line spans) or starts with, in order, for the sanity test. */
export const SAMPLE_SPAN_TEXTS: Record<string, string[]> = {
  [DEPLOY_FILE]: [
    'true',
    'server',
    'latest',
    'RollingUpdate',
    '1',
    'tls_disable = 1',
    'storage "raft" {',
    '"********"',
    '"vault.hashicorp.com/agent-inject: true,\\nlimit: 100%"',
  ],
  [PROD_FILE]: ['true', '"ui = true\\nlistener \\"tcp\\" {\\n  tls_disable = 1\\n}\\n"', '1Gi'],
  [SET_LABEL]: ['latest'],
};
