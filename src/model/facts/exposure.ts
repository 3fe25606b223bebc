import { resolveScalar } from '../../parse/yaml.js';
import type { L7Exposure } from '../chart/ingress.js';
import { isPrivateCidr } from '../chart/load-balancers.js';
import type { ChartRelease } from '../chart/release.js';
import { readAnnotations, type Annotation } from '../chart/services.js';
import { componentEnabled, helmToString, helmTruthy, vaultBool } from '../chart/truth.js';
import type { Locatable, ValueNode } from '../values/tree.js';

/** Whether an ingress controller's load balancer answers on the internet or on a private network only. */
export type Reach = 'public' | 'internal';

/** What the values say about where an Ingress is reached from, and the value that says it. */
export interface KnownReach {
  reach: Reach;
  /** The annotation or class that says it, where a fix goes. */
  node: Locatable;
  /** A phrase for the message: `alb.ingress.kubernetes.io/scheme is "internet-facing"`. */
  reason: string;
  /** How to make it internal, for the hint. */
  fix: string;
}

/** A Layer 7 object the chart renders in front of Vault, with what tells where it is reached from. */
export interface L7Reach {
  exposure: L7Exposure;
  /** The switch that renders it: `server.ingress.enabled`, `server.route.enabled`, `server.httproute.enabled`. */
  enabled: Locatable;
  /** The Ingress's class as its controller reads it: `ingressClassName`, else the legacy class annotation. */
  ingressClass?: { name: string; node: Locatable };
  /** What the Ingress's annotations or class say about its controller's load balancer, when anything does. */
  known?: KnownReach;
  /** The Gateways an HTTPRoute attaches to (`server.httproute.parentRefs`, written verbatim), namespace filled in. */
  parents?: { name: string; namespace: string; node: Locatable }[];
}

const ALB = 'alb.ingress.kubernetes.io/';
const ALB_FIX = `set ${ALB}scheme: internal in server.ingress.annotations`;
const APPGW_PRIVATE = 'appgw.ingress.kubernetes.io/use-private-ip';
const GKE_CLASS_FIX = 'use the class "gce-internal" (kubernetes.io/ingress.class: "gce-internal" in server.ingress.annotations)';

/**
 * Annotations that restrict which client addresses an Ingress's controller accepts: when every range
 * is private, the Ingress is not reached from the internet whatever its load balancer is.
 */
const SOURCE_RANGE_ANNOTATIONS = [
  'nginx.ingress.kubernetes.io/whitelist-source-range',
  'nginx.ingress.kubernetes.io/allowlist-source-range',
  `${ALB}inbound-cidrs`,
];

/**
 * What the annotations and class of an Ingress say about its reach, from the controllers' documented
 * defaults: the AWS Load Balancer Controller makes an internal ALB unless `scheme` says
 * `internet-facing`; the Application Gateway controller uses the gateway's private address when
 * `use-private-ip` is true; GKE's class `gce` makes an external load balancer, `gce-internal` an internal one.
 */
function knownIngressReach(annotations: Annotation[], ingressClass: L7Reach['ingressClass']): KnownReach | undefined {
  const byKey = new Map(annotations.map((annotation) => [annotation.key, annotation]));
  const ranges = SOURCE_RANGE_ANNOTATIONS.map((key) => byKey.get(key)).find((annotation) => annotation !== undefined);
  if (ranges) {
    const list = helmToString(ranges.value)
      .split(',')
      .map((range) => range.trim())
      .filter(Boolean);
    if (list.length > 0 && list.every(isPrivateCidr))
      return { reach: 'internal', node: ranges, reason: `${ranges.key} lists only private ranges`, fix: '' };
  }
  const scheme = byKey.get(`${ALB}scheme`);
  const schemeValue = helmToString(scheme?.value).trim().toLowerCase();
  if (scheme && schemeValue === 'internet-facing') {
    const reason = `${scheme.key} is "internet-facing"`;
    return { reach: 'public', node: scheme, reason, fix: ALB_FIX };
  }
  const alb = ingressClass?.name === 'alb' || annotations.some((annotation) => annotation.key.startsWith(ALB));
  if (alb)
    return { reach: 'internal', node: scheme ?? ingressClass?.node ?? annotations[0]!, reason: 'the ALB scheme is internal', fix: '' };
  const appgw = byKey.get(APPGW_PRIVATE);
  if (appgw) {
    const privateIp = vaultBool(appgw.value);
    if (privateIp === true) return { reach: 'internal', node: appgw, reason: `${APPGW_PRIVATE} is true`, fix: '' };
    if (privateIp === false)
      return {
        reach: 'public',
        node: appgw,
        reason: `${APPGW_PRIVATE} is "${helmToString(appgw.value)}", so the Application Gateway's public address serves it`,
        fix: `set ${APPGW_PRIVATE}: "true" in server.ingress.annotations`,
      };
  }
  if (ingressClass?.name === 'gce')
    return {
      reach: 'public',
      node: ingressClass.node,
      reason: 'its class "gce" makes GKE create an external Application Load Balancer',
      fix: GKE_CLASS_FIX,
    };
  if (ingressClass?.name === 'gce-internal')
    return { reach: 'internal', node: ingressClass.node, reason: 'its class is "gce-internal"', fix: '' };
  return undefined;
}

/** The Ingress class: `spec.ingressClassName` when the chart writes one, else the legacy `kubernetes.io/ingress.class` annotation. */
function ingressClassOf(release: ChartRelease, annotations: Annotation[]): L7Reach['ingressClass'] {
  const classNode = release.get('server.ingress.ingressClassName');
  if (classNode && helmTruthy(classNode.value)) return { name: helmToString(classNode.value), node: classNode };
  const legacy = annotations.find((annotation) => annotation.key === 'kubernetes.io/ingress.class');
  return legacy && helmTruthy(legacy.value) ? { name: helmToString(legacy.value), node: legacy } : undefined;
}

/** The parent Gateways of the HTTPRoute; a parentRef without a namespace names one in the route's own namespace. */
function gatewayParents(release: ChartRelease): NonNullable<L7Reach['parents']> {
  const refs = release.get('server.httproute.parentRefs');
  return (refs?.items ?? []).flatMap((ref) => {
    const name = ref.get('name');
    if (!name || typeof name.value !== 'string') return [];
    const namespace = ref.get('namespace')?.value;
    return [{ name: name.value, namespace: typeof namespace === 'string' && namespace !== '' ? namespace : release.namespace, node: name }];
  });
}

/**
 * Where each Ingress, Route and HTTPRoute the chart renders is reached from, as far as the values
 * tell (templates/server-ingress.yaml, server-route.yaml, server-httproute.yaml at v0.34.1): an
 * Ingress by its annotations and class, an HTTPRoute by the Gateways it names; a Route's router is
 * not in the values.
 */
export function l7Reach(release: ChartRelease & { readonly l7Exposures: L7Exposure[] }): L7Reach[] {
  return release.l7Exposures.map((exposure) => {
    const key = { Ingress: 'ingress', Route: 'route', HTTPRoute: 'httproute' }[exposure.kind];
    const enabled = release.get(`server.${key}.enabled`)!;
    if (exposure.kind === 'HTTPRoute') return { exposure, enabled, parents: gatewayParents(release) };
    if (exposure.kind === 'Route') return { exposure, enabled };
    const annotations = readAnnotations(release.get('server.ingress.annotations'));
    const ingressClass = ingressClassOf(release, annotations);
    const known = knownIngressReach(annotations, ingressClass);
    return { exposure, enabled, ...(ingressClass ? { ingressClass } : {}), ...(known ? { known } : {}) };
  });
}

/** The ingress classes and Gateways a team knows to be public or internal (rule options), as `name` or, for Gateways, `namespace/name`. */
export interface KnownNetworks {
  publicIngressClasses: readonly string[];
  internalIngressClasses: readonly string[];
  publicGateways: readonly string[];
  internalGateways: readonly string[];
}

/**
 * Where an Ingress or HTTPRoute is reached from, once the team's own knowledge is added to what the
 * values say: a class or Gateway the team names decides first (it knows its controllers; an ALB's
 * IngressClassParams, say, overrides its annotations), then the annotations and class. Undefined
 * when nothing tells, and always for a Route.
 */
export function decideReach(item: L7Reach, known: KnownNetworks): KnownReach | undefined {
  const matches = (list: readonly string[], parent: { name: string; namespace: string }): boolean =>
    list.some((entry) => entry === parent.name || entry === `${parent.namespace}/${parent.name}`);
  if (item.parents) {
    const publicParent = item.parents.find((parent) => matches(known.publicGateways, parent));
    if (publicParent) {
      const reason = `${publicParent.namespace}/${publicParent.name}`;
      return { reach: 'public', node: publicParent.node, reason, fix: '' };
    }
    const internal = item.parents.length > 0 && item.parents.every((parent) => matches(known.internalGateways, parent));
    return internal ? { reach: 'internal', node: item.enabled, reason: 'its Gateways are internal', fix: '' } : undefined;
  }
  const className = item.ingressClass?.name;
  if (className !== undefined && known.internalIngressClasses.includes(className))
    return { reach: 'internal', node: item.ingressClass!.node, reason: `class "${className}" is internal`, fix: '' };
  if (className !== undefined && known.publicIngressClasses.includes(className))
    return {
      reach: 'public',
      node: item.ingressClass!.node,
      reason: `its class "${className}" is listed in the publicIngressClasses option`,
      fix: 'set server.ingress.ingressClassName to the class of an internal controller',
    };
  return item.known;
}

/** A workload the chart runs on the nodes' network, so its ports answer on every address of the nodes it runs on. */
export interface HostNetworkPod {
  component: 'server' | 'injector';
  /** The workload, e.g. `StatefulSet "vault"`. */
  workload: string;
  /** The ports it listens on there. */
  ports: string;
  /** The `hostNetwork` value the template writes. */
  node: ValueNode;
}

/** Whether a value the template writes bare (`hostNetwork: {{ … }}`) reads as true in the rendered manifest (YAML 1.1). */
function writtenTrue(node: ValueNode | undefined): node is ValueNode {
  return node !== undefined && resolveScalar(helmToString(node.value), 'plain') === true;
}

/**
 * The workloads on the host network (templates/server-statefulset.yaml from v0.22.1,
 * injector-deployment.yaml, both only outside OpenShift). The CSI provider's `csi.hostNetwork`
 * (csi-daemonset.yaml from v0.29.0) is left out: it serves a Unix socket and, with its Agent, a
 * Unix-socket listener (csi-agent-configmap.yaml), so only its health port would be on the node.
 */
export function hostNetworkPods(release: ChartRelease): HostNetworkPod[] {
  const out: HostNetworkPod[] = [];
  if (release.truthy('global.openshift')) return out;
  const server = release.get('server.hostNetwork');
  const statefulSet = release.mode !== 'external' && release.mode !== 'none';
  if (release.profile.serverHostNetwork && statefulSet && writtenTrue(server))
    out.push({
      component: 'server',
      workload: `StatefulSet "${release.fullname}"`,
      ports: 'listener ports (8200 and 8201 by default)',
      node: server,
    });
  const injector = release.get('injector.hostNetwork');
  if (componentEnabled(release.valueOf('injector.enabled'), release.valueOf('global.enabled')) && writtenTrue(injector)) {
    const port = helmToString(release.valueOf('injector.port'));
    out.push({
      component: 'injector',
      workload: `Deployment "${release.fullname}-agent-injector"`,
      ports: `webhook port ${port}`,
      node: injector,
    });
  }
  return out;
}
