import type { Model } from './model.js';
import { helmTruthy, vaultBool } from './truth.js';
import type { ValueNode } from './values.js';
import { trimTrailing } from './text.js';

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
  initialDelaySeconds: ValueNode | undefined;
}

/** The readiness and liveness probes of the Vault container. */
export interface ProbesFact {
  readiness: ProbeFact;
  liveness: ProbeFact;
}

/**
 * Read `server.readinessProbe` and `server.livenessProbe` as the StatefulSet template does:
 * readiness is an exec of `vault status` unless `path` is set; liveness is an httpGet on `path`
 * unless `execCommand` is non-empty.
 */
export function collectProbes(model: Model): ProbesFact {
  return { readiness: readProbe(model, 'readinessProbe'), liveness: readProbe(model, 'livenessProbe') };
}

function readProbe(model: Model, name: 'readinessProbe' | 'livenessProbe'): ProbeFact {
  const enabledNode = model.get(`server.${name}.enabled`);
  const path = model.get(`server.${name}.path`);
  const http = name === 'readinessProbe' ? helmTruthy(path?.value) : !helmTruthy(model.valueOf(`server.${name}.execCommand`));
  return {
    enabledNode,
    enabled: helmTruthy(enabledNode?.value),
    kind: http ? 'http' : 'exec',
    path: http ? path : undefined,
    standbyOk: http ? standbyAnswersOk(path?.value) : undefined,
    initialDelaySeconds: model.get(`server.${name}.initialDelaySeconds`),
  };
}

/** How `/v1/sys/health` answers a standby for this probe path, or undefined for any other endpoint. */
export function standbyAnswersOk(path: unknown): boolean | undefined {
  const text = typeof path === 'string' ? path : '';
  const queryAt = text.indexOf('?');
  const route = trimTrailing(queryAt < 0 ? text : text.slice(0, queryAt), '/');
  if (route !== '/v1/sys/health') return undefined;
  const query = new URLSearchParams(queryAt < 0 ? '' : text.slice(queryAt + 1));
  // Vault reads the first value of each parameter; a probe succeeds on any status from 200 to 399.
  const standbyOk = query.get('standbyok');
  if (standbyOk !== null && vaultBool(standbyOk) === true) return true;
  const code = query.get('standbycode');
  return code !== null && /^\d+$/.test(code) && Number(code) >= 200 && Number(code) < 400;
}
