import rule from '../../rules/no-public-exposure.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'ClusterIP Services and no Ingress publish nothing',
      code: `
      server:
        ha:
          enabled: true
      ui:
        enabled: true
    `,
    },
    {
      name: 'a LoadBalancer Service is private-load-balancer, not this rule',
      code: `
      ui:
        enabled: true
        serviceType: LoadBalancer
    `,
    },
    {
      name: 'the NodePort type of a Service the chart does not render',
      code: `
      server:
        service:
          enabled: false
          type: NodePort
    `,
    },
    {
      name: 'an ALB without a scheme annotation is internal (the controller default)',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: alb
    `,
    },
    {
      name: 'an internet-facing ALB that accepts only private ranges',
      code: `
      server:
        ingress:
          enabled: true
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8, 192.168.0.0/16
    `,
    },
    {
      name: 'an ingress-nginx allow-list of private ranges',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: nginx
          annotations: |
            nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8"
    `,
    },
    {
      name: 'a class the user says is internal wins over an internet-facing annotation',
      options: { internalIngressClasses: ['alb-internal'] },
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: alb-internal
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
    `,
    },
    {
      name: 'GKE internal class',
      code: `
      server:
        ingress:
          enabled: true
          annotations:
            kubernetes.io/ingress.class: gce-internal
    `,
    },
    {
      name: 'Application Gateway on its private address',
      code: `
      server:
        ingress:
          enabled: true
          annotations:
            appgw.ingress.kubernetes.io/use-private-ip: "true"
    `,
    },
    {
      name: 'an HTTPRoute on Gateways the user says are internal (bare name and namespace/name)',
      options: { internalGateways: ['internal-gw', 'infra/private-gw'] },
      code: `
      server:
        httproute:
          enabled: true
          parentRefs:
            - name: internal-gw
            - name: private-gw
              namespace: infra
    `,
    },
    {
      name: 'an HTTPRoute without parentRefs does not render',
      code: `
      server:
        httproute:
          enabled: true
    `,
    },
    {
      name: 'no HTTPRoute before chart 0.34.0',
      lint: { chartVersion: '0.33.0' },
      code: `
      server:
        httproute:
          enabled: true
          parentRefs:
            - name: shared-gw
    `,
    },
    {
      name: 'OpenShift writes no hostNetwork on the server and injector pods',
      code: `
      global:
        openshift: true
      server:
        hostNetwork: true
      injector:
        hostNetwork: true
    `,
    },
    {
      name: 'the string "false" is written bare and read back as false',
      code: `
      server:
        hostNetwork: "false"
      injector:
        hostNetwork: "false"
    `,
    },
    {
      name: 'server.hostNetwork is ignored before chart 0.22.1',
      lint: { chartVersion: '0.22.0' },
      code: `
      server:
        hostNetwork: true
    `,
    },
    {
      name: 'the CSI provider on the host network serves Unix sockets only',
      code: `
      csi:
        enabled: true
        hostNetwork: true
        agent:
          enabled: true
    `,
    },
    {
      name: 'the injector of a disabled injector',
      code: `
      injector:
        enabled: false
        hostNetwork: true
    `,
    },
    {
      name: 'the ingress of an external Vault is not rendered',
      code: `
      global:
        externalVaultAddr: https://vault.example.com
      server:
        ingress:
          enabled: true
          ingressClassName: nginx
    `,
    },
  ],
  invalid: [
    {
      name: 'server.service.type makes three NodePort Services: one finding with each node port related',
      code: `
      server:
        ha:
          enabled: true
        service:
          type: NodePort
          nodePort: 30080
          activeNodePort: 30081
    `,
      errors: [
        {
          messageId: 'nodePort',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 19,
          message:
            'Services "vault" (node port 30080), "vault-active" (node port 30081) and "vault-standby" (a node port Kubernetes assigns)',
          related: [
            { line: 6, column: 15, endLine: 6, endColumn: 20, message: '"vault"' },
            { line: 7, column: 21, endLine: 7, endColumn: 26, message: '"vault-active"' },
          ],
        },
      ],
    },
    {
      name: 'before 0.21.0 the active and standby Services share server.service.nodePort',
      lint: { chartVersion: '0.20.0' },
      code: `
      server:
        ha:
          enabled: true
        service:
          type: NodePort
          nodePort: 30080
          activeNodePort: 30081
    `,
      errors: [
        {
          messageId: 'nodePort',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 19,
          message: '"vault" (node port 30080), "vault-active" (node port 30080) and "vault-standby" (node port 30080)',
          related: [{ line: 6, column: 15, endLine: 6, endColumn: 20, message: '"vault", "vault-active" and "vault-standby"' }],
        },
      ],
    },
    {
      name: 'the ui Service as a NodePort, its own finding',
      code: `
      server:
        service:
          type: NodePort
      ui:
        enabled: true
        serviceType: NodePort
        serviceNodePort: 30443
    `,
      errors: [
        { messageId: 'nodePort', line: 3, column: 11, endLine: 3, endColumn: 19, message: 'Service "vault" (a node port' },
        {
          messageId: 'nodePort',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 24,
          message: 'Service "vault-ui" (node port 30443)',
          related: [{ line: 7, column: 20, endLine: 7, endColumn: 25 }],
        },
      ],
    },
    {
      name: 'server and injector on the host network',
      code: `
      server:
        hostNetwork: true
      injector:
        port: 8443
        hostNetwork: "on"
    `,
      errors: [
        { messageId: 'serverHostNetwork', line: 2, column: 16, endLine: 2, endColumn: 20, message: 'StatefulSet "vault"' },
        {
          messageId: 'injectorHostNetwork',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 20,
          message: 'Deployment "vault-agent-injector": the Agent Injector\'s webhook port 8443',
        },
      ],
    },
    {
      name: 'an internet-facing ALB, at the scheme annotation',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: alb
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
    `,
      errors: [
        {
          messageId: 'internetFacingIngress',
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 56,
          message: 'alb.ingress.kubernetes.io/scheme is "internet-facing"',
          related: [{ line: 3, column: 14, endLine: 3, endColumn: 18 }],
        },
      ],
    },
    {
      name: 'an internet-facing ALB open to the internet through its inbound ranges',
      code: `
      server:
        ingress:
          enabled: true
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8, 0.0.0.0/0
    `,
      errors: [
        {
          messageId: 'internetFacingIngress',
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 56,
          related: [{ line: 3, column: 14, endLine: 3, endColumn: 18 }],
        },
      ],
    },
    {
      name: 'GKE external class in string annotations, at the class value',
      code: `
      server:
        ingress:
          enabled: true
          annotations: |
            kubernetes.io/ingress.class: gce
    `,
      errors: [
        {
          messageId: 'internetFacingIngress',
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 39,
          message: 'its class "gce" makes GKE create an external Application Load Balancer',
          related: [{ line: 3, column: 14, endLine: 3, endColumn: 18 }],
        },
      ],
    },
    {
      name: 'Application Gateway told not to use its private address',
      code: `
      server:
        ingress:
          enabled: true
          annotations:
            appgw.ingress.kubernetes.io/use-private-ip: "false"
    `,
      errors: [
        {
          messageId: 'internetFacingIngress',
          line: 5,
          column: 51,
          endLine: 5,
          endColumn: 58,
          related: [{ line: 3, column: 14, endLine: 3, endColumn: 18 }],
        },
      ],
    },
    {
      name: 'a class the user marks public, at ingressClassName',
      options: { publicIngressClasses: ['nginx-public'] },
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: nginx-public
    `,
      errors: [
        {
          messageId: 'internetFacingIngress',
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 35,
          message: 'its class "nginx-public" is listed in the publicIngressClasses option',
          related: [{ line: 3, column: 14, endLine: 3, endColumn: 18 }],
        },
      ],
    },
    {
      name: 'an Ingress whose class says nothing about its reach, at the switch',
      code: `
      server:
        ingress:
          enabled: true
          ingressClassName: nginx
    `,
      errors: [
        {
          messageId: 'unverifiedReach',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 18,
          message: 'Ingress "vault" (ingress class "nginx")',
        },
      ],
    },
    {
      name: 'an Ingress with no class',
      code: `
      server:
        ingress:
          enabled: true
    `,
      errors: [
        {
          messageId: 'unverifiedReach',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 18,
          message: 'no ingress class, so the cluster default',
        },
      ],
    },
    {
      name: 'an OpenShift Route',
      code: `
      global:
        openshift: true
      server:
        route:
          enabled: true
          host: vault.apps.example.com
    `,
      errors: [
        {
          messageId: 'unverifiedReach',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 18,
          message: 'Route "vault" (served by the OpenShift router)',
        },
      ],
    },
    {
      name: 'an HTTPRoute on a Gateway of unknown reach, the namespace defaulting to the release namespace',
      lint: { namespace: 'vault' },
      options: { internalGateways: ['internal-gw'] },
      code: `
      server:
        httproute:
          enabled: true
          parentRefs:
            - name: internal-gw
            - name: shared-gw
    `,
      errors: [
        {
          messageId: 'unverifiedReach',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 18,
          message: 'HTTPRoute "vault" (attached to Gateway "vault/internal-gw" and "vault/shared-gw")',
        },
      ],
    },
    {
      name: 'an HTTPRoute on a Gateway the user marks public, at its parentRef',
      options: { publicGateways: ['infra/public-gw'] },
      code: `
      server:
        httproute:
          enabled: true
          parentRefs:
            - name: internal-gw
            - name: public-gw
              namespace: infra
    `,
      errors: [{ messageId: 'publicGateway', line: 6, column: 15, endLine: 6, endColumn: 24, message: 'Gateway "infra/public-gw"' }],
    },
  ],
});
