import type { IssueSummary } from './issue.js';
import type { ReviewDecision } from './pull-request.js';

export interface OwnPullRequest extends IssueSummary {
  readonly reviewDecision: ReviewDecision;
  /** The head commit's rollup: `failure`, `pending`, `success`, or null when there are no checks. */
  readonly checksState: 'failure' | 'pending' | 'success' | null;
}

export interface Section<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}

export interface MyWork {
  readonly login: string;
  readonly assigned: Section<IssueSummary>;
  readonly reviewRequested: Section<IssueSummary>;
  readonly authored: Section<OwnPullRequest>;
  /** Items left out because their repository is outside the allowed ones. */
  readonly hidden?: number;
}
