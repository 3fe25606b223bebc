import { defineRule, CONFIG_MODES } from '../src/engine/index.js';

export default defineRule({
  id: 'no-raw-storage-endpoint',
  meta: {
    description: 'The Vault config keeps the sys/raw endpoint disabled',
    severity: 'warning',
    tags: ['security', 'hardening'],
    guide: 'Production hardening (raw_storage_endpoint)',
    messageGuides: {
      rawStorageEndpoint: 'Production hardening (raw_storage_endpoint); advisory GHSA-rc54-2g2c-g36g',
    },
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      rawStorageEndpoint:
        "Expected {{key}} to be false, found {{value}}; sys/raw reads and writes Vault's storage without the barrier's checks and is highly privileged",
    },
    hints: {
      rawStorageEndpoint: 'Remove {{key}} from the config, or set it to false; turn it on only for a recovery, then off again.',
    },
  },
  check(context) {
    const { model } = context;
    const config = model.parsedConfig;
    if (!config) return;
    // EnableRawEndpoint is the struct-tag alias Vault also accepts (keys match case-insensitively).
    for (const attr of [...config.root.attrs('raw_storage_endpoint'), ...config.root.attrs('EnableRawEndpoint')]) {
      if (attr.templated || attr.truth !== true) continue;
      context.report({ node: attr, messageId: 'rawStorageEndpoint', data: { key: attr.name, value: JSON.stringify(attr.value) } });
    }
  },
});
