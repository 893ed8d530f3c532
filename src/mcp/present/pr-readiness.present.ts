import type { PrReadinessResult } from '../../domain/pull-requests/check-pr-readiness.use-case.js';
import type { Check, Review } from '../../domain/model/pull-request.js';
import { formatRepo } from '../../domain/model/repo.js';
import { age, cursorTrailer, login, names } from './format.js';
import { cleanLine } from './sanitize.js';

const MARK: Record<Check['outcome'], string> = { failure: '✗', pending: '…', success: '✓', neutral: '○', skipped: '○' };
const words = (s: string) => s.replace(/_/g, ' ');

function checkLine(c: Check): string {
  const bits = [`${MARK[c.outcome]} ${cleanLine(c.name, 100)}`];
  if (c.required) bits.push('[required]');
  if (c.source === 'status') bits.push('(status)');
  bits.push(words(c.detail));
  if (c.url && c.outcome !== 'success') bits.push(c.url);
  return bits.join(' ');
}

/** "bob approved 2 days ago, commented since 3 hours ago", "carol commented (no verdict) 1 day ago", "octo-dev (author) replied 5 hours ago". */
function reviewerLine(v: Review, prAuthor: string | null): string {
  const isAuthor = v.author !== null && v.author === prAuthor;
  const who = `${login(v.author)}${isAuthor ? ' (author)' : ''}`;
  const what = v.state === 'commented' ? (isAuthor ? 'replied' : 'commented (no verdict)') : words(v.state);
  const when = v.submittedAt ? ` ${age(v.submittedAt)}` : '';
  const since = v.commentedSince ? `, commented since ${age(v.commentedSince)}` : '';
  return `${who} ${what}${when}${since}`;
}

export function presentPrReadiness(r: PrReadinessResult): string {
  const s = r.status;
  const ref = `${formatRepo(s.repo)}#${s.number}`;
  const title = cleanLine(s.title, 200);
  const lines: string[] = [];
  const f = s.files;
  const from = r.shownBefore + 1;
  const to = r.shownBefore + f.items.length;
  if (r.shownBefore > 0) {
    lines.push(`${ref} ${title} — changed files ${from}–${to} of ${f.totalCount}, continued`);
  } else {
    lines.push(`${r.verdict.level}: ${ref} ${title}`);
    for (const reason of r.verdict.reasons) lines.push(`- ${cleanLine(reason, 600)}`);
    lines.push(
      [
        `${s.state}${s.isDraft ? ' draft' : ''}`,
        `by ${login(s.author)}`,
        `${cleanLine(s.headRef, 80)}${s.headOid ? ` @ ${s.headOid.slice(0, 7)}` : ''} → ${cleanLine(s.baseRef, 80)}`,
        `+${s.additions} −${s.deletions}`,
        `mergeable: ${s.mergeable}`,
        `merge state: ${words(s.mergeState)}`,
        `review: ${s.reviewDecision ? words(s.reviewDecision) : 'not required'}`,
      ].join(' · '),
    );
    if (s.url) lines.push(`url: ${s.url}`);
    lines.push(`reviews: ${s.reviews.length ? s.reviews.map((v) => reviewerLine(v, s.author)).join('; ') : 'none yet'}${s.moreReviews ? `; +${s.moreReviews} more reviewers` : ''}`);
    if (s.pendingReviewers.length) lines.push(`awaiting review from: ${names(s.pendingReviewers.map((p) => cleanLine(p, 60)), s.morePendingReviewers)}`);
    const failing = r.checks.filter((c) => c.outcome === 'failure').length;
    const pending = r.checks.filter((c) => c.outcome === 'pending').length;
    if (r.checks.length === 0) {
      lines.push('checks: none reported on the head commit');
    } else {
      lines.push(`checks: ${r.checks.length}${failing ? `, ${failing} failing` : ''}${pending ? `, ${pending} pending` : ''}`);
      const passed = r.checks.filter((c) => c.outcome === 'success');
      for (const c of r.checks) if (c.outcome !== 'success') lines.push(checkLine(c));
      // Passing checks need no URL: one line keeps the answer short.
      if (passed.length) lines.push(`✓ passed: ${passed.map((c) => cleanLine(c.name, 100) + (c.source === 'status' ? ' (status)' : '')).join(', ')}`);
      if (s.checksTotal > r.checks.length) lines.push(`(${s.checksTotal - r.checks.length} more checks not listed; see ${s.url ? `${s.url}/checks` : 'the pull request on GitHub'})`);
    }
    lines.push(f.totalCount ? `changed files ${from}–${to} of ${f.totalCount}:` : 'changed files: none');
  }
  for (const file of f.items) lines.push(`${file.change} ${cleanLine(file.path, 300)} +${file.additions} −${file.deletions}`);
  if (r.nextCursor) lines.push(cursorTrailer(r.remaining, r.remaining === 1 ? 'changed file' : 'changed files', 'check_pr_readiness', r.nextCursor));
  return lines.join('\n');
}
