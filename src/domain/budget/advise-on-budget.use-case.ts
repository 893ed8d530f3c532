import { budgetIsLow, type RateBudget } from '../model/budget.js';
import type { Clock } from '../../ports/clock.port.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface BudgetAdvice {
  readonly budget: RateBudget;
  readonly minutesToReset: number;
}

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
    if (!budgetIsLow(budget)) return null;
    const minutesToReset = Math.max(0, Math.ceil((Date.parse(budget.resetAt) - this.clock.now()) / 60_000));
    return { budget, minutesToReset };
  }
}
