import { defineRule, GUIDE_CA_FILE, guideCaMount, HA_MODES, type Locatable, type Model, type RaftJoin } from '../src/engine/index.js';

/** One thing wrong with the peer list: what it is, where (when it has a place), and the edit that fixes it. */
interface PeerProblem {
  what: string;
  fix: string;
  node?: Locatable;
}

export default defineRule({
  id: 'retry-join-matches-replicas',
  meta: {
    description: 'Raft retry_join lists exactly one correct address per pod, or uses auto_join',
    severity: 'error',
    tags: ['ha', 'raft'],
    guide: 'Vault storage configuration',
    appliesTo: { modes: HA_MODES, minReplicas: 2 },
    messages: {
      peerList:
        'Expected retry_join to name each of the {{replicas}} pods once ({{first}} to {{last}}), found {{problems}}; a pod whose peer is missing or wrong cannot lead or join the cluster',
      joinsUnknown:
        'Cannot tell whether retry_join names each of the {{replicas}} pods: Helm template logic the linter does not evaluate decides the stanzas, so missing peers are not checked',
    },
    hints: {
      peerList: 'In storage "raft": {{fixes}}.',
    },
    messageSeverities: { joinsUnknown: 'info' },
  },
  check(context) {
    const { model } = context;
    const raft = model.parsedConfig?.raftStorage;
    if (!raft) return;
    const joins = model.raftJoins;
    if (joins.some((join) => join.autoJoin !== undefined)) return;
    // When template logic decides the stanzas, only the entries that can be read are checked.
    const unknown = model.raftJoinsUnknown;
    if (unknown) context.report({ node: raft, messageId: 'joinsUnknown', data: { replicas: model.replicas } });
    const problems = peerProblems(model, joins).filter((problem) => !unknown || problem.node !== undefined);
    if (problems.length === 0) return;
    // One finding per peer list, at `storage "raft"`: the block the list lives in and where missing
    // peers are added; it stays put while single entries are fixed, so suppressions and fingerprints hold.
    context.report({
      node: raft,
      messageId: 'peerList',
      data: {
        replicas: model.replicas,
        first: `"${model.fullname}-0"`,
        last: `"${model.fullname}-${model.replicas - 1}"`,
        problems: problems.map((problem) => problem.what).join(', '),
        // The guide's CA file, named when the config names none, must be mounted for the pasted stanzas to join.
        fixes: `${problems.map((problem) => problem.fix).join('; ')}${problems.some((problem) => problem.fix.includes(`"${GUIDE_CA_FILE}"`)) ? context.fact(guideCaMount) : ''}`,
      },
      related: problems.flatMap(({ node, what, fix }) => (node ? [{ node, message: `${what}: ${fix}` }] : [])),
    });
  },
});

/**
 * Compare the joins with the pods 0…N−1. Entries that name no pod of the release take the missing
 * pods in order (the likely intent: a typo in one host), and only what is left is added or removed.
 * Addresses always use https with the leader's CA, as the guide does: with TLS off on the listener
 * the fix is TLS there (tls-enabled), never http here.
 */
function peerProblems(model: Model, joins: readonly RaftJoin[]): PeerProblem[] {
  const { fullname, replicas } = model;
  const caAttr = joins.map((join) => join.block.body.attr('leader_ca_cert_file')?.value).find((value) => typeof value === 'string');
  const ca = typeof caAttr === 'string' ? caAttr : GUIDE_CA_FILE;
  const address = (i: number): string => `https://${fullname}-${i}.${fullname}-internal:8200`;
  const pod = (i: number): string => `"${fullname}-${i}"`;
  const tls = model.parsedConfig?.servesTls === true;
  // The first entry naming a pod claims it; entries naming no pod take the unclaimed pods in order.
  const claimer = new Map<number, RaftJoin>();
  for (const join of joins)
    if (join.url?.pod !== undefined && join.url.pod < replicas && !claimer.has(join.url.pod)) claimer.set(join.url.pod, join);
  const missing = [...Array(replicas).keys()].filter((i) => !claimer.has(i));
  const problems: PeerProblem[] = [];
  // A ${VAR} or $(VAR) in an address is no-unexpanded-variables' finding, at the reference itself:
  // one root cause, one finding. The entry still stands for the next unclaimed pod.
  const unexpanded = new Set(model.unexpandedVariables.map((variable) => variable.value.node));
  for (const join of joins) {
    if (join.address && unexpanded.has(join.address.node)) {
      missing.shift();
      continue;
    }
    const { url } = join;
    const node = join.address ?? join.block;
    const unnamed = !join.address
      ? 'a retry_join without leader_api_addr'
      : join.malformed
        ? `a malformed address (${JSON.stringify(String(join.address.value))})`
        : url && url.pod === undefined
          ? `a host that is no pod of release "${model.releaseName}" ("${url.host}")`
          : undefined;
    if (unnamed !== undefined) {
      const next = missing.shift();
      problems.push({
        node,
        what: unnamed,
        fix: next === undefined ? 'remove this retry_join' : `set leader_api_addr = "${address(next)}" for ${pod(next)}`,
      });
    }
    if (!url || url.pod === undefined) continue;
    if (url.pod >= replicas)
      problems.push({
        node,
        what: `${pod(url.pod)} extra (pods run 0 to ${replicas - 1})`,
        fix: `remove the retry_join for ${pod(url.pod)}`,
      });
    else if (claimer.get(url.pod) !== join)
      problems.push({ node, what: `${pod(url.pod)} twice`, fix: `remove the second retry_join for ${pod(url.pod)}` });
    else {
      const wrong = [
        ...((tls ? url.scheme !== 'https' : !['http', 'https'].includes(url.scheme))
          ? [`${url.scheme}${tls ? ' while the listener serves TLS' : ''}`]
          : []),
        ...(url.port !== '8200'
          ? [
              url.port === undefined
                ? `no port (so ${url.scheme === 'https' ? 443 : 80}) instead of 8200`
                : `port ${url.port} instead of the API port 8200`,
            ]
          : []),
        ...(url.namespace !== undefined && model.namespaceKnown && url.namespace !== model.namespace
          ? [`namespace "${url.namespace}" instead of "${model.namespace}"`]
          : []),
      ];
      if (wrong.length > 0)
        problems.push({ node, what: `${pod(url.pod)} with ${wrong.join(' and ')}`, fix: `set leader_api_addr = "${address(url.pod)}"` });
    }
  }
  for (const i of missing) {
    problems.push({
      what: `${pod(i)} missing`,
      fix: `add retry_join { leader_api_addr = "${address(i)}", leader_ca_cert_file = "${ca}" }`,
    });
  }
  return problems;
}
