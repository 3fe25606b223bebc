import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

async function exposures(text: string, options = {}) {
  return (await modelOf(text, options)).l7Exposures.map(({ kind, name, tls, controller }) => ({ kind, name, tls, controller }));
}

describe('l7Exposures', () => {
  it('recognises the controller by annotation prefix before the class name', async () => {
    expect(
      await exposures('server: {ingress: {enabled: true, ingressClassName: nginx, annotations: {nginx.org/ssl-services: vault}}}'),
    ).toEqual([{ kind: 'Ingress', name: 'vault', tls: 'reencrypt', controller: 'F5 NGINX Ingress Controller' }]);
    expect(await exposures('server: {ingress: {enabled: true, annotations: {kubernetes.io/ingress.class: contour}}}')).toEqual([
      { kind: 'Ingress', name: 'vault', tls: 'terminate', controller: 'Contour' },
    ]);
    expect(await exposures('server: {ingress: {enabled: true}}')).toEqual([
      { kind: 'Ingress', name: 'vault', tls: 'terminate', controller: 'controller not recognised' },
    ]);
  });

  it('lets a passthrough annotation win over a re-encryption one, and reads values case-insensitively', async () => {
    expect(
      await exposures(
        'server: {ingress: {enabled: true, annotations: {haproxy.org/server-ssl: "true", haproxy.org/ssl-passthrough: "True"}}}',
      ),
    ).toEqual([{ kind: 'Ingress', name: 'vault', tls: 'passthrough', controller: 'HAProxy Kubernetes Ingress' }]);
    expect(
      await exposures('server: {ingress: {enabled: true, annotations: {nginx.ingress.kubernetes.io/ssl-passthrough: "false"}}}'),
    ).toEqual([{ kind: 'Ingress', name: 'vault', tls: 'terminate', controller: 'ingress-nginx' }]);
  });

  it('renders the Route only on OpenShift, the HTTPRoute and Ingress only elsewhere, none for an external Vault', async () => {
    expect(
      await exposures('global: {openshift: true}\nserver: {route: {enabled: true}, ingress: {enabled: true}, httproute: {enabled: true}}'),
    ).toEqual([{ kind: 'Route', name: 'vault', tls: 'passthrough', controller: 'OpenShift router' }]);
    expect(await exposures('server: {route: {enabled: true}, httproute: {enabled: true}}', { releaseName: 'prod' })).toEqual([
      { kind: 'HTTPRoute', name: 'prod-vault', tls: 'terminate', controller: 'Gateway API' },
    ]);
    expect(await exposures('server: {httproute: {enabled: true}}', { chartVersion: '0.28.0' })).toEqual([]);
    expect(await exposures('global: {externalVaultAddr: "https://vault:8200"}\nserver: {ingress: {enabled: true}}')).toEqual([]);
  });
});
