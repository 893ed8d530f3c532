import type { ReviewPullRequestResult } from '../../domain/pull-requests/review-pull-request.use-case.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

const WORDS = { approve: 'Approved', request_changes: 'Requested changes on', comment: 'Commented on' } as const;

/** The review as GitHub reported it. */
export function presentReview(r: ReviewPullRequestResult): string {
  const v = r.review;
  const n = v.comments;
  return [
    `${WORDS[r.event]} ${formatRepo(r.repo)}#${r.number} "${cleanLine(r.title, 120)}" (2 GitHub requests: 1 read to check it, 1 write)`,
    `review: ${v.state.replace('_', ' ')} by ${v.author ? cleanLine(v.author, 40) : 'unknown'} · ${n} inline comment${n === 1 ? '' : 's'} · ${v.url}`,
  ].join('\n');
}
