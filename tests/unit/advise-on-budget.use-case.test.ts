import { describe, expect, it } from 'vitest';
import { AdviseOnBudget } from '../../src/domain/budget/advise-on-budget.use-case.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { presentBudget, withLineBeforeTrailers } from '../../src/mcp/present/budget.present.js';
import { aWorld } from '../support/builders.js';

const now = Date.parse('2026-11-25T14:44:00Z');
const clock = { now: () => now };
const advise = (remaining: number, limit = 5000) =>
  new AdviseOnBudget(new InMemoryTracker(aWorld([]), { budget: { limit, remaining, resetAt: '2026-11-25T15:00:00Z', cost: 1 } }), clock).execute();

describe('AdviseOnBudget', () => {
  it('stays quiet while more than a tenth of the budget is left', () => {
    expect(advise(501)).toBeNull();
    expect(new AdviseOnBudget(new InMemoryTracker(aWorld([])), clock).execute()).toBeNull();
  });

  it('warns at a tenth of the budget, with the minutes to the reset', () => {
    expect(advise(500)).toEqual({ budget: { limit: 5000, remaining: 500, resetAt: '2026-11-25T15:00:00Z', cost: 1 }, minutesToReset: 16 });
  });

  it('warns at 100 points even on a small budget', () => {
    expect(advise(100, 500)).not.toBeNull();
    expect(advise(101, 500)).toBeNull();
  });

  it('is presented as one line, placed before the MORE AVAILABLE trailer', () => {
    const line = presentBudget(advise(312)!);
    expect(line).toBe('GitHub budget low: 312 of 5,000 points left for this token; resets at 15:00 UTC (in 16 minutes). Make fewer, narrower calls until then.');
    expect(withLineBeforeTrailers('a\nb\nMORE AVAILABLE: 3 more issues — x', line).split('\n')).toEqual(['a', 'b', line, 'MORE AVAILABLE: 3 more issues — x']);
    expect(withLineBeforeTrailers('a', line).split('\n')).toEqual(['a', line]);
  });
});
