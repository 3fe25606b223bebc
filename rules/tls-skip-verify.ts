import { defineRule, type SkipVerifyEnv } from '../src/engine/index.js';

const CA_FIX =
  'server.extraEnvironmentVars.VAULT_CACERT: /vault/userconfig/tls-ca/ca.crt, with the CA secret mounted by a server.extraVolumes item "- type: secret, name: tls-ca"';

export default defineRule({
  id: 'tls-skip-verify',
  meta: {
    description: 'Vault and the vault CLI in its pods verify TLS certificates (config stanzas and VAULT_SKIP_VERIFY)',
    severity: 'warning',
    tags: ['security', 'tls', 'hardening'],
    guide: 'Production hardening (tls_skip_verify)',
    messageGuides: {
      skipVerify: 'Production hardening; the Vault docs call tls_skip_verify "highly discouraged"',
      envSkipVerify: 'TLS certificates',
      envSkipVerifyInvalid: 'TLS certificates',
      secretEnvSkipVerify: 'TLS certificates',
      injectorSkipVerify: 'TLS certificates',
    },
    messageSeverities: { envSkipVerifyInvalid: 'error', secretEnvSkipVerify: 'info', injectorSkipVerify: 'info' },
    messages: {
      skipVerify:
        'Expected tls_skip_verify in {{stanza}} to be false, found {{value}}; Vault then accepts any certificate from {{peer}}, so anyone on the path can read the traffic and its token',
      envSkipVerify:
        'Expected VAULT_SKIP_VERIFY in server.extraEnvironmentVars to be unset, found "{{value}}"; every vault command run in the pods (operator init, unseal, raft join) and every Vault client the server builds from its environment without TLS settings of its own (a transit seal) then accepts any certificate, unseal keys and tokens included',
      envSkipVerifyInvalid:
        'Unknown VAULT_SKIP_VERIFY value "{{value}}" in server.extraEnvironmentVars: the Vault client reads it with Go\'s strconv.ParseBool and refuses to run ("could not parse VAULT_SKIP_VERIFY"), so every vault command in the pods fails',
      secretEnvSkipVerify:
        'Unknown VAULT_SKIP_VERIFY from secret "{{secret}}" in server.extraSecretEnvironmentVars: its value is not in the values file; if it is true, every vault command run in the pods accepts any certificate',
      injectorSkipVerify:
        'Unused VAULT_SKIP_VERIFY "{{value}}" in injector.extraEnvironmentVars: the injector reads only AGENT_INJECT_* variables and passes none of its environment to the Vault Agent containers it injects, so this changes nothing',
    },
    hints: {
      skipVerify:
        'Remove tls_skip_verify and set {{caKey}} to the CA that signed the {{peer}} certificate, mounted from a Kubernetes Secret under /vault/userconfig.',
      envSkipVerify: 'Remove VAULT_SKIP_VERIFY from server.extraEnvironmentVars{{ca}}.',
      envSkipVerifyInvalid: 'Remove VAULT_SKIP_VERIFY from server.extraEnvironmentVars{{ca}}.',
      secretEnvSkipVerify: 'Remove the VAULT_SKIP_VERIFY item from server.extraSecretEnvironmentVars{{ca}}.',
      injectorSkipVerify:
        'Remove VAULT_SKIP_VERIFY from injector.extraEnvironmentVars; injected agents trust the Vault CA through the pod annotation vault.hashicorp.com/ca-cert (or tls-secret).',
    },
  },
  check(context) {
    const { model } = context;
    // The CA the CLI trusts instead: named once the variable goes, unless the container already has one.
    const ca = model.env.has('VAULT_CACERT') || model.env.has('VAULT_CAPATH') ? '' : `; give the vault CLI the CA instead with ${CA_FIX}`;
    for (const entry of model.skipVerifyEnv) reportEnv(entry, ca);
    const root = model.parsedConfig?.root;
    if (!root) return;
    const checked = [
      ...['seal', 'hsm', 'kms'].map((name) => ({ name, label: 'transit', peer: 'the transit Vault', caKey: 'tls_ca_cert' })),
      ...['storage', 'backend', 'ha_storage', 'ha_backend', 'service_registration'].map((name) => ({
        name,
        label: 'consul',
        peer: 'Consul',
        caKey: 'tls_ca_file',
      })),
    ];
    for (const { name, label, peer, caKey } of checked) {
      for (const block of root.blocks(name)) {
        if (block.label !== label) continue;
        const attr = block.body.attr('tls_skip_verify');
        if (!attr || attr.templated || attr.truth !== true) continue;
        context.report({
          node: attr,
          messageId: 'skipVerify',
          data: { stanza: `${name} "${label}"`, peer, caKey, value: JSON.stringify(attr.value) },
        });
      }
    }

    function reportEnv({ variable, skip }: SkipVerifyEnv, caFix: string): void {
      const value = variable.text ?? '';
      if (variable.container === 'injector') {
        if (skip !== false) context.report({ node: variable.node, messageId: 'injectorSkipVerify', data: { value } });
      } else if (skip === 'unknown') {
        const secret = variable.node.get('secretName')?.value;
        context.report({
          node: variable.node.get('envName') ?? variable.node,
          messageId: 'secretEnvSkipVerify',
          data: { secret: String(secret ?? ''), ca: caFix },
        });
      } else if (skip === true || skip === 'invalid') {
        context.report({
          node: variable.node,
          messageId: skip === true ? 'envSkipVerify' : 'envSkipVerifyInvalid',
          data: { value, ca: caFix },
        });
      }
    }
  },
});
