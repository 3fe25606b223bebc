import { defineRule, CONFIG_MODES, effectiveLogLevel } from '../src/engine/index.js';

const VERBOSE = new Set(['trace', 'debug']);

export default defineRule({
  id: 'no-verbose-logging',
  meta: {
    description: 'Vault servers log at info or above, not trace or debug',
    severity: 'info',
    tags: ['operations', 'hardening'],
    guide: 'Production hardening (log_level)',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      verboseLevel:
        'Verbose log level "{{level}}" set by {{key}}: Vault logs internal detail at a volume that costs CPU and log storage and buries the warnings operators watch for',
    },
    hints: {
      verboseLevel:
        'Set {{key}} to "info"; to debug a live cluster, stream a finer level for a while with vault monitor -log-level=debug instead.',
    },
  },
  check(context) {
    const setting = context.fact(effectiveLogLevel);
    if (!setting || !VERBOSE.has(setting.level)) return;
    context.report({ node: setting.node, messageId: 'verboseLevel', data: { level: setting.level, key: setting.key } });
  },
});
