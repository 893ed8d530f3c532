import type { Page } from './page.js';
import type { RepoRef } from './repo.js';
import type { ItemState } from './issue.js';
import type { Review } from './review.js';

export type { Review } from './review.js';

export type Mergeable = 'mergeable' | 'conflicting' | 'unknown';
export type ReviewDecision = 'approved' | 'changes_requested' | 'review_required' | null;
export type CheckOutcome = 'failure' | 'pending' | 'success' | 'neutral' | 'skipped';

export interface Check {
  readonly name: string;
  /** `check`: a GitHub Actions / Checks API run; `status`: a legacy commit status. */
  readonly source: 'check' | 'status';
  readonly outcome: CheckOutcome;
  /** GitHub's own word (conclusion or state), lower-case, e.g. `timed_out`, `action_required`. */
  readonly detail: string;
  readonly url: string | null;
  readonly required: boolean;
}

export interface ChangedFile {
  readonly path: string;
  readonly additions: number;
  readonly deletions: number;
  readonly change: string;
}

export interface PullRequestStatus {
  readonly repo: RepoRef;
  readonly number: number;
  /** Null when GitHub sent no usable http(s) URL. */
  readonly url: string | null;
  readonly title: string;
  readonly state: ItemState;
  readonly isDraft: boolean;
  readonly author: string | null;
  readonly baseRef: string;
  readonly headRef: string;
  /** The head commit's SHA (40 hex digits); null when GitHub sent none usable. */
  readonly headOid: string | null;
  readonly mergeable: Mergeable;
  /** GitHub's mergeStateStatus, lower-case: `clean`, `blocked`, `behind`, `dirty`, `unstable`, `draft`, `has_hooks`, `unknown`. */
  readonly mergeState: string;
  readonly reviewDecision: ReviewDecision;
  readonly reviews: readonly Review[];
  /** Requested reviewers who have not answered yet (users by login, teams as `org/team`). */
  readonly pendingReviewers: readonly string[];
  /** Reviews / requested reviewers beyond those listed; absent when none. */
  readonly moreReviews?: number;
  readonly morePendingReviewers?: number;
  readonly checks: readonly Check[];
  /** Checks GitHub reports beyond those listed (the rollup is read in one page). */
  readonly checksTotal: number;
  readonly additions: number;
  readonly deletions: number;
  readonly files: Page<ChangedFile>;
}

/** The readiness facts without the changed files: what the verdict is decided on. */
export type PullRequestReadiness = Omit<PullRequestStatus, 'files'>;
