// What a policy may spend evaluating CEL on one release: a leaf module, so that a run whose policies
// have no expression never loads the CEL evaluator.

/**
 * Cost one policy may spend on one release, over all the values it checks: one unit per function
 * call and per element a comprehension ranges over, plus the length of every string, list or map a
 * call receives or returns (deep for equality and `in`; a `replace` is charged the longest result it
 * could build, before it builds it). Kubernetes gives a validation expression the same order of
 * budget. Past it the evaluation stops and the policy reports `costLimit`.
 */
export const MAX_POLICY_COST = 1_000_000;

/** The evaluation ran out of budget. */
export class CostExceeded extends Error {
  override readonly name = 'CostExceeded';
}

/** What one policy may still spend on one release. */
export class CostBudget {
  spent = 0;
  exceeded = false;

  constructor(readonly limit: number = MAX_POLICY_COST) {}

  charge(units: number): void {
    this.spent += units;
    if (this.spent > this.limit) {
      this.exceeded = true;
      throw new CostExceeded('cost limit');
    }
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spent);
  }
}
