import { DomainError, type MergeRefusal } from '../errors.js';
import { MERGE_METHODS, type MergedPullRequest, type MergeMethod } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { decideReadiness, type Verdict } from './check-pr-readiness.use-case.js';

export interface MergePullRequestInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** Default: the first of merge, squash, rebase the repository allows. */
  readonly method?: MergeMethod;
  /** Merge on an ATTENTION verdict too (never on BLOCKED). */
  readonly allowAttention: boolean;
  /** The head commit the caller checked (a SHA or a prefix of one); a different head now is refused. */
  readonly head?: string;
  readonly commitHeadline?: string;
  readonly commitBody?: string;
}

export interface MergePullRequestResult {
  readonly repo: RepoRef;
  readonly number: number;
  readonly title: string;
  readonly method: MergeMethod;
  /** The verdict the merge was decided on, and the head commit it was pinned to. */
  readonly verdict: Verdict;
  readonly headOid: string;
  readonly merged: MergedPullRequest;
}

/**
 * "Merge it": one read (the readiness facts, the head commit and the allowed methods), the
 * readiness rule (`decideReadiness`, as CheckPrReadiness applies it), then one merge pinned to the head that was checked.
 * Every refusal before the write sends nothing.
 */
export class MergePullRequest {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: MergePullRequestInput): Promise<MergePullRequestResult> {
    if (input.method === 'rebase') noCommitMessage(input);
    const pr = await this.tracker.getPullRequestForMerge(input.repo, input.number);
    const s = pr.status;
    const refuse = (refusal: MergeRefusal) => new DomainError({ kind: 'MergeRefused', repo: formatRepo(input.repo), number: s.number, byGitHub: false, ...refusal });
    if (s.state === 'merged') throw refuse({ reason: 'already-merged' });
    if (s.state === 'closed') throw refuse({ reason: 'closed' });
    if (!s.headOid) throw new DomainError({ kind: 'UpstreamGarbled', reason: 'shape', attempts: 1 });
    const given = input.head?.trim().toLowerCase();
    if (given && !s.headOid.startsWith(given)) throw refuse({ reason: 'head-changed', given, head: s.headOid });
    const verdict = decideReadiness(s);
    if (verdict.level === 'BLOCKED' || (verdict.level === 'ATTENTION' && !input.allowAttention)) {
      throw refuse({ reason: 'not-ready', level: verdict.level, reasons: verdict.reasons });
    }
    const method = input.method ?? MERGE_METHODS.find((m) => pr.allowedMethods.includes(m)) ?? 'merge';
    if (!pr.allowedMethods.includes(method)) throw refuse({ reason: 'method-not-allowed', method, allowed: pr.allowedMethods });
    if (method === 'rebase') noCommitMessage(input);
    const merged = await this.tracker.mergePullRequest(input.repo, s.number, {
      pullRequestId: pr.nodeId,
      expectedHeadOid: s.headOid,
      method,
      ...(input.commitHeadline?.trim() ? { commitHeadline: input.commitHeadline } : {}),
      ...(input.commitBody?.trim() ? { commitBody: input.commitBody } : {}),
    });
    return { repo: input.repo, number: s.number, title: s.title, method, verdict, headOid: s.headOid, merged };
  }
}

/** A rebase writes no commit of its own, so a headline or body for one would be silently lost. */
function noCommitMessage(input: MergePullRequestInput): void {
  const field = input.commitHeadline !== undefined ? 'commitHeadline' : input.commitBody !== undefined ? 'commitBody' : undefined;
  if (field) throw new DomainError({ kind: 'InvalidInput', field, rule: 'needs', otherField: 'method', otherValue: 'merge" or "squash' });
}
