import type { Model } from './model.js';
import { componentEnabled, helmTruthy } from './truth.js';
import type { ValueNode } from './values.js';

/** A container image the chart renders for an enabled component. */
export interface ImageFact {
  component: 'server' | 'injector' | 'injectorAgent' | 'csi' | 'csiAgent';
  /** The values path of the image map, e.g. `server.image`. */
  path: string;
  image: ValueNode | undefined;
  repository: ValueNode | undefined;
  tag: ValueNode | undefined;
}

const IMAGE_PATHS: readonly [ImageFact['component'], string][] = [
  ['server', 'server.image'],
  ['injector', 'injector.image'],
  ['injectorAgent', 'injector.agentImage'],
  ['csi', 'csi.image'],
  ['csiAgent', 'csi.agent.image'],
];

/** Images of the components this release turns on. */
export function collectImages(model: Model): ImageFact[] {
  const global = model.valueOf('global.enabled');
  const serverOn = model.mode !== 'external' && model.mode !== 'none';
  const injectorOn = componentEnabled(model.valueOf('injector.enabled'), global);
  const csiOn = componentEnabled(model.valueOf('csi.enabled'), global);
  const enabled: Record<ImageFact['component'], boolean> = {
    server: serverOn,
    injector: injectorOn,
    injectorAgent: injectorOn,
    csi: csiOn,
    csiAgent: csiOn && helmTruthy(model.valueOf('csi.agent.enabled')),
  };
  return IMAGE_PATHS.filter(([component]) => enabled[component]).map(([component, path]) => {
    const image = model.get(path);
    return { component, path, image, repository: image?.get('repository'), tag: image?.get('tag') };
  });
}
