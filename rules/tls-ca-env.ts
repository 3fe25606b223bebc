import {
  defineRule,
  CONFIG_MODES,
  injectorHttpAddr,
  missingCaPaths,
  serverHttpAddr,
  serverSkipsVerify,
  withoutUserinfo,
} from '../src/engine/index.js';

export default defineRule({
  id: 'tls-ca-env',
  meta: {
    description:
      'With TLS on, the vault CLI in the pods and the injected agents speak https to the server, and the CLI trusts its certificate (VAULT_ADDR, VAULT_CACERT)',
    severity: 'warning',
    tags: ['tls', 'operations'],
    guide: 'TLS certificates',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      missingCaCert:
        'Missing VAULT_CACERT in server.extraEnvironmentVars: the listener serves TLS, so vault commands run inside the pods (operator init, unseal, raft list-peers) cannot verify the server certificate',
      emptyCaCert:
        'Expected VAULT_CACERT to name the CA certificate file, found "{{value}}"; the vault CLI in the pods then cannot verify the server certificate',
      caNotMounted: 'Missing file "{{path}}" ({{name}}): {{where}}, so every vault command in the pods fails to read the CA',
      httpAddr:
        'Expected VAULT_ADDR in server.extraEnvironmentVars to use https, found "{{value}}"; the listener serves TLS only, so every vault command in the pods (operator init, unseal, raft list-peers) fails with "Client sent an HTTP request to an HTTPS server"',
      injectorHttpAddr:
        'Expected AGENT_INJECT_VAULT_ADDR in injector.extraEnvironmentVars to use https, found "{{value}}"; it replaces the chart\'s https address for every injected Vault Agent, and the listener serves TLS only, so the agents cannot reach Vault',
    },
    hints: {
      missingCaCert:
        'Add server.extraEnvironmentVars.VAULT_CACERT: /vault/userconfig/<ca-secret>/ca.crt and mount that secret with server.extraVolumes.',
      emptyCaCert: 'Set VAULT_CACERT to the mounted CA file, e.g. /vault/userconfig/tls-ca/ca.crt.',
      caNotMounted: 'Mount the CA secret with a server.extraVolumes item "- type: secret, name: tls-ca" and set {{name}} to {{target}}.',
      injectorHttpAddr:
        'Remove AGENT_INJECT_VAULT_ADDR from injector.extraEnvironmentVars (the chart already gives the agents its https address when global.tlsDisable is false), or write it with https ("{{https}}").',
      httpAddr:
        'Write VAULT_ADDR with https ("{{https}}"), or remove it: the chart already sets https://127.0.0.1:8200 when global.tlsDisable is false.',
    },
  },
  check(context) {
    const { model } = context;
    if (!model.chartTls || !model.parsedConfig?.servesTls) return;
    const addr = context.fact(serverHttpAddr);
    if (addr) {
      const value = withoutUserinfo(addr.text!.trim());
      context.report({ node: addr.node, messageId: 'httpAddr', data: { value, https: value.replace(/^http:/i, 'https:') } });
    }
    const agents = context.fact(injectorHttpAddr);
    if (agents) {
      const value = withoutUserinfo(agents.text!.trim());
      context.report({ node: agents.node, messageId: 'injectorHttpAddr', data: { value, https: value.replace(/^http:/i, 'https:') } });
    }
    for (const missing of context.fact(missingCaPaths)) {
      const where =
        missing.where === 'chartMount'
          ? `the chart mounts ${missing.mountPath} for its own use, and no volume puts the file there`
          : 'no volume mounts it and the Vault image has no such file';
      // VAULT_CAPATH names a directory of CA files: the mounted secret's directory itself.
      const target = missing.variable.name === 'VAULT_CAPATH' ? '/vault/userconfig/tls-ca' : '/vault/userconfig/tls-ca/ca.crt';
      const data = { path: missing.path, name: missing.variable.name, where, target };
      context.report({ node: missing.variable.node, messageId: 'caNotMounted', data });
    }
    // A VAULT_SKIP_VERIFY that turns verification off is reported by tls-skip-verify, whose hint names the CA.
    if (context.fact(serverSkipsVerify)) return;
    // VAULT_CAPATH (a directory of CAs) is the CLI's other way to trust a CA.
    const env = model.env.get('VAULT_CACERT') ?? model.env.get('VAULT_CAPATH');
    if (!env) {
      context.reportMissing({ path: 'server.extraEnvironmentVars.VAULT_CACERT', messageId: 'missingCaCert' });
      return;
    }
    if (env.source === 'literal' && (env.value === null || env.value === undefined || String(env.value).trim() === '')) {
      context.report({
        node: env.node,
        messageId: 'emptyCaCert',
        data: { value: env.value === null || env.value === undefined ? '' : String(env.value) },
      });
    }
  },
});
