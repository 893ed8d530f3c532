import type { CreatedIssue, CreateIssueLookup, IssueDraft, IssueForChange, MergeDraft, MergedPullRequest, PullRequestForMerge, PullRequestForReview, RepoLabels, ReviewDraft, SubmittedReview, TriageApplied, TriageChange, TriageLookup } from '../domain/model/change.js';
import type { IssueDigest, IssueQuery, IssueSummary } from '../domain/model/issue.js';
import type { MyWork } from '../domain/model/my-work.js';
import type { Page, PageRequest } from '../domain/model/page.js';
import type { PullRequestStatus } from '../domain/model/pull-request.js';
import type { RepoRef } from '../domain/model/repo.js';
import type { RateBudget } from '../domain/model/budget.js';

/**
 * The questions the domain asks of an issue tracker, in domain words. Each call is one round trip
 * to the tracker (one GitHub GraphQL request). Failures are thrown as `DomainError`.
 * An abstract class rather than an interface only so that it is also its own typed identifier in
 * the composition root (`container.get(IssueTracker)` is an `IssueTracker`); adapters `implement` it.
 */
export abstract class IssueTracker {
  /** The token's budget as of the latest answer, if the tracker has one (GitHub does). */
  abstract lastBudget(): RateBudget | undefined;
  abstract searchIssues(query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>>;
  /** One issue or pull request with one page of its comments (oldest first). */
  abstract getIssueDigest(repo: RepoRef, number: number, comments: PageRequest): Promise<IssueDigest>;
  /** A pull request's merge readiness with one page of its changed files. */
  abstract getPullRequestStatus(repo: RepoRef, number: number, files: PageRequest): Promise<PullRequestStatus>;
  /** The token owner's plate: at most `limit` items per section. */
  abstract getMyWork(filter: { readonly repo?: RepoRef }, limit: number): Promise<MyWork>;

  // --- writes. Never retried: a write that may have happened is reported, not repeated.

  /** The repository's labels (at most `limit`, by name) with descriptions and open-issue counts. */
  abstract listLabels(repo: RepoRef, limit: number): Promise<RepoLabels>;
  /** An issue as it is now, with the viewer's permission on its repository (before a change or a deletion). */
  abstract getIssueForChange(repo: RepoRef, number: number): Promise<IssueForChange>;
  /**
   * One read before a triage: the issue (node id, labels, assignees, state), each label name and
   * each login looked up in the repository. Unknown names come back with `match: null`.
   */
  abstract lookupForTriage(repo: RepoRef, number: number, labels: readonly string[], logins: readonly string[]): Promise<TriageLookup>;
  /** One write: every part of `change`, in order; the issue's state afterwards as the tracker reports it. */
  abstract applyTriage(repo: RepoRef, number: number, change: TriageChange): Promise<TriageApplied>;
  /**
   * One read before creating an issue: the repository's id, each label name, login and the open
   * milestones, and up to 3 open issues whose titles share `titleWords` (for a duplicate warning).
   */
  abstract lookupForCreate(repo: RepoRef, labels: readonly string[], logins: readonly string[], titleWords: readonly string[]): Promise<CreateIssueLookup>;
  /** One write: the new issue, as the tracker reports it. */
  abstract createIssue(repo: RepoRef, draft: IssueDraft): Promise<CreatedIssue>;
  /** One read before a review: the pull request's node id, author, the viewer's login, its changed files. */
  abstract getPullRequestForReview(repo: RepoRef, number: number): Promise<PullRequestForReview>;
  /** One write: the review with its inline comments, as the tracker reports it. */
  abstract submitReview(repo: RepoRef, number: number, draft: ReviewDraft): Promise<SubmittedReview>;
  /**
   * One read before a merge: the pull request's readiness facts (as `getPullRequestStatus`, without
   * files), its node id and head commit, and the merge methods the repository allows.
   */
  abstract getPullRequestForMerge(repo: RepoRef, number: number): Promise<PullRequestForMerge>;
  /**
   * One write: the merge, pinned to `draft.expectedHeadOid`. A refusal (the head moved, a method
   * not allowed, not mergeable, already merged or closed) is the problem `MergeRefused` with `byGitHub`.
   */
  abstract mergePullRequest(repo: RepoRef, number: number, draft: MergeDraft): Promise<MergedPullRequest>;
  /** Deletes the issue for good. Needs admin rights on the repository. */
  abstract deleteIssue(repo: RepoRef, number: number, nodeId: string): Promise<void>;
}
