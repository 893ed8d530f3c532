import type { AuthorRelation } from './issue.js';

export type ReviewState = 'approved' | 'changes_requested' | 'commented' | 'dismissed' | 'pending';

/** A pull request review, as both the digest and the merge readiness show it. */
export interface Review {
  readonly author: string | null;
  /** Whose words the summary is (digest only). */
  readonly authorRelation?: AuthorRelation;
  /** Set when lockdown withheld the summary: its length in characters. */
  readonly withheld?: number;
  /**
   * Digest: this review's state. Readiness: the reviewer's latest verdict (approved, changes
   * requested), or `commented` when they only ever commented.
   */
  readonly state: ReviewState;
  readonly submittedAt: string | null;
  /** Readiness only: when the reviewer commented again after their latest verdict. */
  readonly commentedSince?: string;
  /** The review's summary text, when it has one (digest only). */
  readonly body?: string;
}

const VERDICTS: ReadonlySet<ReviewState> = new Set(['approved', 'changes_requested']);

const later = (a: string | null, b: string | null) => (a ?? '') > (b ?? '');

/**
 * One line per reviewer, as the author must answer them: the latest verdict of each reviewer, or
 * their latest comment-only review when they never gave one; a comment after a verdict is kept as
 * `commentedSince`. Order: first appearance in `latest` (then verdicts missing from it).
 * `latest`: each reviewer's most recent submitted review, whatever its state; `verdicts`: each
 * reviewer's most recent approving or change-requesting review.
 */
export function latestPerReviewer(latest: readonly Review[], verdicts: readonly Review[]): Review[] {
  const verdictOf = new Map(verdicts.filter((v) => VERDICTS.has(v.state)).map((v) => [v.author, v]));
  const out: Review[] = [];
  const seen = new Set<string | null>();
  for (const r of latest) {
    if (seen.has(r.author)) continue;
    seen.add(r.author);
    const verdict = verdictOf.get(r.author);
    if (!verdict || VERDICTS.has(r.state)) {
      out.push(verdict && later(verdict.submittedAt, r.submittedAt) ? verdict : r);
      continue;
    }
    out.push(r.state === 'commented' && r.submittedAt && later(r.submittedAt, verdict.submittedAt) ? { ...verdict, commentedSince: r.submittedAt } : verdict);
  }
  for (const v of verdictOf.values()) if (!seen.has(v.author)) out.push(v);
  return out;
}

/** Every submitted review, oldest first -> the same per-reviewer view GitHub's two connections give. */
export function latestPerReviewerOf(all: readonly Review[]): Review[] {
  const sorted = [...all].filter((r) => r.state !== 'pending').sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  const latest = new Map<string | null, Review>();
  const verdicts = new Map<string | null, Review>();
  for (const r of sorted) {
    latest.set(r.author, r);
    if (VERDICTS.has(r.state)) verdicts.set(r.author, r);
  }
  return latestPerReviewer([...latest.values()], [...verdicts.values()]);
}
