import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('disruptionBudget', () => {
  it.each([
    [1, 0],
    [3, 1],
    [4, 1],
    [5, 2],
    [6, 2],
  ])('computes maxUnavailable for %i replicas as the chart does: %i', async (replicas, expected) => {
    const budget = (await modelOf(`server: {ha: {enabled: true, replicas: ${replicas}, raft: {enabled: true}}}`)).disruptionBudget;
    expect(budget).toMatchObject({ rendered: true, override: undefined, maxUnavailable: expected });
  });

  it('honours a truthy override (percentages round up), ignores 0, and uses 1 with redundancy zones', async () => {
    expect(
      (await modelOf('server: {ha: {enabled: true, replicas: 5, disruptionBudget: {maxUnavailable: "40%"}}}')).disruptionBudget
        .maxUnavailable,
    ).toBe(2);
    expect(
      (await modelOf('server: {ha: {enabled: true, replicas: 5, disruptionBudget: {maxUnavailable: 0}}}')).disruptionBudget,
    ).toMatchObject({ override: undefined, maxUnavailable: 2 });
    expect(
      (await modelOf('server: {ha: {enabled: true, replicas: 5, raft: {enabled: true, redundancyZones: {enabled: true}}}}'))
        .disruptionBudget.maxUnavailable,
    ).toBe(1);
    expect(
      (await modelOf('server: {ha: {enabled: true, replicas: 5, disruptionBudget: {maxUnavailable: many}}}')).disruptionBudget
        .maxUnavailable,
    ).toBeUndefined();
  });

  it('is rendered only in HA and only for an enabled value equal to "true"', async () => {
    expect((await modelOf('server: {}')).disruptionBudget.rendered).toBe(false);
    expect((await modelOf('server: {ha: {enabled: true, disruptionBudget: {enabled: "true"}}}')).disruptionBudget.rendered).toBe(true);
    expect((await modelOf('server: {ha: {enabled: true, disruptionBudget: {enabled: 1}}}')).disruptionBudget.rendered).toBe(false);
  });
});
