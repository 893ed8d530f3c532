import type { AuthorRelation } from './issue.js';

/** A pull request review, as both the digest and the merge readiness show it. */
export interface Review {
  readonly author: string | null;
  /** Whose words the summary is (digest only). */
  readonly authorRelation?: AuthorRelation;
  /** Set when lockdown withheld the summary: its length in characters. */
  readonly withheld?: number;
  /** Latest opinionated review of this reviewer. */
  readonly state: 'approved' | 'changes_requested' | 'commented' | 'dismissed' | 'pending';
  readonly submittedAt: string | null;
  /** The review's summary text, when it has one (digest only). */
  readonly body?: string;
}
