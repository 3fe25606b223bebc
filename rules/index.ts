import type { Rule } from '../src/engine/index.js';
import autoUnseal from './auto-unseal.js';
import haReplicas from './ha-replicas.js';
import hclSyntax from './hcl-syntax.js';
import imageTagPinned from './image-tag-pinned.js';
import persistentStorage from './persistent-storage.js';
import privateLoadBalancer from './private-load-balancer.js';
import retryJoinMatchesReplicas from './retry-join-matches-replicas.js';
import tlsEnabled from './tls-enabled.js';
import yamlSyntax from './yaml-syntax.js';
import helmYamlBoolean from './helm-yaml-boolean.js';
import noExperiments from './no-experiments.js';
import noInlineSecrets from './no-inline-secrets.js';
import noRawStorageEndpoint from './no-raw-storage-endpoint.js';
import noUnauthenticatedEndpoints from './no-unauthenticated-endpoints.js';
import tlsSkipVerify from './tls-skip-verify.js';
import valuesSchema from './values-schema.js';
import vaultConfigSchema from './vault-config-schema.js';
import duplicateConfigKey from './duplicate-config-key.js';
import userconfigMounted from './userconfig-mounted.js';
import tlsCaEnv from './tls-ca-env.js';
import retryJoinTls from './retry-join-tls.js';
import tlsMinVersion from './tls-min-version.js';
import tlsClientCertConflict from './tls-client-cert-conflict.js';
import raftNodeId from './raft-node-id.js';
import raftConfigLocation from './raft-config-location.js';
import noEphemeralStorage from './no-ephemeral-storage.js';
import listenerClusterAddress from './listener-cluster-address.js';
import serviceRegistration from './service-registration.js';
import disruptionBudget from './disruption-budget.js';
import resourceLimits from './resource-limits.js';
import healthProbes from './health-probes.js';
import antiAffinity from './anti-affinity.js';
import updateStrategyOnDelete from './update-strategy-on-delete.js';
import enterpriseLicense from './enterprise-license.js';
import uiConsistent from './ui-consistent.js';
import ingressTlsPassthrough from './ingress-tls-passthrough.js';
import clusterName from './cluster-name.js';
import telemetryConfigured from './telemetry-configured.js';
import serverDeployed from './server-deployed.js';
import configTemplateRenders from './config-template-renders.js';
import noUnexpandedVariables from './no-unexpanded-variables.js';
import noVerboseLogging from './no-verbose-logging.js';
import pluginDirectoryReadOnly from './plugin-directory-read-only.js';
import mlockDisabled from './mlock-disabled.js';
import noPublicExposure from './no-public-exposure.js';
import noUnsealKeysInPod from './no-unseal-keys-in-pod.js';
import templatedInput from './templated-input.js';
// registry: add imports above this line

/** The explicit registry: every rule. */
export const rules: readonly Rule[] = [
  autoUnseal,
  haReplicas,
  hclSyntax,
  imageTagPinned,
  persistentStorage,
  privateLoadBalancer,
  retryJoinMatchesReplicas,
  tlsEnabled,
  yamlSyntax,
  helmYamlBoolean,
  noExperiments,
  noInlineSecrets,
  noRawStorageEndpoint,
  noUnauthenticatedEndpoints,
  tlsSkipVerify,
  valuesSchema,
  vaultConfigSchema,
  duplicateConfigKey,
  userconfigMounted,
  tlsCaEnv,
  retryJoinTls,
  tlsMinVersion,
  tlsClientCertConflict,
  raftNodeId,
  raftConfigLocation,
  noEphemeralStorage,
  listenerClusterAddress,
  serviceRegistration,
  disruptionBudget,
  resourceLimits,
  healthProbes,
  antiAffinity,
  updateStrategyOnDelete,
  enterpriseLicense,
  uiConsistent,
  ingressTlsPassthrough,
  clusterName,
  telemetryConfigured,
  serverDeployed,
  configTemplateRenders,
  noUnexpandedVariables,
  noVerboseLogging,
  pluginDirectoryReadOnly,
  mlockDisabled,
  noPublicExposure,
  noUnsealKeysInPod,
  templatedInput,
  // registry: add entries above this line
];
