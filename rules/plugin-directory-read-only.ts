import { defineRule, CONFIG_MODES, writablePluginDirectory } from '../src/engine/index.js';

export default defineRule({
  id: 'plugin-directory-read-only',
  meta: {
    description: 'The plugin directory is a volume the Vault container mounts read-only',
    severity: 'warning',
    tags: ['security', 'hardening', 'volumes'],
    guide: 'Production hardening (plugin_directory)',
    appliesTo: { modes: CONFIG_MODES },
    messages: {
      writable:
        'Writable plugin_directory "{{path}}": {{reason}}; Vault runs the plugin binaries registered from it, so anything that can write there as Vault (a file audit device, as in CVE-2025-6000) can plant code Vault then executes',
    },
    hints: {
      writable:
        'Install plugins into a volume the Vault container mounts read-only: an emptyDir in server.volumes that a server.extraInitContainers item fills, mounted with readOnly: true in server.volumeMounts (e.g. at /usr/local/libexec/vault), and point plugin_directory there.',
    },
  },
  check(context) {
    const dir = context.fact(writablePluginDirectory);
    if (!dir) return;
    const reasons = {
      volumeMount: `the server.volumeMounts entry at ${dir.mountPath} is not readOnly`,
      data: `it lies in the data volume at ${dir.mountPath}, where Vault writes its storage`,
      audit: `it lies in the audit volume at ${dir.mountPath}, where Vault writes its audit logs`,
      home: `it lies in the chart's home emptyDir at ${dir.mountPath}, writable and emptied with each pod`,
      scratch: `${dir.mountPath} is the container's writable scratch space, emptied with each pod`,
    };
    const related = dir.mount ? [{ node: dir.mount, message: 'the writable volumeMount' }] : [];
    context.report({ node: dir.attr, messageId: 'writable', data: { path: dir.path, reason: reasons[dir.kind] }, related });
  },
});
