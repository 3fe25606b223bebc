import { defineRule, secretsInUnsealSteps, SERVER_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'no-unseal-keys-in-pod',
  meta: {
    description: 'No script in the values initialises Vault or keeps its unseal keys or root token in a pod',
    severity: 'error',
    tags: ['security', 'secrets'],
    guide: 'Initialize and unseal Vault',
    // The scripts it reads run in the server pods (postStart, extraContainers, extraInitContainers of
    // server-statefulset.yaml); without a StatefulSet no pod runs them.
    appliesTo: { modes: SERVER_MODES },
    messages: {
      init: 'Unexpected "vault operator init" in {{where}}; its output, the {{keys}} keys and the initial root token, then exists in the pod, where anyone who can read its logs, files or volumes can take it',
      unseal:
        'Unexpected "vault operator unseal" in {{where}}; the script needs the unseal keys inside the pod, where anyone who can read its environment, files or volumes can take them and, with a quorum, generate a root token',
      stored:
        'Unexpected write of unseal keys or a root token in {{where}}; they then sit in the pod or in Vault itself, beside what they protect',
    },
    hints: {
      init: 'Run vault operator init once from an operator workstation (or add -pgp-keys and -root-token-pgp-key so that only encrypted shares exist), hand the {{keys}} keys to their holders, and revoke the root token after setup.',
      unseal:
        'Use auto-unseal (a seal stanza for your KMS or HSM, with credentials from workload identity or a Kubernetes Secret) instead of unsealing from a script, or unseal by hand with keys kept outside the cluster.',
      stored:
        'Remove the write: keep unseal or recovery key shares with their holders outside the cluster, and revoke the root token once setup is done (generate one with vault operator generate-root when needed).',
    },
  },
  check(context) {
    // One message per kind of step: the fact's kind names it.
    const messageIds = { init: 'init', unseal: 'unseal', stored: 'stored' } as const;
    // A credential written inside a step goes with the step: removing the step removes it (no-inline-secrets leaves it out).
    const { byScript } = context.fact(secretsInUnsealSteps);
    for (const script of context.model.unsealKeyScripts) {
      context.report({
        node: script,
        messageId: messageIds[script.kind],
        data: { where: script.where, keys: script.keys },
        related: [
          ...script.related.map((node) => ({ node, message: 'another step of the same script that handles the keys' })),
          ...script.keyShares.map((node) => ({
            node,
            message:
              'an unseal key share written in plain text: it is in the values file and its history, so rekey Vault (vault operator rekey)',
          })),
          ...(byScript.get(script) ?? []).map((node) => ({
            node,
            message: 'a credential written in plain text in this step: it is in the values file and its history, so revoke and replace it',
          })),
        ],
      });
    }
  },
});
