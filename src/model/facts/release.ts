import { ConfiguredRelease } from '../config/release.js';
import { collectServices, type ServiceFact } from '../chart/services.js';
import { collectImages, type ImageFact } from '../chart/images.js';
import { collectL7Exposures, type L7Exposure } from '../chart/ingress.js';
import { collectDisruptionBudget, type DisruptionBudgetFact } from '../chart/disruption-budget.js';
import { collectServerAbsence, type ServerAbsence } from '../chart/server-presence.js';
import { collectYaml11Booleans } from '../values/yaml-booleans.js';
import type { ValueNode } from '../values/tree.js';
import { collectSecrets, type DetectedSecret, type SecretFact } from '../secrets.js';
import { detectSecrets, secretScanTexts } from '../secret-scan.js';
import { collectEnv, type EnvVar } from './env.js';
import { collectUnexpandedVariables, type UnexpandedVariable } from './config-hygiene.js';
import { collectClientEnv, skipVerifyEnv, type ClientEnvVar, type SkipVerifyEnv } from './client-env.js';
import {
  collectConfigRenderProblem,
  collectConfigSchemaProblems,
  collectValuesSchemaProblems,
  loadResources,
  type ConfigRenderProblem,
  type ConfigSchemaProblem,
  type ModelResource,
  type SchemaProblem,
} from './schema-check.js';
import { collectDuplicateConfigKeys, type DuplicateConfigKey } from './duplicate-keys.js';
import { collectMounts, collectUserconfigRefs, type MountFact, type UserconfigRef } from './mounts.js';
import { collectServerResources, type ResourcesFact } from './resources.js';
import { collectProbes, type ProbesFact } from './probes.js';
import { collectServerAffinity, type ServerAffinity } from './affinity.js';
import { collectSecretMounts, type SecretMount } from './volumes.js';
import { collectLicenseSources, type LicenseSource } from './license.js';
import { collectRaftJoins, raftJoinsUnknown, type RaftJoin } from './raft-joins.js';
import { collectSeal, type SealFact } from './seals.js';
import { collectExtraConfigFiles, type ExtraConfigFile } from './extra-config.js';
import { collectClusterListeners, type ClusterListener } from './cluster-listeners.js';
import { collectUnsealKeyScripts, type UnsealKeyScript } from './unseal-scripts.js';

/**
 * The derived facts of a release, each computed once on first use by its own collector over the
 * narrow view it needs (the chart's decisions, the configs, and the facts it builds on).
 */
export class ReleaseFacts extends ConfiguredRelease {
  private detected: DetectedSecret[] | undefined;
  /** Values a later pair with the same key replaced (`LayeredValues.shadowed`): their credentials count too. */
  protected shadowedValues: readonly ValueNode[] = [];

  /**
   * Find the credentials known by their shape (`secret-scan.ts`), which may load a detector: the
   * one asynchronous step of the facts, run before anything reads `secrets`.
   */
  async detectSecrets(): Promise<void> {
    if (this.detected) return;
    this.detected = await detectSecrets(secretScanTexts(this, this.shadowedValues));
  }

  /** Secret values written in the user's files: never echoed, masked in code frames. */
  get secrets(): SecretFact[] {
    return this.memo('secrets', () => collectSecrets(this, this.detected, this.shadowedValues));
  }

  /** Services the chart renders, with their effective type and annotations. */
  get services(): ServiceFact[] {
    return this.memo('services', () => collectServices(this));
  }

  /** Container images the chart renders for enabled components. */
  get images(): ImageFact[] {
    return this.memo('images', () => collectImages(this));
  }

  /** The Ingress, OpenShift Route and HTTPRoute rendered in front of Vault, and whether each passes TLS through. */
  get l7Exposures(): L7Exposure[] {
    return this.memo('l7Exposures', () => collectL7Exposures(this));
  }

  /** The server PodDisruptionBudget: rendered or not, and how many pods it lets an eviction take down. */
  get disruptionBudget(): DisruptionBudgetFact {
    return this.memo('disruptionBudget', () => collectDisruptionBudget(this));
  }

  /** Why the release runs no Vault server although its Services or its injector need one; undefined otherwise. */
  get serverAbsence(): ServerAbsence | undefined {
    return this.memo('serverAbsence', () => collectServerAbsence(this));
  }

  /** Env vars the values add to the Vault container, by name. */
  get env(): Map<string, EnvVar> {
    return this.memo('env', () => collectEnv(this));
  }

  /** Env vars the Vault API client reads, as the values set them in the Vault container and the injector. */
  get clientEnv(): ClientEnvVar[] {
    return this.memo('clientEnv', () => collectClientEnv(this));
  }

  /** Every `VAULT_SKIP_VERIFY` of the Vault container and the injector, read as the Vault client reads it. */
  get skipVerifyEnv(): SkipVerifyEnv[] {
    return this.memo('skipVerifyEnv', () => skipVerifyEnv(this));
  }

  /** `${VAR}` and `$(VAR)` left in strings of the live config, which neither Vault nor the chart expands. */
  get unexpandedVariables(): UnexpandedVariable[] {
    return this.memo('unexpandedVariables', () => collectUnexpandedVariables(this));
  }

  /**
   * Scalars the user wrote as a YAML 1.1-only boolean word (`yes`, `off`, `y`…): a boolean to
   * Helm, a string to YAML 1.2 tools. Only effective values: an overridden scalar has no effect.
   */
  get yaml11Booleans(): ValueNode[] {
    return this.memo('yaml11Booleans', () => collectYaml11Booleans(this));
  }

  /**
   * Load what the given resources need (code imported on demand, such as schema validators) before
   * rules read the facts that use them; the engine calls this with the rules' `requires`.
   */
  async load(resources: readonly ModelResource[]): Promise<void> {
    await loadResources(this, resources);
  }

  /**
   * What the user wrote that this chart version's values schema rejects: unknown keys (Helm ignores
   * them), values of the wrong type, missing required keys. Chart defaults are never checked.
   * Needs `load(['valuesSchema'])`.
   */
  get valuesSchemaProblems(): SchemaProblem[] {
    return this.memo('valuesSchemaProblems', () => collectValuesSchemaProblems(this, this.secrets));
  }

  /**
   * What the Vault config schema rejects in the user's configs (the live one and those the chart
   * ignores; none in dev or external mode), each at the exact key or value. Needs `load(['vaultConfigSchema'])`.
   */
  get configSchemaProblems(): ConfigSchemaProblem[] {
    return this.memo('configSchemaProblems', () => collectConfigSchemaProblems(this, this.secrets));
  }

  /** `configRenderError` with the data a message needs (what was written, what the chart wanted). */
  get configRenderProblem(): ConfigRenderProblem | undefined {
    return this.memo('configRenderProblem', () => collectConfigRenderProblem(this));
  }

  /** Attributes repeated in one object of the user's HCL configs, including the chart's own `disable_mlock` line. */
  get duplicateConfigKeys(): DuplicateConfigKey[] {
    return this.memo('duplicateConfigKeys', () => collectDuplicateConfigKeys(this));
  }

  /** Volume mounts of the Vault container that the values control (`server.extraVolumes`, `server.volumeMounts`). */
  get mounts(): MountFact[] {
    return this.memo('mounts', () => collectMounts(this));
  }

  /** Paths under /vault/userconfig/ that the live config or the container env names, each with the mount covering it. */
  get userconfigRefs(): UserconfigRef[] {
    return this.memo('userconfigRefs', () => collectUserconfigRefs(this));
  }

  /** `server.resources` requests and limits of the Vault container, with Kubernetes quantities read as amounts. */
  get serverResources(): ResourcesFact {
    return this.memo('serverResources', () => collectServerResources(this));
  }

  /** The readiness and liveness probes of the Vault container: on or off, exec or httpGet, and whether standbys pass. */
  get serverProbes(): ProbesFact {
    return this.memo('serverProbes', () => collectProbes(this));
  }

  /** `server.affinity` read in either form (a `tpl` string with Helm actions masked, or a map), with its pod anti-affinity terms. */
  get serverAffinity(): ServerAffinity {
    return this.memo('serverAffinity', () => collectServerAffinity(this));
  }

  /** Kubernetes Secrets mounted into the Vault container as directories (extraVolumes, volumes + volumeMounts, the license secret). */
  get secretMounts(): SecretMount[] {
    return this.memo('secretMounts', () => collectSecretMounts(this));
  }

  /** Where the release gives Vault Enterprise its license (chart secret, VAULT_LICENSE/VAULT_LICENSE_PATH, license_path). */
  get licenseSources(): LicenseSource[] {
    return this.memo('licenseSources', () => collectLicenseSources(this));
  }

  /** The `retry_join` stanzas of the live raft storage, each address read as a URL against this release's pod names. */
  get raftJoins(): RaftJoin[] {
    return this.memo('raftJoins', () => collectRaftJoins(this));
  }

  /** True when Helm template logic the linter did not evaluate decides which `retry_join` stanzas Vault gets: count-based checks cannot tell then. */
  get raftJoinsUnknown(): boolean {
    return this.memo('raftJoinsUnknown', () => raftJoinsUnknown(this, this.raftJoins));
  }

  /** Config files `server.extraArgs` adds with `-config`, each with the mount it is read from. */
  get extraConfigFiles(): ExtraConfigFile[] {
    return this.memo('extraConfigFiles', () => collectExtraConfigFiles(this));
  }

  /**
   * Whether the live config is all Vault reads: false when `server.extraArgs` adds a `-config` file
   * whose content the values do not hold. Rules that report a missing stanza stay quiet then: the
   * stanza may be in that file.
   */
  get configFullyVisible(): boolean {
    return this.extraConfigFiles.every((file) => file.source === 'chart');
  }

  /** The seal Vault unseals with: the live config's seal stanzas and `VAULT_SEAL_TYPE`; undefined without a live config. */
  get seal(): SealFact | undefined {
    return this.memo('seal', () => collectSeal(this));
  }

  /** The cluster port each tcp listener of the live config opens: written or derived, and whether other pods can reach it. */
  get clusterListeners(): ClusterListener[] {
    return this.memo('clusterListeners', () => collectClusterListeners(this));
  }

  /** Scripts in the values that run `vault operator init`/`unseal` or write unseal keys or a root token inside a pod. */
  get unsealKeyScripts(): UnsealKeyScript[] {
    return this.memo('unsealKeyScripts', () => collectUnsealKeyScripts(this));
  }

  // Further derived facts: one memoized getter per fact, computed in its own module under src/model/.
}
