import { defineRule, secretsInUnsealSteps, unrenderedComponent, type SecretFact } from '../src/engine/index.js';

export default defineRule({
  id: 'no-inline-secrets',
  meta: {
    description: 'No credential is written as a plain value in the values file or the Vault config',
    severity: 'error',
    tags: ['security', 'secrets'],
    guide: 'KMS Authentication; production hardening ("Do not use clear text credentials")',
    messages: {
      envSecret: `Unexpected plain-text credential in server.extraEnvironmentVars.{{name}}; {{exposure}}`,
      configSecret: `Unexpected plain-text credential {{where}} in "{{config}}"; the chart stores the Vault config in a ConfigMap, which is not a Secret`,
      podSpecSecret: `Unexpected plain-text credential {{name}} in {{where}}; {{exposure}}`,
      privateKey: `Unexpected inline private key in {{where}}; the key is kept in plain text in the values and in what the chart renders`,
      detectedSecret: `Unexpected {{detector}} in {{where}}; a credential in the values file is readable by anyone who can read the file, its history or what the chart renders from it`,
    },
    hints: {
      envSecret:
        'Put the value in a Kubernetes Secret and load it with server.extraSecretEnvironmentVars (envName: {{name}}, secretName, secretKey), or use workload identity instead of a static credential.',
      configSecret: 'Remove {{name}} from the config and {{alternative}}.',
      podSpecSecret: '{{fix}}',
      privateKey:
        'Put the key in a Kubernetes Secret, mount it with server.extraVolumes (type: secret, it appears under /vault/userconfig/<secret>/) and {{reference}}.',
      detectedSecret:
        'Revoke and replace the credential (it is in the file and its history), keep the new one in a Kubernetes Secret and {{reference}}.',
    },
  },
  check(context) {
    // A credential inside a step of an unseal-key script is no-unseal-keys-in-pod's: removing the step is the fix.
    const { owned } = context.fact(secretsInUnsealSteps);
    // Where the chart renders no pod for the section, the credential is still in the file: say that, not that the pod spec holds it.
    const unrendered = context.fact(unrenderedComponent);
    const exposure = (secret: SecretFact, rendered: string): string => {
      const component = unrendered(secret.where);
      return component === undefined
        ? rendered
        : `this release renders no ${component}, but the value is in the values file, readable by anyone who can read the file or its history, and deployed once the ${component} is switched on`;
    };
    for (const secret of context.model.secrets) {
      if (secret.kind === 'devRootToken' || owned.has(secret)) continue;
      if (secret.kind === 'detected') {
        context.report({
          node: secret,
          messageId: 'detectedSecret',
          data: { detector: secret.detector ?? 'credential', where: secret.where, reference: detectedReference(secret) },
        });
        continue;
      }
      if (secret.kind === 'env') {
        const data = {
          name: secret.name,
          exposure: exposure(secret, 'the chart copies it into the StatefulSet, readable by anyone who can read the pod spec'),
        };
        context.report({ node: secret, messageId: 'envSecret', data });
      } else if (secret.kind === 'injectorEnv' || secret.kind === 'containerEnv' || secret.kind === 'argument') {
        context.report({
          node: secret,
          messageId: 'podSpecSecret',
          data: {
            name: secret.name,
            where: secret.where,
            fix: podSpecFix(secret),
            exposure: exposure(secret, 'the chart copies it into the pod spec, readable by anyone who can read it'),
          },
        });
      } else if (secret.kind === 'privateKey') {
        context.report({ node: secret, messageId: 'privateKey', data: { where: secret.where, reference: keyReference(secret) } });
      } else {
        const config = secret.place().yamlPath.join('.');
        context.report({
          node: secret,
          messageId: 'configSecret',
          data: { where: secret.where, name: secret.name, config, alternative: alternative(secret) },
        });
      }
    }
  },
});

/** How to take a credential out of a pod spec the chart renders from the values. */
function podSpecFix(secret: SecretFact): string {
  if (secret.kind === 'containerEnv') return `Load ${secret.name} with valueFrom.secretKeyRef from a Kubernetes Secret instead of value.`;
  if (secret.kind === 'injectorEnv')
    return `Remove ${secret.name} from injector.extraEnvironmentVars: the chart can only write injector env vars as plain values, and the injector authenticates to Vault with its service account.`;
  return `Remove the -${secret.name} flag and give the credential from a Kubernetes Secret (server.extraSecretEnvironmentVars or a file under /vault/userconfig).`;
}

/** Where the credential should come from instead of the config. */
function alternative(secret: SecretFact): string {
  if (secret.kind === 'autoJoin') return 'let go-discover authenticate with workload identity (provider=k8s needs no credential)';
  const identity = 'or use workload identity (IRSA, GKE or Azure workload identity) so that no static credential is needed';
  if (secret.envAlternative)
    return `set ${secret.envAlternative} from a Kubernetes Secret with server.extraSecretEnvironmentVars, ${identity}`;
  return `mount it from a Kubernetes Secret under /vault/userconfig with server.extraVolumes, ${identity}`;
}

/** How the config or env var should point at the mounted key file. */
function keyReference(secret: SecretFact): string {
  if (secret.place().hclPath === undefined) return 'give the file path instead of the key';
  return `point ${secret.name}_file at /vault/userconfig/<secret>/<file> instead`;
}

/** How the place that held a detected credential should get it instead. */
function detectedReference(secret: SecretFact): string {
  if (secret.place().hclPath !== undefined)
    return 'mount it with server.extraVolumes (type: secret, under /vault/userconfig/<secret>/) or set the env var Vault reads for it with server.extraSecretEnvironmentVars';
  return "read it from there: valueFrom.secretKeyRef in a container's env, a secret volume, or server.extraSecretEnvironmentVars for the Vault container";
}
