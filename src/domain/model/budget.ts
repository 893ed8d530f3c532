/** The token's GitHub GraphQL budget as of the latest answer (GitHub's `rateLimit`). */
export interface RateBudget {
  readonly limit: number;
  readonly remaining: number;
  /** ISO time at which `remaining` goes back to `limit`. */
  readonly resetAt: string;
  /** What the latest request cost. */
  readonly cost: number;
}

/** Below this share of the hourly budget (or this many points) an agent should slow down. */
export const LOW_BUDGET_SHARE = 0.1;
export const LOW_BUDGET_POINTS = 100;

/** Little enough left that callers should be told to make fewer, narrower calls. */
export function budgetIsLow(budget: RateBudget): boolean {
  return budget.remaining <= Math.max(LOW_BUDGET_POINTS, budget.limit * LOW_BUDGET_SHARE);
}
