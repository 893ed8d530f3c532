/** A pull request review, as both the digest and the merge readiness show it. */
export interface Review {
  readonly author: string | null;
  /** Latest opinionated review of this reviewer. */
  readonly state: 'approved' | 'changes_requested' | 'commented' | 'dismissed' | 'pending';
  readonly submittedAt: string | null;
  /** The review's summary text, when it has one (digest only). */
  readonly body?: string;
}
