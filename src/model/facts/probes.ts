import type { ConfiguredRelease } from '../config/release.js';
import { helmTruthy, vaultBool } from '../chart/truth.js';
import type { ValueNode } from '../values/tree.js';
import { trimTrailing } from '../chart/text.js';

/** One probe of the Vault container as the chart renders it. */
export interface ProbeFact {
  /** `server.<probe>.enabled`, tested with a plain `if`. */
  enabledNode: ValueNode | undefined;
  enabled: boolean;
  /**
   * `exec`: a command (the readiness default `vault status`, or a liveness `execCommand`);
   * `http`: an httpGet on `path`.
   */
  kind: 'exec' | 'http';
  /** The path node of an httpGet probe. */
  path: ValueNode | undefined;
  /**
   * For an httpGet on `/v1/sys/health`: whether a standby answers a success code (200–399) —
   * `standbyok` true as Vault parses it, or a `standbycode` in that range. Undefined for other paths,
   * whose answer the linter cannot know.
   */
  standbyOk: boolean | undefined;
  /**
   * For an httpGet on `/v1/sys/health`: the states of a live Vault pod in which the endpoint answers
   * a failure status (outside 200–399), in Vault's order of precedence. Performance standbys exist
   * only on Enterprise images. Undefined for other paths and exec probes.
   */
  failsWhen: HealthState[] | undefined;
  initialDelaySeconds: ValueNode | undefined;
}

/** A state in which a running, healthy Vault pod may legitimately be. */
export type HealthState = 'sealed' | 'uninitialised' | 'standby' | 'performance standby';

/** The readiness and liveness probes of the Vault container. */
export interface ProbesFact {
  readiness: ProbeFact;
  liveness: ProbeFact;
  /**
   * A liveness path on which `/v1/sys/health` succeeds in every state of a live pod: sealed (503 by
   * default), uninitialised (501), standby (429) and, on Enterprise images, performance standby
   * (473, which `standbyok` does not cover).
   */
  safeLivenessPath: string;
}

const SAFE_LIVENESS_PATH = '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204';

/**
 * Read `server.readinessProbe` and `server.livenessProbe` as the StatefulSet template does:
 * readiness is an exec of `vault status` unless `path` is set; liveness is an httpGet on `path`
 * unless `execCommand` is non-empty.
 */
export function collectProbes(model: ConfiguredRelease): ProbesFact {
  const enterprise = model.isEnterprise;
  return {
    readiness: readProbe(model, 'readinessProbe', enterprise),
    liveness: readProbe(model, 'livenessProbe', enterprise),
    safeLivenessPath: enterprise ? `${SAFE_LIVENESS_PATH}&perfstandbyok=true` : SAFE_LIVENESS_PATH,
  };
}

function readProbe(model: ConfiguredRelease, name: 'readinessProbe' | 'livenessProbe', enterprise: boolean): ProbeFact {
  const enabledNode = model.get(`server.${name}.enabled`);
  const path = model.get(`server.${name}.path`);
  // Releases without `execCommand` always probe liveness over HTTP.
  const http =
    name === 'readinessProbe'
      ? helmTruthy(path?.value)
      : !(model.profile.livenessExec && helmTruthy(model.valueOf(`server.${name}.execCommand`)));
  return {
    enabledNode,
    enabled: helmTruthy(enabledNode?.value),
    kind: http ? 'http' : 'exec',
    path: http ? path : undefined,
    standbyOk: http ? standbyAnswersOk(path?.value) : undefined,
    failsWhen: http ? healthFailures(path?.value, enterprise) : undefined,
    initialDelaySeconds: model.get(`server.${name}.initialDelaySeconds`),
  };
}

/** The query of a `/v1/sys/health` path, or undefined for any other endpoint. */
function healthQuery(path: unknown): URLSearchParams | undefined {
  const text = typeof path === 'string' ? path : '';
  const queryAt = text.indexOf('?');
  const route = trimTrailing(queryAt < 0 ? text : text.slice(0, queryAt), '/');
  if (route !== '/v1/sys/health') return undefined;
  return new URLSearchParams(queryAt < 0 ? '' : text.slice(queryAt + 1));
}

// Vault reads the first value of each parameter; a probe succeeds on any status from 200 to 399.
function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && vaultBool(value) === true;
}

function codeOk(query: URLSearchParams, name: string, fallback: number): boolean {
  const value = query.get(name);
  const code = value !== null && /^\d+$/.test(value) ? Number(value) : fallback;
  return code >= 200 && code < 400;
}

/** How `/v1/sys/health` answers a standby for this probe path, or undefined for any other endpoint. */
export function standbyAnswersOk(path: unknown): boolean | undefined {
  const query = healthQuery(path);
  if (!query) return undefined;
  if (flag(query, 'standbyok')) return true;
  const code = query.get('standbycode');
  return code !== null && /^\d+$/.test(code) && Number(code) >= 200 && Number(code) < 400;
}

/**
 * The live-pod states in which `/v1/sys/health` answers a failure on this path (Vault's defaults:
 * 503 sealed, 501 uninitialised, 429 standby, 473 performance standby; `standbyok`/`perfstandbyok`
 * answer the active code instead). Undefined for any other endpoint.
 */
export function healthFailures(path: unknown, enterprise: boolean): HealthState[] | undefined {
  const query = healthQuery(path);
  if (!query) return undefined;
  const activeOk = codeOk(query, 'activecode', 200);
  const out: HealthState[] = [];
  if (!codeOk(query, 'sealedcode', 503)) out.push('sealed');
  if (!codeOk(query, 'uninitcode', 501)) out.push('uninitialised');
  if (!(flag(query, 'standbyok') ? activeOk : codeOk(query, 'standbycode', 429))) out.push('standby');
  if (enterprise && !(flag(query, 'perfstandbyok') ? activeOk : codeOk(query, 'performancestandbycode', 473)))
    out.push('performance standby');
  return out;
}
