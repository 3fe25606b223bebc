import { defineRule, type ImageFact, type ValueNode } from '../src/engine/index.js';

/** A full release version (`1.16.1`, `v1.16.1`, `1.16.1-ent`, `1.16.1-ent.hsm.fips1402`). */
const FULL_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z][0-9A-Za-z.+_-]*)?$/;

const NAMES: Record<string, string> = {
  server: 'server',
  injector: 'injector',
  injectorAgent: 'injector agent',
  csi: 'CSI provider',
  csiAgent: 'CSI agent',
};

export default defineRule({
  id: 'image-tag-pinned',
  meta: {
    description: 'Images are pinned to a full version written in the values file',
    severity: 'error',
    tags: ['upgrade', 'supply-chain'],
    guide: 'Version pinning',
    messages: {
      unpinnedDefault:
        'Unpinned {{component}} image: {{path}}.tag is not set, so the chart default "{{tag}}" changes with every chart release',
      notString:
        'Expected {{path}}.tag to be a quoted string, found the {{type}} {{value}}; YAML reads an unquoted version as a number (1.10 becomes 1.1)',
      latest: 'Unpinned {{component}} image: {{path}}.tag is "{{tag}}", which pulls whatever is newest',
      partialVersion: 'Unpinned {{component}} image: {{path}}.tag "{{tag}}" is not a full version, so it can move to a new patch release',
      notDigest: 'Expected {{path}}.tag to carry an image digest, found "{{tag}}"; the option requireDigest asks for immutable images',
      bareDigest:
        'Expected {{path}}.tag to be "<version>@sha256:<digest>", found "{{tag}}"; the chart renders "<repository>:<tag>", which is not a valid image reference with a bare digest, so the pod cannot pull its image',
    },
    hints: {
      unpinnedDefault: 'Write {{path}}.tag: "{{tag}}" (or the version you run) in the values file.',
      notString:
        'Quote the tag and write the full version it stands for, e.g. tag: "1.16.1" (quoting "{{value}}" alone still leaves a partial version).',
      latest: 'Set {{path}}.tag to a full version such as "1.16.1" or "1.16.1-ent".',
      partialVersion: 'Set {{path}}.tag to a full version such as "1.16.1" or "1.16.1-ent".',
      notDigest: 'Append the digest of the image you tested to the version: tag: "{{tag}}@sha256:<64 hex digits>".',
      bareDigest: 'Put the version the digest belongs to in front of it: tag: "1.16.1@{{tag}}" (with your version).',
    },
    options: {
      requireExplicitComponentTags: {
        type: 'boolean',
        default: false,
        strict: true,
        description: 'Also require the injector, agent and CSI image tags to be written in the file',
      },
      requireDigest: {
        type: 'boolean',
        default: false,
        strict: true,
        description: 'Require a digest after the version (`1.16.1@sha256:…`) instead of a version alone',
      },
    },
  },
  check(context) {
    for (const image of context.model.images) {
      // A template expression writes the tag: what it prints is unknown, so nothing can be said of it.
      if (image.tag?.templated === true) continue;
      const explicit = image.tag?.isUserSet === true;
      const data = { component: NAMES[image.component] ?? image.component, path: image.path, tag: String(image.tag?.value ?? '') };
      if (!explicit) {
        if (image.component === 'server' || context.options.requireExplicitComponentTags) {
          context.reportMissing({ path: `${image.path}.tag`, messageId: 'unpinnedDefault', data });
        }
        continue;
      }
      checkTag(image.tag!, data, context.options, image.tagForm, (messageId, extra) =>
        context.report({ node: image.tag!, messageId, data: { ...data, ...extra } }),
      );
    }
  },
});

function checkTag(
  tag: ValueNode,
  data: { tag: string },
  options: { requireDigest: boolean },
  form: ImageFact['tagForm'],
  report: (messageId: 'notString' | 'latest' | 'partialVersion' | 'notDigest' | 'bareDigest', extra?: Record<string, string>) => void,
): void {
  const value = tag.value;
  if (typeof value !== 'string') {
    if (value === null) return report('latest', { tag: '' });
    return report('notString', { type: typeof value, value: String(value) });
  }
  if (value === '' || value === 'latest') return report('latest');
  if (form === 'bareDigest') return report('bareDigest');
  if (form === 'digest') return;
  if (!FULL_VERSION.test(value)) return report('partialVersion');
  if (options.requireDigest) report('notDigest', data);
}
