import { formatRepo, type RepoRef } from '../model/repo.js';
import type { Check, PullRequestReadiness, PullRequestStatus } from '../model/pull-request.js';
import { fetchPage, type PagePosition } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface CheckPrReadinessInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** Changed files per page. */
  readonly filesLimit: number;
  readonly cursor?: string;
}

export type VerdictLevel = 'READY' | 'ATTENTION' | 'BLOCKED';

export interface Verdict {
  readonly level: VerdictLevel;
  /** Why it is not READY, most serious first. Empty when READY. */
  readonly reasons: readonly string[];
}

/** The position is the changed files' position. */
export interface PrReadinessResult extends PagePosition {
  readonly status: PullRequestStatus;
  readonly verdict: Verdict;
  /** Failures first, then pending, then the rest; required before optional. */
  readonly checks: readonly Check[];
}

const OUTCOME_ORDER: Record<Check['outcome'], number> = { failure: 0, pending: 1, neutral: 2, skipped: 3, success: 4 };

export function orderChecks(checks: readonly Check[]): Check[] {
  return [...checks].sort(
    (a, b) =>
      OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] ||
      Number(b.required) - Number(a.required) ||
      a.name.localeCompare(b.name),
  );
}

const names = (checks: readonly Check[]) => checks.map((c) => c.name).join(', ');

/** The rule a maintainer applies before pressing merge. */
export function decideReadiness(pr: PullRequestReadiness): Verdict {
  const blocked: string[] = [];
  const attention: string[] = [];
  if (pr.state === 'merged') blocked.push('already merged');
  else if (pr.state === 'closed') blocked.push('closed without merging');
  if (pr.isDraft) blocked.push('still a draft');
  if (pr.mergeable === 'conflicting') blocked.push(`merge conflicts with ${pr.baseRef}`);
  const failing = pr.checks.filter((c) => c.outcome === 'failure');
  const requiredFailing = failing.filter((c) => c.required);
  if (requiredFailing.length) blocked.push(`${requiredFailing.length} required check(s) failing: ${names(requiredFailing)}`);
  const optionalFailing = failing.filter((c) => !c.required);
  if (optionalFailing.length) blocked.push(`${optionalFailing.length} check(s) failing: ${names(optionalFailing)}`);
  const changesBy = pr.reviews.filter((r) => r.state === 'changes_requested').map((r) => r.author ?? 'ghost');
  if (pr.reviewDecision === 'changes_requested' || changesBy.length) {
    blocked.push(`changes requested${changesBy.length ? ` by ${changesBy.join(', ')}` : ''}`);
  }
  const pending = pr.checks.filter((c) => c.outcome === 'pending');
  if (pending.length) attention.push(`${pending.length} check(s) still running: ${names(pending)}`);
  if (pr.reviewDecision === 'review_required') {
    attention.push(
      `approving review required${pr.pendingReviewers.length ? `; waiting on ${pr.pendingReviewers.join(', ')}` : '; nobody is requested yet'}`,
    );
  } else if (pr.pendingReviewers.length && pr.reviewDecision !== 'approved') {
    attention.push(`review requested from ${pr.pendingReviewers.join(', ')}`);
  }
  if (pr.mergeState === 'behind') attention.push(`branch is behind ${pr.baseRef}; update it before merging`);
  if (pr.mergeable === 'unknown' && pr.state === 'open') {
    attention.push('GitHub is still computing mergeability; ask again in a minute');
  }
  if (pr.mergeState === 'blocked' && blocked.length === 0 && attention.length === 0) {
    blocked.push('GitHub reports merging is blocked by branch protection rules');
  }
  if (blocked.length) return { level: 'BLOCKED', reasons: [...blocked, ...attention] };
  if (attention.length) return { level: 'ATTENTION', reasons: attention };
  return { level: 'READY', reasons: [] };
}

export class CheckPrReadiness {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: CheckPrReadinessInput): Promise<PrReadinessResult> {
    const { repo, number } = input;
    const { result: status, position } = await fetchPage(
      { useCase: 'CheckPrReadiness', identity: { repo: formatRepo(repo).toLowerCase(), number }, cursor: input.cursor },
      (after) => this.tracker.getPullRequestStatus(repo, number, { limit: input.filesLimit, after }),
      (status) => status.files,
    );
    return { status, verdict: decideReadiness(status), checks: orderChecks(status.checks), ...position };
  }
}
