import rule from '../../rules/anti-affinity.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the chart default affinity in HA',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
    `,
    },
    {
      name: 'the chart default written out as a tpl string',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
        affinity: |
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels:
                    app.kubernetes.io/name: {{ template "vault.name" . }}
                    app.kubernetes.io/instance: "{{ .Release.Name }}"
                    component: server
                topologyKey: kubernetes.io/hostname
    `,
    },
    {
      name: 'a map form with literal labels of this release, plus a node affinity',
      lint: { releaseName: 'prod' },
      code: `
      server:
        ha:
          enabled: true
          replicas: 3
        extraLabels:
          team: security
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: pool, operator: In, values: [vault]}]
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels:
                    app.kubernetes.io/instance: prod
                    team: security
                  matchExpressions:
                    - {key: component, operator: In, values: [server]}
                topologyKey: kubernetes.io/hostname
    `,
    },
    {
      name: 'hostname required, zones spread softly with topologySpreadConstraints',
      code: `
      server:
        ha:
          enabled: true
          replicas: 5
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchLabels: {component: server}}
                topologyKey: kubernetes.io/hostname
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  labelSelector: {matchLabels: {component: server}}
                  topologyKey: topology.kubernetes.io/zone
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: ScheduleAnyway
            labelSelector: {matchLabels: {component: server}}
    `,
    },
    {
      name: 'an affinity produced wholly by a Helm action cannot be judged',
      code: `
      server:
        ha:
          enabled: true
        affinity: '{{ toYaml .Values.vaultAffinity }}'
    `,
    },
    {
      name: "standalone runs one pod: the guide's own example removes the affinity",
      code: `
      server:
        affinity: ""
        standalone:
          enabled: true
    `,
    },
    {
      name: 'HA with a single replica',
      code: `
      server:
        ha:
          enabled: true
          replicas: 1
        affinity: null
    `,
    },
  ],
  invalid: [
    {
      name: 'a required anti-affinity per zone leaves pods beyond the number of zones Pending',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector: {matchLabels: {component: server}}
                  topologyKey: kubernetes.io/hostname
                - labelSelector: {matchLabels: {component: server}}
                  topologyKey: topology.kubernetes.io/zone
      `,
      errors: [
        {
          messageId: 'requiredPerZone',
          line: 11,
          column: 24,
          endLine: 11,
          endColumn: 51,
          message: 'with 5 replicas every pod beyond the number of zones stays Pending',
        },
      ],
    },
    {
      name: 'an empty string removes the affinity',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
          affinity: ""
      `,
      errors: [{ messageId: 'removed', line: 5, column: 13, endLine: 5, endColumn: 15, message: 'server.affinity is ""' }],
    },
    {
      name: 'an empty map removes it too, reported at its key',
      code: `
        server:
          ha:
            enabled: true
          affinity: {}
      `,
      errors: [{ messageId: 'removed', line: 4, column: 3, endLine: 4, endColumn: 11, message: 'server.affinity is {}' }],
    },
    {
      name: 'text that is not a YAML mapping',
      code: `
        server:
          ha:
            enabled: true
          affinity: "one pod per node please"
      `,
      errors: [{ messageId: 'invalidAffinity', line: 4, column: 3, endLine: 4, endColumn: 11 }],
    },
    {
      name: 'only a preferred term, in map form: reported at its topologyKey',
      code: `
        server:
          ha:
            enabled: true
            replicas: 5
          affinity:
            podAntiAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 100
                  podAffinityTerm:
                    labelSelector:
                      matchLabels:
                        component: server
                    topologyKey: kubernetes.io/hostname
      `,
      errors: [{ messageId: 'preferredOnly', line: 13, column: 26, endLine: 13, endColumn: 48 }],
    },
    {
      name: 'a selector copied from another chart matches no Vault pod (string form, exact position)',
      code: `
        server:
          ha:
            enabled: true
          affinity: |
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      app: vault
                  topologyKey: kubernetes.io/hostname
      `,
      errors: [
        { messageId: 'selectorMismatch', line: 10, column: 24, endLine: 10, endColumn: 46, message: 'app.kubernetes.io/instance "vault"' },
      ],
    },
    {
      name: 'a literal instance label of another release',
      lint: { releaseName: 'prod' },
      code: `
        server:
          ha:
            enabled: true
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      app.kubernetes.io/instance: vault
                      component: server
                  topologyKey: kubernetes.io/hostname
      `,
      errors: [
        { messageId: 'selectorMismatch', line: 11, column: 24, endLine: 11, endColumn: 46, message: 'app.kubernetes.io/instance "prod"' },
      ],
    },
    {
      name: 'a required term on a custom rack label',
      code: `
        server:
          ha:
            enabled: true
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      component: server
                  topologyKey: example.com/rack
      `,
      errors: [{ messageId: 'wrongTopologyKey', line: 10, column: 24, endLine: 10, endColumn: 40, message: 'found "example.com/rack"' }],
    },
    {
      name: 'only a node affinity: reported at the affinity key',
      code: `
        server:
          ha:
            enabled: true
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions: [{key: pool, operator: In, values: [vault]}]
      `,
      errors: [{ messageId: 'missingHostnameTerm', line: 4, column: 3, endLine: 4, endColumn: 11 }],
    },
  ],
});
