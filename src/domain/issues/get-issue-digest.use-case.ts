import type { IssueDigest } from '../model/issue.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import { fetchPage, type PagePosition } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface GetIssueDigestInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** Comments per page. */
  readonly commentsLimit: number;
  readonly cursor?: string;
}

/** The position is the comments' position. */
export interface IssueDigestResult extends PagePosition {
  readonly digest: IssueDigest;
}

export class GetIssueDigest {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: GetIssueDigestInput): Promise<IssueDigestResult> {
    const { repo, number } = input;
    const { result: digest, position } = await fetchPage(
      { useCase: 'GetIssueDigest', identity: { repo: formatRepo(repo).toLowerCase(), number }, cursor: input.cursor },
      (after) => this.tracker.getIssueDigest(repo, number, { limit: input.commentsLimit, after }),
      (digest) => digest.comments,
    );
    return { digest, ...position };
  }
}
