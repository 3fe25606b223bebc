import type { ChartRelease } from './release.js';
import { readAnnotations, type Annotation } from './services.js';
import { helmEqualsTrue, helmToString, helmTruthy } from './truth.js';
import type { Locatable, ValueNode } from '../values/tree.js';

/** How TLS from clients reaches Vault through a Layer 7 object the chart renders. */
export type TlsHandling = 'passthrough' | 'reencrypt' | 'terminate';

/** An Ingress, OpenShift Route or Gateway API HTTPRoute the chart renders in front of Vault. */
export interface L7Exposure {
  kind: 'Ingress' | 'Route' | 'HTTPRoute';
  /** The object's name (`vault.fullname`). */
  name: string;
  tls: TlsHandling;
  /** The controller, as far as the class name or annotations tell (`ingress-nginx`, `Traefik`…), or `controller not recognised`. */
  controller: string;
  /** The annotation or value that decided `tls` (for re-encryption), else where the passthrough setting goes. */
  node: Locatable;
  /** What makes this controller pass TLS through to Vault, or why it cannot. */
  fix: string;
  /**
   * False when clients reach the object over plain HTTP: an Ingress with an empty `server.ingress.tls`
   * (the template renders no `spec.tls`, v0.28.0 and v0.34.1) and no passthrough. True otherwise;
   * undefined where the chart values cannot tell (an HTTPRoute: its Gateway listener decides).
   */
  clientTls: boolean | undefined;
  /** Where a missing client TLS is fixed: `server.ingress.tls`, or the nearest key the file writes. */
  tlsNode?: Locatable;
}

/** Controllers, recognised by ingress class name (substring) or annotation prefix, and how each passes TLS through. */
export const INGRESS_CONTROLLERS: readonly { name: string; classes: string[]; prefixes: string[]; fix: string }[] = [
  {
    name: 'ingress-nginx',
    classes: ['nginx'],
    prefixes: ['nginx.ingress.kubernetes.io/'],
    fix: 'add nginx.ingress.kubernetes.io/ssl-passthrough: "true" to server.ingress.annotations (the controller must run with --enable-ssl-passthrough)',
  },
  {
    name: 'F5 NGINX Ingress Controller',
    classes: [],
    prefixes: ['nginx.org/'],
    fix: 'an Ingress of the F5 NGINX controller always terminates TLS: expose Vault with a TransportServer in TLS passthrough mode, or an internal Layer 4 LoadBalancer Service',
  },
  {
    name: 'HAProxy Kubernetes Ingress',
    classes: ['haproxy'],
    prefixes: ['haproxy.org/'],
    fix: 'add haproxy.org/ssl-passthrough: "true" to server.ingress.annotations',
  },
  {
    name: 'HAProxy Ingress',
    classes: [],
    prefixes: ['haproxy-ingress.github.io/'],
    fix: 'add haproxy-ingress.github.io/ssl-passthrough: "true" to server.ingress.annotations',
  },
  {
    name: 'Traefik',
    classes: ['traefik'],
    prefixes: ['traefik.ingress.kubernetes.io/'],
    fix: 'Traefik cannot pass TLS through an Ingress: expose Vault with an IngressRouteTCP whose tls.passthrough is true, or an internal Layer 4 LoadBalancer Service',
  },
  {
    name: 'Contour',
    classes: ['contour'],
    prefixes: ['projectcontour.io/'],
    fix: 'Contour cannot pass TLS through an Ingress: expose Vault with an HTTPProxy using spec.tcpproxy and tls.passthrough: true, or an internal Layer 4 LoadBalancer Service',
  },
  {
    name: 'AWS Load Balancer Controller (ALB)',
    classes: ['alb'],
    prefixes: ['alb.ingress.kubernetes.io/'],
    fix: 'an Application Load Balancer always terminates TLS: expose Vault through an internal Network Load Balancer (a LoadBalancer Service) instead',
  },
  {
    name: 'GKE Ingress',
    classes: ['gce'],
    prefixes: ['ingress.gcp.kubernetes.io/'],
    fix: 'a GKE Application Load Balancer always terminates TLS: expose Vault through an internal passthrough Network Load Balancer (a LoadBalancer Service) instead',
  },
  {
    name: 'OpenShift router',
    classes: ['openshift'],
    prefixes: ['route.openshift.io/'],
    fix: 'add route.openshift.io/termination: passthrough to server.ingress.annotations',
  },
];

/** Annotations that make a controller hand the TLS stream to Vault untouched. */
export const PASSTHROUGH_ANNOTATIONS: readonly { key: string; values: string[] }[] = [
  { key: 'nginx.ingress.kubernetes.io/ssl-passthrough', values: ['true'] },
  { key: 'haproxy.org/ssl-passthrough', values: ['true'] },
  { key: 'haproxy-ingress.github.io/ssl-passthrough', values: ['true'] },
  { key: 'ingress.kubernetes.io/ssl-passthrough', values: ['true'] },
  { key: 'route.openshift.io/termination', values: ['passthrough'] },
];

/** Annotations that terminate TLS at the controller and open a new TLS connection to Vault. */
export const REENCRYPT_ANNOTATIONS: readonly { key: string; values: string[] | 'any' }[] = [
  { key: 'nginx.ingress.kubernetes.io/backend-protocol', values: ['HTTPS', 'GRPCS'] },
  { key: 'nginx.org/ssl-services', values: 'any' },
  { key: 'haproxy.org/server-ssl', values: ['true'] },
  { key: 'haproxy-ingress.github.io/backend-protocol', values: ['h1-ssl', 'h2-ssl'] },
  { key: 'haproxy-ingress.github.io/secure-backends', values: ['true'] },
  { key: 'alb.ingress.kubernetes.io/backend-protocol', values: ['HTTPS'] },
  { key: 'route.openshift.io/termination', values: ['reencrypt'] },
];

const GENERIC_FIX =
  'turn on TLS passthrough in your ingress controller (e.g. nginx.ingress.kubernetes.io/ssl-passthrough: "true" for ingress-nginx), or expose Vault through an internal Layer 4 LoadBalancer Service';

/**
 * The Layer 7 objects the chart renders in front of the Vault API, and how each handles TLS:
 * `server.ingress` (not on OpenShift), `server.route` (OpenShift only, passthrough by default),
 * and `server.httproute` (where the release has it, always terminating at the Gateway).
 */
export function collectL7Exposures(model: ChartRelease): L7Exposure[] {
  const out: L7Exposure[] = [];
  if (model.mode === 'external') return out;
  const openshift = model.truthy('global.openshift');
  const serviceEnabled = model.serverEnabled && helmEqualsTrue(model.valueOf('server.service.enabled'));
  const name = model.fullname;
  if (!openshift && serviceEnabled && model.truthy('server.ingress.enabled')) out.push(ingressExposure(model, name));
  const route = model.get('server.route');
  if (openshift && route && model.truthy('server.route.enabled')) {
    const termination = route.get('tls.termination');
    const value = helmToString(termination?.value).toLowerCase();
    if (value !== 'passthrough') {
      const tls = value === 'reencrypt' ? 'reencrypt' : 'terminate';
      out.push({
        kind: 'Route',
        name,
        tls,
        controller: 'OpenShift router',
        node: termination ?? route.get('tls') ?? route,
        fix: 'set server.route.tls.termination: passthrough (the chart default)',
        clientTls: true,
      });
    } else
      out.push({
        kind: 'Route',
        name,
        tls: 'passthrough',
        controller: 'OpenShift router',
        node: termination ?? route,
        fix: '',
        clientTls: true,
      });
  }
  const httpRoute = model.get('server.httproute.enabled');
  // Releases without the HTTPRoute template ignore the key.
  if (model.profile.httpRoute && !openshift && serviceEnabled && httpRoute && helmTruthy(httpRoute.value)) {
    out.push({
      kind: 'HTTPRoute',
      name,
      tls: 'terminate',
      controller: 'Gateway API',
      node: httpRoute,
      fix: 'an HTTPRoute is served by a Gateway listener that terminates TLS: attach a TLSRoute to a Gateway listener with tls.mode: Passthrough instead, or expose Vault through an internal Layer 4 LoadBalancer Service',
      clientTls: undefined,
    });
  }
  return out;
}

function ingressExposure(model: ChartRelease, name: string): L7Exposure {
  const annotationsNode = model.get('server.ingress.annotations');
  const annotations = readAnnotations(annotationsNode);
  const controller = ingressController(model.get('server.ingress.ingressClassName'), annotations);
  const fix = controller?.fix ?? GENERIC_FIX;
  const tlsNode = model.get('server.ingress.tls');
  const ingress = model.get('server.ingress')!;
  const hasTls = helmTruthy(tlsNode?.value) && (tlsNode?.kind !== 'seq' || tlsNode.items.length > 0);
  const base = {
    kind: 'Ingress' as const,
    name,
    controller: controller?.name ?? 'controller not recognised',
    fix,
    tlsNode: tlsNode?.isUserSet ? tlsNode : { place: () => ingress.keyPlace() },
  };
  const says = (annotation: Annotation, values: string[] | 'any'): boolean =>
    values === 'any'
      ? helmTruthy(annotation.value)
      : values.some((value) => value.toLowerCase() === helmToString(annotation.value).toLowerCase());
  const passthrough = annotations.find((annotation) =>
    PASSTHROUGH_ANNOTATIONS.some((known) => known.key === annotation.key && says(annotation, known.values)),
  );
  if (passthrough) return { ...base, tls: 'passthrough', node: passthrough, clientTls: true };
  const reencrypt = annotations.find((annotation) =>
    REENCRYPT_ANNOTATIONS.some((known) => known.key === annotation.key && says(annotation, known.values)),
  );
  if (reencrypt) return { ...base, tls: 'reencrypt', node: reencrypt, clientTls: hasTls };
  // The passthrough annotation goes into the annotations: point at their key (or the nearest key the file writes).
  const home = annotationsNode ?? ingress;
  return { ...base, tls: 'terminate', node: { place: () => home.keyPlace() }, clientTls: hasTls };
}

/** The controller the annotations' prefixes name (the surest sign), else `ingressClassName` or the legacy class annotation. */
function ingressController(classNode: ValueNode | undefined, annotations: Annotation[]): (typeof INGRESS_CONTROLLERS)[number] | undefined {
  const byPrefix = INGRESS_CONTROLLERS.find((controller) =>
    annotations.some((annotation) => controller.prefixes.some((prefix) => annotation.key.startsWith(prefix))),
  );
  if (byPrefix) return byPrefix;
  const legacy = annotations.find((annotation) => annotation.key === 'kubernetes.io/ingress.class')?.value;
  const className = [classNode?.value, legacy].find((value) => typeof value === 'string' && value !== '') as string | undefined;
  return className === undefined
    ? undefined
    : INGRESS_CONTROLLERS.find((controller) => controller.classes.some((part) => className.toLowerCase().includes(part)));
}
