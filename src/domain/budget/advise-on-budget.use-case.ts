import type { RateBudget } from '../model/budget.js';
import type { Clock } from '../../ports/clock.port.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface BudgetAdvice {
  readonly budget: RateBudget;
  readonly minutesToReset: number;
}

/** Below this share of the hourly budget (or this many points) an agent should slow down. */
export const LOW_BUDGET_SHARE = 0.1;
export const LOW_BUDGET_POINTS = 100;

/**
 * Warn before the rate limit is hit, not after: every query reads GitHub's `rateLimit`, and when
 * what is left runs low the agent is told how much remains and when it resets.
 */
export class AdviseOnBudget {
  constructor(
    private readonly tracker: IssueTracker,
    private readonly clock: Clock,
  ) {}

  execute(): BudgetAdvice | null {
    const budget = this.tracker.lastBudget();
    if (!budget) return null;
    const low = budget.remaining <= Math.max(LOW_BUDGET_POINTS, budget.limit * LOW_BUDGET_SHARE);
    if (!low) return null;
    const minutesToReset = Math.max(0, Math.ceil((Date.parse(budget.resetAt) - this.clock.now()) / 60_000));
    return { budget, minutesToReset };
  }
}
