import type { ChartRelease } from '../chart/release.js';
import { componentEnabled } from '../chart/truth.js';

/** Modes in which the chart renders the server StatefulSet, whose pods get `server.*` (the `vault.mode` helper). */
export const SERVER_POD_MODES: ReadonlySet<string> = new Set(['dev', 'standalone', 'ha-raft', 'ha-other']);

/** The switched components besides the server: their values section and the name messages give them. */
const SWITCHED = [
  { section: 'injector', name: 'Agent Injector' },
  { section: 'csi', name: 'CSI provider' },
] as const;

/**
 * For a values path, the chart component whose pods it would reach when that component is not
 * rendered in this release (`server.*` without a server mode; `injector.*` or `csi.*` switched off,
 * `"-"` following `global.enabled`: server-statefulset.yaml, injector-deployment.yaml and
 * csi-daemonset.yaml at v0.20.0 to v0.34.1); undefined for a path the release renders or no
 * component owns.
 */
export function unrenderedComponent(model: ChartRelease): (path: string) => string | undefined {
  const off = new Map<string, string>();
  if (!SERVER_POD_MODES.has(model.mode)) off.set('server', 'server');
  for (const { section, name } of SWITCHED)
    if (!componentEnabled(model.valueOf(`${section}.enabled`), model.valueOf('global.enabled'))) off.set(section, name);
  return (path) => {
    const dot = path.indexOf('.');
    return off.get(dot < 0 ? path : path.slice(0, dot));
  };
}
