import { defineRule, SERVER_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'userconfig-mounted',
  meta: {
    description: 'Every /vault/userconfig/ file the config or the environment names is mounted from a volume',
    severity: 'error',
    tags: ['tls', 'volumes'],
    guide: 'TLS certificates',
    messageGuides: {
      notMounted: 'TLS certificates (mounted secrets are an installation dependency)',
    },
    appliesTo: { modes: SERVER_MODES },
    messages: {
      notMounted:
        'Missing volume "{{name}}" for "{{path}}" ({{where}}): nothing mounts /vault/userconfig/{{name}}, so the file does not exist in the pods and {{effect}}',
      volumeNotDeclared:
        'Missing volume "{{volume}}" in server.volumes: the server.volumeMounts entry that mounts "{{mountPath}}" for "{{path}}" ({{where}}) names no volume of the pod, so Kubernetes rejects the pods',
    },
    hints: {
      notMounted:
        'Add to server.extraVolumes an item "- type: secret, name: {{name}}" (it mounts at /vault/userconfig/{{name}}/), and create the secret in the release namespace before installing.',
      volumeNotDeclared:
        'Add a server.volumes entry named "{{volume}}" (e.g. secret: {secretName: …}), or fix the name of the volumeMount.',
    },
  },
  check(context) {
    for (const ref of context.model.userconfigRefs) {
      const effect = ref.source === 'config' ? 'Vault cannot start' : 'every program that reads the variable fails';
      const data = { name: ref.name, path: ref.path, where: ref.where, effect };
      if (!ref.mount) context.report({ node: ref.node, messageId: 'notMounted', data });
      else if (!ref.mount.declared)
        context.report({
          node: ref.node,
          messageId: 'volumeNotDeclared',
          data: { ...data, volume: ref.mount.volume, mountPath: ref.mount.path },
        });
    }
  },
});
