import rule from '../../rules/private-load-balancer.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'ClusterIP services are not load balancers',
      code: `
      ui:
        enabled: true
    `,
    },
    {
      name: 'GKE internal annotation on the ui',
      code: `
      ui:
        enabled: true
        serviceType: LoadBalancer
        annotations:
          networking.gke.io/load-balancer-type: "Internal"
    `,
    },
    {
      name: 'annotations as a string, as the chart allows',
      code: `
      ui:
        enabled: true
        serviceType: LoadBalancer
        annotations: |
          service.beta.kubernetes.io/azure-load-balancer-internal: "true"
    `,
    },
    {
      name: 'server services: general annotation lands on main, active and standby',
      code: `
      server:
        ha:
          enabled: true
        service:
          type: LoadBalancer
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-internal: "true"
    `,
    },
    {
      name: 'private source ranges on the ui',
      code: `
      ui:
        enabled: true
        serviceType: LoadBalancer
        loadBalancerSourceRanges: [10.0.0.0/8, 172.16.0.0/12]
    `,
    },
    {
      name: 'the ui of an external Vault is not rendered',
      code: `
      global:
        externalVaultAddr: https://vault.example.com
      ui:
        enabled: true
        serviceType: LoadBalancer
    `,
    },
  ],
  invalid: [
    {
      name: 'server.service.loadBalancerSourceRanges restricts nothing: no server Service template writes it',
      code: `
      server:
        service:
          type: LoadBalancer
          loadBalancerSourceRanges:
            - 10.0.0.0/8
    `,
      errors: [
        {
          messageId: 'missingInternalAnnotation',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 23,
          related: [{ line: 4, column: 5, endLine: 4, endColumn: 29, message: 'only on the ui Service' }],
        },
      ],
    },
    {
      name: 'ui load balancer without annotations: at the serviceType that makes it a load balancer',
      code: `
        ui:
          enabled: true
          serviceType: LoadBalancer
      `,
      errors: [
        {
          messageId: 'missingInternalAnnotation',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 28,
          fromChartDefault: true,
          message: 'Service "vault-ui"',
        },
      ],
    },
    {
      name: 'annotations written but none internal: at the annotations key',
      code: `
        ui:
          enabled: true
          serviceType: LoadBalancer
          annotations:
            team: platform
      `,
      errors: [{ messageId: 'missingInternalAnnotation', line: 4, column: 3, endLine: 4, endColumn: 14 }],
    },
    {
      name: 'a scheme annotation that says internet-facing: one finding naming every Service it lands on',
      code: `
        server:
          ha:
            enabled: true
          service:
            type: LoadBalancer
            annotations:
              service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
            standby:
              enabled: false
      `,
      errors: [
        {
          messageId: 'publicAnnotation',
          line: 7,
          column: 60,
          endLine: 7,
          endColumn: 75,
          message: 'to make Services "vault" and "vault-active" internal',
        },
      ],
    },
    {
      name: 'server.service.type alone makes three load balancers: one finding at the type, one fix under server.service',
      code: `
        server:
          ha:
            enabled: true
          service:
            type: LoadBalancer
      `,
      errors: [
        {
          messageId: 'missingInternalAnnotation',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 23,
          fromChartDefault: true,
          message: 'on Services "vault", "vault-active" and "vault-standby" (type LoadBalancer)',
        },
      ],
    },
    {
      name: 'a public source range',
      code: `
        ui:
          enabled: true
          serviceType: LoadBalancer
          loadBalancerSourceRanges:
            - 10.0.0.0/8
            - 203.0.113.0/24
      `,
      errors: [{ messageId: 'publicSourceRanges', line: 6, column: 7, endLine: 6, endColumn: 21 }],
    },
    {
      name: 'the internal annotation on the pods instead of the Service',
      code: `
        server:
          annotations:
            service.beta.kubernetes.io/azure-load-balancer-internal: "true"
          service:
            type: LoadBalancer
      `,
      errors: [{ messageId: 'misplacedAnnotation', line: 3, column: 62, endLine: 3, endColumn: 68, message: 'server.annotations' }],
    },
  ],
});
