/** What rule modules import: the rule factory and the types they need. */
export { defineRule, type Fact, type Rule, type RuleContext, type RuleDefinition } from './rule.js';
export type { Severity, RuleMeta, RuleOption } from './types.js';
export { SERVER_MODES, CONFIG_MODES, HA_MODES, type RuleScope } from './scope.js';
export type { Model, Mode, SyntaxProblem } from '../model/model.js';
export type { EnvVar } from '../model/facts/env.js';
export type { ClientEnvVar, SkipVerifyEnv, MissingCaPath } from '../model/facts/client-env.js';
export type { UnexpandedVariable, LogLevelSetting, WritablePluginDirectory } from '../model/facts/config-hygiene.js';
export { effectiveLogLevel, ipcLockAdded, mlockEnabledBy, writablePluginDirectory } from '../model/facts/config-hygiene.js';
export {
  GUIDE_CA_FILE,
  guideCaMount,
  injectorHttpAddr,
  missingCaPaths,
  serverAddrOverride,
  serverHttpAddr,
  serverSkipsVerify,
  withoutUserinfo,
} from '../model/facts/client-env.js';
export type { ServiceFact, Annotation } from '../model/chart/services.js';
export type { ImageFact } from '../model/chart/images.js';
export type { SecretFact } from '../model/secrets.js';
export type { ValueNode, Locatable, Place } from '../model/values/tree.js';
export type { VaultConfig, ConfigBlock, ConfigObject, ConfigValue } from '../model/config/vault-config.js';
export {
  dataStorageKind,
  licenseSecretNamed,
  prometheusScrapes,
  raftSwitchOn,
  resourcesRendered,
  serviceDiscoveryOn,
  setNodeIdOn,
  tlsListeners,
} from '../model/facts/switches.js';
export { saysInternal, isInternalLbKey, isPrivateCidr, INTERNAL_LB_ANNOTATIONS } from '../model/chart/load-balancers.js';
export type { SchemaProblem, ConfigSchemaProblem, ConfigRenderProblem, ModelResource } from '../model/facts/schema-check.js';
export type { DuplicateConfigKey } from '../model/facts/duplicate-keys.js';
export type { MountFact, UserconfigRef } from '../model/facts/mounts.js';
export { pathCovers } from '../model/facts/mounts.js';
export type { ResourcesFact, QuantityFact, ResourceName } from '../model/facts/resources.js';
export { RESOURCE_NAMES } from '../model/facts/resources.js';
export type { ProbesFact, ProbeFact } from '../model/facts/probes.js';
export type { ServerAffinity, AntiAffinityTerm } from '../model/facts/affinity.js';
export type { SecretMount } from '../model/facts/volumes.js';
export type { SealFact } from '../model/facts/seals.js';
export type { ExtraConfigFile } from '../model/facts/extra-config.js';
export type { LicenseSource } from '../model/facts/license.js';
export type { L7Exposure, TlsHandling } from '../model/chart/ingress.js';
export type { DisruptionBudgetFact } from '../model/chart/disruption-budget.js';
export type { RaftJoin, JoinAddress } from '../model/facts/raft-joins.js';
export type { ClusterListener } from '../model/facts/cluster-listeners.js';
export { l7Reach, decideReach, hostNetworkPods, type L7Reach, type KnownReach, type HostNetworkPod } from '../model/facts/exposure.js';
export type { UnsealKeyScript } from '../model/facts/unseal-scripts.js';
export { secretsInUnsealSteps } from '../model/facts/unseal-scripts.js';
export { unrenderedComponent } from '../model/facts/rendered.js';
