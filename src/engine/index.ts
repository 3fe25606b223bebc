/** What rule modules import: the rule factory and the types they need. */
export { defineRule, type Rule, type RuleContext, type RuleDefinition } from './rule.js';
export type { Severity, RuleMeta } from './types.js';
export type { Model, Mode } from '../model/model.js';
export type { EnvVar } from '../model/env.js';
export type { ServiceFact, Annotation } from '../model/services.js';
export type { ImageFact } from '../model/images.js';
export type { SecretFact } from '../model/secrets.js';
export type { ValueNode, Locatable, Place } from '../model/values.js';
export type { VaultConfig, ConfigBlock, ConfigObject, ConfigValue } from '../model/vault-config.js';
export { helmTruthy, helmEqualsTrue, vaultBool } from '../model/truth.js';
export { saysInternal, isInternalLbKey, isPrivateCidr, INTERNAL_LB_ANNOTATIONS } from '../model/load-balancers.js';
