import type { IssueDigest } from '../model/issue.js';
import { parseRepoArg } from '../model/parse-repo.js';
import { decodeCursor, encodeCursor, fingerprint } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface GetIssueDigestInput {
  readonly repo: string;
  readonly number: number;
  readonly comments_limit: number;
  readonly cursor?: string;
}

export interface IssueDigestResult {
  readonly digest: IssueDigest;
  /** Comments shown on earlier pages; > 0 means this is a continuation page. */
  readonly shownBefore: number;
  readonly remaining: number;
  readonly nextCursor: string | null;
}

export class GetIssueDigest {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: GetIssueDigestInput): Promise<IssueDigestResult> {
    const repo = parseRepoArg(input.repo);
    const key = fingerprint('get_issue_digest', { repo: input.repo.trim().toLowerCase(), number: input.number });
    const at = decodeCursor(input.cursor, key, 'get_issue_digest');
    const digest = await this.tracker.getIssueDigest(repo, input.number, { limit: input.comments_limit, after: at.after });
    const c = digest.comments;
    const shown = at.shown + c.items.length;
    return {
      digest,
      shownBefore: at.shown,
      remaining: c.hasNextPage ? Math.max(c.totalCount - shown, 1) : 0,
      nextCursor: c.hasNextPage && c.endCursor ? encodeCursor(key, c.endCursor, shown) : null,
    };
  }
}

export const GetIssueDigestUseCase = Symbol.for('GetIssueDigest');
