import type { BudgetAdvice } from '../../domain/budget/advise-on-budget.use-case.js';

export function presentBudget(a: BudgetAdvice): string {
  const b = a.budget;
  const when = a.minutesToReset <= 1 ? 'in about a minute' : `in ${a.minutesToReset} minutes`;
  return `GitHub budget low: ${b.remaining.toLocaleString('en-US')} of ${b.limit.toLocaleString('en-US')} points left for this token; resets at ${b.resetAt.slice(11, 16)} UTC (${when}). Make fewer, narrower calls until then.`;
}

/** Adds a line to an answer, before its MORE AVAILABLE trailer(s) so those stay last. */
export function withLineBeforeTrailers(text: string, line: string): string {
  const lines = text.split('\n');
  let at = lines.length;
  while (at > 0 && lines[at - 1]!.startsWith('MORE AVAILABLE:')) at--;
  lines.splice(at, 0, line);
  return lines.join('\n');
}
