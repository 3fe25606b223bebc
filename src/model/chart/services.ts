import { parseYaml } from '../../parse/yaml.js';
import { embedMap } from '../../parse/embed.js';
import { keyName } from '../../parse/yaml.js';
import type { ChartRelease } from './release.js';
import { componentEnabled, helmEqualsTrue, helmToString, helmTruthy } from './truth.js';
import type { Locatable, Place, ValueNode } from '../values/tree.js';

/** One annotation that lands on a rendered object. */
export interface Annotation extends Locatable {
  key: string;
  value: unknown;
  /** The annotations value (map or string) it was written in. */
  from: ValueNode;
}

/** A Service the chart renders, with what decides whether it is exposed. */
export interface ServiceFact {
  role: 'ui' | 'main' | 'active' | 'standby';
  /** The Service's name, e.g. `vault-ui`. */
  name: string;
  /** The effective `spec.type`. */
  type: string;
  /** The value that set the type, when any value did (`ui.serviceType`, `server.service.type`). */
  typeNode: ValueNode | undefined;
  /** Annotations as they land on the Service, after the chart's precedence. */
  annotations: Annotation[];
  /** The values that feed annotations to this Service, most specific first. */
  annotationSources: { path: string; node: ValueNode | undefined }[];
  /**
   * `ui.loadBalancerSourceRanges`, rendered only for the ui LoadBalancer: the server Services render
   * none in any release (server-service.yaml, server-ha-*-service.yaml, 0.20.0 to 0.34.1).
   */
  sourceRanges: ValueNode | undefined;
  /**
   * The value the template writes as the port's `nodePort`, when it writes one: `ui.serviceNodePort`
   * whenever set; on the server Services `server.service.nodePort` (the active and standby Services
   * their own `activeNodePort` / `standbyNodePort` from 0.21.0) when the type is NodePort. Without
   * one, Kubernetes assigns a node port to a NodePort or LoadBalancer Service.
   */
  nodePort: ValueNode | undefined;
  /**
   * A `server.service.loadBalancerSourceRanges` the user wrote, which no server Service template
   * reads: it restricts nothing (undefined on the ui Service, and when not written).
   */
  ignoredSourceRanges?: ValueNode;
  /** Where the fix goes: the values key that configures this Service. */
  home: string;
}

/** Read an annotations value as the chart renders it: a map, or a YAML string run through tpl. */
export function readAnnotations(node: ValueNode | undefined): Annotation[] {
  if (!node || !helmTruthy(node.value)) return [];
  if (node.kind === 'map') {
    return [...node.children].map(([key, child]) => ({ key, value: child.value, from: node, place: () => child.place() }));
  }
  if (typeof node.value !== 'string') return [];
  const document = parseYaml(node.value);
  if (document.root?.kind !== 'map') return [];
  const scalar = node.isUserSet && node.yaml?.kind === 'scalar' && node.layer.source !== undefined ? node.yaml : undefined;
  const map = scalar ? embedMap(scalar, node.layer.source!) : undefined;
  return document.root.pairs.map((pair) => ({
    key: keyName(pair.key),
    value: pair.value.kind === 'scalar' ? pair.value.value : undefined,
    from: node,
    place: (): Place => {
      const base = node.place();
      if (!map) return base;
      const span = map.span(pair.value.start, pair.value.end);
      const place: Place = { ...base, start: span.start, end: span.end };
      if (span.approximate) place.approximate = true;
      return place;
    },
  }));
}

/** A value the template writes only when it is truthy (`{{- if … }}`). */
function renderedNode(node: ValueNode | undefined): ValueNode | undefined {
  return node && helmTruthy(node.value) ? node : undefined;
}

/** Later annotations override earlier ones with the same key. */
function mergeAnnotations(...lists: Annotation[][]): Annotation[] {
  const byKey = new Map<string, Annotation>();
  for (const list of lists) for (const annotation of list) byKey.set(annotation.key, annotation);
  return [...byKey.values()];
}

/** The Services of the release that can be given a type, with their effective annotations. */
export function collectServices(model: ChartRelease): ServiceFact[] {
  const out: ServiceFact[] = [];
  const mode = model.mode;
  if (mode === 'external') return out;
  const fullname = model.fullname;
  if (componentEnabled(model.valueOf('ui.enabled'), model.valueOf('global.enabled'))) {
    const typeNode = model.get('ui.serviceType');
    out.push({
      role: 'ui',
      name: `${fullname}-ui`,
      type: typeof typeNode?.value === 'string' && typeNode.value !== '' ? typeNode.value : 'ClusterIP',
      typeNode,
      annotations: readAnnotations(model.get('ui.annotations')),
      annotationSources: [{ path: 'ui.annotations', node: model.get('ui.annotations') }],
      sourceRanges: model.get('ui.loadBalancerSourceRanges'),
      nodePort: renderedNode(model.get('ui.serviceNodePort')),
      home: 'ui',
    });
  }
  // `vault.serverServiceEnabled` compares with "true"; with no server mode (`none`) the Services still render.
  if (!helmEqualsTrue(model.valueOf('server.service.enabled'))) return out;
  const typeNode = model.get('server.service.type');
  const type = typeof typeNode?.value === 'string' && typeNode.value !== '' ? typeNode.value : 'ClusterIP';
  const general = model.get('server.service.annotations');
  const generalAnnotations = readAnnotations(general);
  const ranges = model.get('server.service.loadBalancerSourceRanges');
  const ignored = ranges?.isUserSet ? { ignoredSourceRanges: ranges } : {};
  const nodePortOf = (key: string): ValueNode | undefined =>
    helmToString(typeNode?.value) === 'NodePort' ? renderedNode(model.get(`server.service.${key}`)) : undefined;
  out.push({
    role: 'main',
    name: fullname,
    type,
    typeNode,
    annotations: generalAnnotations,
    annotationSources: [{ path: 'server.service.annotations', node: general }],
    sourceRanges: undefined,
    nodePort: nodePortOf('nodePort'),
    ...ignored,
    home: 'server.service',
  });
  if (!model.isHa) return out;
  const { roleServiceSwitches, roleAnnotations } = model.profile;
  for (const role of ['active', 'standby'] as const) {
    // Releases without the switches render both Services in HA whatever the values say.
    if (roleServiceSwitches && !helmEqualsTrue(model.valueOf(`server.service.${role}.enabled`))) continue;
    const specific = roleAnnotations === 'none' ? undefined : model.get(`server.service.${role}.annotations`);
    const specificAnnotations = readAnnotations(specific);
    // The map the template writes last wins a shared key: the role's own from 0.30.1, the general one before.
    const annotations =
      roleAnnotations === 'roleWins'
        ? mergeAnnotations(generalAnnotations, specificAnnotations)
        : mergeAnnotations(specificAnnotations, generalAnnotations);
    out.push({
      role,
      name: `${fullname}-${role}`,
      type,
      typeNode,
      annotations,
      annotationSources: [
        ...(roleAnnotations === 'none' ? [] : [{ path: `server.service.${role}.annotations`, node: specific }]),
        { path: 'server.service.annotations', node: general },
      ],
      sourceRanges: undefined,
      nodePort: nodePortOf(model.profile.roleNodePorts ? `${role}NodePort` : 'nodePort'),
      ...ignored,
      home: 'server.service',
    });
  }
  return out;
}
