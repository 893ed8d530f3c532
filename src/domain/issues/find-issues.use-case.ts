import { DomainError } from '../errors.js';
import type { IssueQuery, IssueSummary } from '../model/issue.js';
import { parseRepoArg } from '../model/parse-repo.js';
import { decodeCursor, encodeCursor, fingerprint } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface FindIssuesInput {
  readonly repo?: string;
  readonly query?: string;
  readonly state: 'open' | 'closed' | 'all';
  readonly labels?: readonly string[];
  readonly assignee?: string;
  readonly author?: string;
  readonly kind: 'issue' | 'pr' | 'any';
  readonly sort: 'updated' | 'created' | 'comments';
  readonly limit: number;
  readonly cursor?: string;
}

export interface FindIssuesResult {
  readonly query: IssueQuery;
  readonly items: readonly IssueSummary[];
  readonly totalCount: number;
  /** Items shown on earlier pages. */
  readonly shownBefore: number;
  /** How many more can still be fetched (GitHub search reaches at most 1,000). */
  readonly remaining: number;
  readonly nextCursor: string | null;
}

/** GitHub's search API never returns more than the first 1,000 results of a query. */
export const SEARCH_REACH = 1000;

const SCOPED = /(^|\s)(repo|org|user|assignee|author|involves|mentions|commenter|review-requested|reviewed-by):\S/;

export class FindIssues {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: FindIssuesInput): Promise<FindIssuesResult> {
    const text = input.query?.trim() || undefined;
    if (!input.repo && !(text && SCOPED.test(text))) {
      throw new DomainError('INVALID_ARGUMENT', 'no repository given', {
        argument: 'repo',
        expected: 'a repository as "owner/name", or a query scoped with repo:, org:, user:, assignee:, author: or review-requested:',
        example: '{"repo": "acme/widgets"} or {"query": "org:acme is:open label:bug"}',
      });
    }
    const query: IssueQuery = {
      repo: input.repo ? parseRepoArg(input.repo) : undefined,
      text,
      state: input.state,
      labels: [...new Set(input.labels ?? [])],
      assignee: input.assignee?.replace(/^@(?!me$)/, '') || undefined,
      author: input.author?.replace(/^@(?!me$)/, '') || undefined,
      kind: input.kind,
      sort: input.sort,
    };
    const { cursor: _cursor, limit: _limit, ...identity } = input;
    const key = fingerprint('find_issues', identity);
    const at = decodeCursor(input.cursor, key, 'find_issues');
    const page = await this.tracker.searchIssues(query, { limit: input.limit, after: at.after });
    const shown = at.shown + page.items.length;
    const reachable = Math.min(page.totalCount, SEARCH_REACH);
    const remaining = page.hasNextPage ? Math.max(reachable - shown, 1) : 0;
    return {
      query,
      items: page.items,
      totalCount: page.totalCount,
      shownBefore: at.shown,
      remaining,
      nextCursor: page.hasNextPage && page.endCursor ? encodeCursor(key, page.endCursor, shown) : null,
    };
  }
}

export const FindIssuesUseCase = Symbol.for('FindIssues');
