import type { ChartRelease } from './release.js';
import { componentEnabled, helmEqualsTrue } from './truth.js';
import type { ValueNode } from '../values/tree.js';

/** A container image the chart renders for an enabled component. */
export interface ImageFact {
  component: 'server' | 'injector' | 'injectorAgent' | 'csi' | 'csiAgent';
  /** The values path of the image map, e.g. `server.image`. */
  path: string;
  image: ValueNode | undefined;
  repository: ValueNode | undefined;
  tag: ValueNode | undefined;
  /**
   * How the tag pins the image. Every template writes `<repository>:<tag>` (server-statefulset.yaml,
   * injector-deployment.yaml, csi-daemonset.yaml at v0.28.0 and v0.34.1), so a digest pins only as
   * `<version>@sha256:<hex>`; a bare `sha256:<hex>` tag renders `repo:sha256:<hex>`, which is not a
   * valid image reference and the pod never pulls.
   */
  tagForm: ImageTagForm;
}

/** `digest`: `<tag>@sha256:<64 hex>`; `bareDigest`: `sha256:…` alone (invalid once rendered). */
export type ImageTagForm = 'digest' | 'bareDigest' | 'other';

const TAGGED_DIGEST = /^[\w][\w.-]{0,127}@sha256:[a-f0-9]{64}$/;

/** Classify a tag value the way the rendered `<repository>:<tag>` reference reads it. */
export function imageTagForm(tag: unknown): ImageTagForm {
  if (typeof tag !== 'string') return 'other';
  if (TAGGED_DIGEST.test(tag)) return 'digest';
  if (/^sha256:/.test(tag)) return 'bareDigest';
  return 'other';
}

const IMAGE_PATHS: readonly [ImageFact['component'], string][] = [
  ['server', 'server.image'],
  ['injector', 'injector.image'],
  ['injectorAgent', 'injector.agentImage'],
  ['csi', 'csi.image'],
  ['csiAgent', 'csi.agent.image'],
];

/** Images of the components this release turns on. */
export function collectImages(model: ChartRelease): ImageFact[] {
  const global = model.valueOf('global.enabled');
  const serverOn = model.mode !== 'external' && model.mode !== 'none';
  const injectorOn = componentEnabled(model.valueOf('injector.enabled'), global);
  const csiOn = componentEnabled(model.valueOf('csi.enabled'), global);
  const enabled: Record<ImageFact['component'], boolean> = {
    server: serverOn,
    injector: injectorOn,
    injectorAgent: injectorOn,
    csi: csiOn,
    // csi-daemonset.yaml runs the Agent sidecar when `csi.agent.enabled` is "true", on releases that have one.
    csiAgent: csiOn && model.profile.csiAgent && helmEqualsTrue(model.valueOf('csi.agent.enabled')),
  };
  return IMAGE_PATHS.filter(([component]) => enabled[component]).map(([component, path]) => {
    const image = model.get(path);
    const tag = image?.get('tag');
    return { component, path, image, repository: image?.get('repository'), tag, tagForm: imageTagForm(tag?.value) };
  });
}
