import { describe, expect, it } from 'vitest';
import { latestPerReviewer, latestPerReviewerOf, type Review } from '../../src/domain/model/review.js';

const r = (author: string, state: Review['state'], day: number): Review => ({ author, state, submittedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z` });
const view = (reviews: Review[]) => reviews.map((v) => [v.author, v.state, v.submittedAt?.slice(8, 10), v.commentedSince?.slice(8, 10)]);

describe('one line per reviewer (check_pr_readiness)', () => {
  it('keeps a reviewer who only commented, and the latest verdict of the others', () => {
    expect(view(latestPerReviewerOf([r('alice', 'changes_requested', 1), r('carol', 'commented', 2), r('alice', 'approved', 3)]))).toEqual([
      ['alice', 'approved', '03', undefined],
      ['carol', 'commented', '02', undefined],
    ]);
  });

  it('keeps a verdict when the reviewer commented afterwards, and says when', () => {
    expect(view(latestPerReviewerOf([r('bob', 'approved', 4), r('bob', 'commented', 5)]))).toEqual([['bob', 'approved', '04', '05']]);
  });

  it('a comment before the verdict is not "since"', () => {
    expect(view(latestPerReviewerOf([r('bob', 'commented', 3), r('bob', 'changes_requested', 4)]))).toEqual([['bob', 'changes_requested', '04', undefined]]);
  });

  it('a dismissed review with no later verdict stays dismissed; pending reviews are not submitted', () => {
    expect(view(latestPerReviewerOf([r('dan', 'dismissed', 2), r('eve', 'pending', 3)]))).toEqual([['dan', 'dismissed', '02', undefined]]);
  });

  it('merges GitHub\'s two connections: latest reviews and latest verdicts', () => {
    const latest = [r('bob', 'commented', 5), r('carol', 'commented', 2)];
    const verdicts = [r('bob', 'approved', 4), r('zed', 'changes_requested', 1)];
    expect(view(latestPerReviewer(latest, verdicts))).toEqual([
      ['bob', 'approved', '04', '05'],
      ['carol', 'commented', '02', undefined],
      ['zed', 'changes_requested', '01', undefined],
    ]);
  });
});
