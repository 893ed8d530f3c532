import type { IssueDigest, IssueQuery, IssueSummary } from '../domain/model/issue.js';
import type { MyWork } from '../domain/model/my-work.js';
import type { Page, PageRequest } from '../domain/model/page.js';
import type { PullRequestStatus } from '../domain/model/pull-request.js';
import type { RepoRef } from '../domain/model/repo.js';

/**
 * The questions the domain asks of an issue tracker, in domain words. Each call is one round trip
 * to the tracker (one GitHub GraphQL request). Failures are thrown as `DomainError`.
 */
export interface IssueTracker {
  searchIssues(query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>>;
  /** One issue or pull request with one page of its comments (oldest first). */
  getIssueDigest(repo: RepoRef, number: number, comments: PageRequest): Promise<IssueDigest>;
  /** A pull request's merge readiness with one page of its changed files. */
  getPullRequestStatus(repo: RepoRef, number: number, files: PageRequest): Promise<PullRequestStatus>;
  /** The token owner's plate: at most `limit` items per section. */
  getMyWork(filter: { readonly repo?: RepoRef }, limit: number): Promise<MyWork>;
}

export const IssueTracker = Symbol.for('IssueTracker');
