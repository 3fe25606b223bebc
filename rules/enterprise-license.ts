import { defineRule, licenseSecretNamed, SERVER_MODES } from '../src/engine/index.js';

const WHY = 'Vault Enterprise 1.8 and later refuses to start without an autoloaded license';

export default defineRule({
  id: 'enterprise-license',
  meta: {
    description: 'A Vault Enterprise image gets its license from a Kubernetes secret',
    severity: 'warning',
    tags: ['enterprise', 'operations'],
    guide: 'Using Helm charts (Enterprise image); Vault docs: license autoloading',
    appliesTo: { modes: SERVER_MODES },
    messages: {
      missingLicense: `Missing license for the Vault Enterprise image "{{image}}": server.enterpriseLicense.secretName is not set and no VAULT_LICENSE or VAULT_LICENSE_PATH comes from a secret; ${WHY}`,
      missingSecretKey: `Expected server.enterpriseLicense.secretKey to name the key of secret "{{secret}}", found {{value}}; the chart mounts no license without it, and ${WHY}`,
      literalLicense:
        'Unexpected literal VAULT_LICENSE in server.extraEnvironmentVars: the license text is written into the values file and the StatefulSet spec instead of coming from a Kubernetes secret',
      pathNotInSecret:
        'Unexpected {{name}} "{{path}}": it does not point into a mounted secret volume, so the license file is not provided by the chart and the pods fail to start when it is missing',
    },
    hints: {
      missingLicense:
        'Create the secret (kubectl create secret generic vault-license --from-file=license=vault.hclic) and set server.enterpriseLicense.secretName: vault-license.',
      missingSecretKey: 'Set server.enterpriseLicense.secretKey to the secret key that holds the license (the chart default is "license").',
      literalLicense:
        'Store the license in a secret and set server.enterpriseLicense.secretName, or load VAULT_LICENSE through server.extraSecretEnvironmentVars.',
      pathNotInSecret:
        'Point {{name}} into a secret mounted with server.extraVolumes (e.g. /vault/userconfig/vault-license/license), or use server.enterpriseLicense.secretName.',
    },
  },
  check(context) {
    const { model } = context;
    if (!model.isEnterprise) return;
    const sources = model.licenseSources;
    if (sources.some((source) => source.fromSecret)) return;
    const literal = sources.find((source) => source.literalLicense);
    if (literal) return context.report({ node: literal, messageId: 'literalLicense' });
    const path = sources.find((source) => source.path !== undefined);
    if (path) return context.report({ node: path, messageId: 'pathNotInSecret', data: { name: path.name, path: path.path! } });
    const secretName = model.get('server.enterpriseLicense.secretName');
    const secretKey = model.get('server.enterpriseLicense.secretKey');
    if (secretName && context.fact(licenseSecretNamed)) {
      const data = { secret: String(secretName.value), value: JSON.stringify(secretKey?.value ?? null) };
      if (secretKey) context.report({ node: secretKey, messageId: 'missingSecretKey', data });
      else context.reportMissing({ path: 'server.enterpriseLicense.secretKey', messageId: 'missingSecretKey', data });
      return;
    }
    // The license is a chart default nobody wrote: point at the image value that makes it Enterprise.
    const repository = model.get('server.image.repository');
    const tag = model.get('server.image.tag');
    const decidedBy = typeof repository?.value === 'string' && repository.value.includes('vault-enterprise') ? repository : tag;
    const image = `${String(repository?.value ?? '')}:${String(tag?.value ?? '')}`;
    context.reportMissing({ path: 'server.enterpriseLicense.secretName', messageId: 'missingLicense', data: { image }, decidedBy });
  },
});
