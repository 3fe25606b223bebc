import type { ConfiguredRelease } from '../config/release.js';
import type { ConfigBlock, ConfigValue } from '../config/vault-config.js';

/** A `leader_api_addr` read as the URL Vault dials. */
export interface JoinAddress {
  scheme: string;
  host: string;
  /** The port as written; undefined when the URL has none (Vault then uses the scheme's default). */
  port: string | undefined;
  /** The StatefulSet ordinal when the host names a pod of this release (`<fullname>-<i>.<fullname>-internal…`). */
  pod?: number;
  /**
   * The namespace of a namespaced host (`….<namespace>.svc[.<domain>]`), with `{{ .Release.Namespace }}`
   * read as the release namespace (never `global.namespace`); undefined when that namespace was not given.
   */
  namespace?: string;
}

/** One `retry_join` stanza of the live raft storage, with its address read. */
export interface RaftJoin {
  block: ConfigBlock;
  address: ConfigValue | undefined;
  autoJoin: ConfigValue | undefined;
  /** The address read as a URL; undefined when absent, templated, or not a URL (`malformed`). */
  url?: JoinAddress;
  malformed: boolean;
  /**
   * True when Helm template logic the linter did not evaluate decides this stanza or its address
   * (an `if` or `range` it cannot follow, an action it cannot print): how many stanzas Vault gets,
   * and for which pods, is then unknown.
   */
  templated: boolean;
}

const URL_FORM = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?\/?$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pod's address through the headless service, `<fullname>-<n>.<fullname>-internal[.<ns>.svc[.<domain>]]`; the name is matched literally. */
export function podHostPattern(fullname: string): RegExp {
  const name = escape(fullname);
  return new RegExp(`^${name}-(\\d+)\\.${name}-internal(?:\\.([a-z0-9-]+)\\.svc(?:\\.[a-z0-9.-]+)?)?\\.?$`);
}

/** The `retry_join` stanzas of the live `storage "raft"`, each address read against this release's pod names. */
export function collectRaftJoins(model: ConfiguredRelease): RaftJoin[] {
  const raft = model.parsedConfig?.raftStorage;
  if (!raft) return [];
  const podHost = podHostPattern(model.fullname);
  return raft.body.blocks('retry_join').map((block) => {
    const address = block.body.attr('leader_api_addr');
    const templated = block.config.isUnevaluated(block.body.node) || address?.templated === true;
    const join: RaftJoin = { block, address, autoJoin: block.body.attr('auto_join'), malformed: false, templated };
    if (!address || templated || typeof address.value !== 'string') return join;
    const match = URL_FORM.exec(address.value.trim());
    if (!match) {
      join.malformed = true;
      return join;
    }
    const [, scheme = '', host = '', port] = match;
    join.url = { scheme: scheme.toLowerCase(), host, port };
    const pod = podHost.exec(host.toLowerCase());
    if (pod) {
      join.url.pod = Number(pod[1]);
      // `.Release.Namespace` is Helm's `default` only when no namespace was given; otherwise it is unknown.
      const assumed = !model.releaseNamespaceKnown && address.config.actionsIn(address.node).includes('.Release.Namespace');
      if (pod[2] !== undefined && !assumed) join.url.namespace = pod[2];
    }
    return join;
  });
}

/**
 * Whether Helm template logic the linter did not evaluate may add, drop or change `retry_join`
 * stanzas of the live raft storage: a stanza marked `templated`, or an action it cannot print
 * standing between the stanzas (which may print stanzas of its own).
 */
export function raftJoinsUnknown(model: ConfiguredRelease, joins: readonly RaftJoin[]): boolean {
  if (joins.some((join) => join.templated)) return true;
  const raft = model.parsedConfig?.raftStorage;
  if (!raft) return false;
  const body = raft.body.node;
  const config = raft.config;
  return config.rendering.templated.some(
    (span) =>
      span.start >= body.start && span.end <= body.end && !body.items.some((item) => item.start <= span.start && item.end >= span.end),
  );
}
