/** The token's GitHub GraphQL budget as of the latest answer (GitHub's `rateLimit`). */
export interface RateBudget {
  readonly limit: number;
  readonly remaining: number;
  /** ISO time at which `remaining` goes back to `limit`. */
  readonly resetAt: string;
  /** What the latest request cost. */
  readonly cost: number;
}
