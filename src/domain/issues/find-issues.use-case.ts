import { DomainError } from '../errors.js';
import type { IssueQuery, IssueSummary } from '../model/issue.js';
import { parseRepoArg } from '../model/parse-repo.js';
import { decodeCursor, encodeCursor, fingerprint } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface FindIssuesInput {
  readonly repo?: string;
  readonly query?: string;
  /** Default: what the query says (is:open, is:closed, is:merged), else `open`. */
  readonly state?: 'open' | 'closed' | 'all';
  readonly labels?: readonly string[];
  readonly assignee?: string;
  readonly author?: string;
  /** Default: what the query says (is:issue, is:pr, is:merged), else `issue`. */
  readonly kind?: 'issue' | 'pr' | 'any';
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

const QUERY_KIND: readonly [RegExp, 'issue' | 'pr'][] = [
  [/(^|\s)(is|type):(pr|pull-request)(?=\s|$)/i, 'pr'],
  [/(^|\s)is:(merged|unmerged|draft)(?=\s|$)/i, 'pr'],
  [/(^|\s)(is|type):issue(?=\s|$)/i, 'issue'],
];
const QUERY_STATE: readonly [RegExp, 'open' | 'closed'][] = [
  [/(^|\s)(is|state):open(?=\s|$)/i, 'open'],
  [/(^|\s)(is|state):(closed|merged)(?=\s|$)/i, 'closed'],
];

function fromQuery<T extends string>(text: string | undefined, rules: readonly [RegExp, T][]): T | undefined {
  return text ? rules.find(([re]) => re.test(text))?.[1] : undefined;
}

/**
 * Arguments win over defaults, the query's own qualifiers win over defaults, and an argument that
 * contradicts the query is refused: `is:open is:closed` would silently find nothing.
 */
function resolve<T extends string>(argument: string, given: T | undefined, inQuery: T | undefined, fallback: T, compatible: (a: T, b: T) => boolean): T {
  if (given && inQuery && !compatible(given, inQuery)) {
    throw new DomainError('INVALID_ARGUMENT', `\`${argument}\` is "${given}" but the query asks for ${inQuery === 'pr' ? 'pull requests' : inQuery === 'issue' ? 'issues' : `${inQuery} items`}`, {
      argument,
      expected: `left out (the query decides), or consistent with the query`,
      example: `{"query": "…", "${argument}": "${inQuery}"}`,
    });
  }
  return given ?? inQuery ?? fallback;
}

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
    const kind = resolve('kind', input.kind, fromQuery(text, QUERY_KIND), 'issue', (a, b) => a === 'any' || a === b);
    const state = resolve('state', input.state, fromQuery(text, QUERY_STATE), 'open', (a, b) => a === 'all' || a === b);
    const query: IssueQuery = {
      repo: input.repo ? parseRepoArg(input.repo) : undefined,
      text,
      state,
      labels: [...new Set(input.labels ?? [])],
      assignee: input.assignee?.replace(/^@(?!me$)/, '') || undefined,
      author: input.author?.replace(/^@(?!me$)/, '') || undefined,
      kind,
      sort: input.sort,
    };
    const { cursor: _cursor, limit: _limit, ...identity } = input;
    const key = fingerprint('find_issues', { ...identity, state, kind });
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
