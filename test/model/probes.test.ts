import { describe, expect, it } from 'vitest';
import { healthFailures, standbyAnswersOk } from '../../src/model/facts/probes.js';
import { modelOf } from '../helpers/model.js';

describe('standbyAnswersOk', () => {
  it.each([
    ['/v1/sys/health?standbyok=true', true],
    ['/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204', true],
    ['/v1/sys/health?standbyok=1', true],
    ['/v1/sys/health?standbyok=T', true],
    ['/v1/sys/health/?standbycode=200', true],
    ['/v1/sys/health?standbycode=399', true],
    ['/v1/sys/health', false],
    ['/v1/sys/health?standbyok=false', false],
    ['/v1/sys/health?standbyok=yes', false],
    ['/v1/sys/health?standbycode=429', false],
    ['/v1/sys/health?perfstandbyok=true', false],
  ])('%s → %s', (path, ok) => {
    expect(standbyAnswersOk(path)).toBe(ok);
  });

  it('does not judge other endpoints', () => {
    expect(standbyAnswersOk('/v1/sys/seal-status')).toBeUndefined();
    expect(standbyAnswersOk(undefined)).toBeUndefined();
  });
});

describe('healthFailures', () => {
  it.each([
    ['/v1/sys/health', false, ['sealed', 'uninitialised', 'standby']],
    ['/v1/sys/health?standbyok=true', false, ['sealed', 'uninitialised']],
    ['/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204', false, []],
    ['/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204', true, ['performance standby']],
    ['/v1/sys/health?standbyok=true&perfstandbyok=true&sealedcode=204&uninitcode=204', true, []],
    ['/v1/sys/health?standbycode=200&performancestandbycode=200&sealedcode=299&uninitcode=399', true, []],
    ['/v1/sys/health?standbyok=true&activecode=500&sealedcode=204&uninitcode=204', false, ['standby']],
    ['/v1/sys/health?sealedcode=400&uninitcode=204&standbyok=true', false, ['sealed']],
  ] as const)('%s (enterprise %s) fails when %j', (path, enterprise, states) => {
    expect(healthFailures(path, enterprise)).toEqual(states);
  });

  it('does not judge other endpoints', () => {
    expect(healthFailures('/v1/sys/seal-status', true)).toBeUndefined();
  });
});

describe('serverProbes', () => {
  it('follows the chart defaults: exec readiness on, liveness httpGet off with delay 60', async () => {
    const { readiness, liveness } = (await modelOf('server: {}')).serverProbes;
    expect(readiness).toMatchObject({ enabled: true, kind: 'exec', path: undefined, standbyOk: undefined });
    expect(liveness).toMatchObject({ enabled: false, kind: 'http', standbyOk: true, failsWhen: ['sealed', 'uninitialised'] });
    expect(liveness.initialDelaySeconds?.value).toBe(60);
  });

  it('suggests perfstandbyok=true only for Enterprise images', async () => {
    expect((await modelOf('server: {}')).serverProbes.safeLivenessPath).toBe('/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204');
    expect((await modelOf('server: {image: {tag: "1.16.1-ent"}}')).serverProbes.safeLivenessPath).toBe(
      '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204&perfstandbyok=true',
    );
  });

  it('switches readiness to httpGet with a path and liveness to exec with execCommand', async () => {
    const { readiness, liveness } = (
      await modelOf(`
      server:
        readinessProbe: {path: /v1/sys/health}
        livenessProbe: {enabled: "true", execCommand: [vault, status]}
    `)
    ).serverProbes;
    expect(readiness).toMatchObject({ enabled: true, kind: 'http', standbyOk: false });
    expect(liveness).toMatchObject({ enabled: true, kind: 'exec', path: undefined });
  });
});
